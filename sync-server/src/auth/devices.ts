import type { DeviceKind, SessionDevice } from '../../../domain/auth/auth-wire.ts'

const SYSTEMS: readonly [RegExp, string][] = [
  [/iPhone|iPad|iPod/, 'iOS'],
  [/Android/, 'Android'],
  [/HarmonyOS|OpenHarmony/, 'HarmonyOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux|X11/, 'Linux'],
]

const APPS: readonly [RegExp, string][] = [
  [/Electron\//, 'Campus Desk'],
  [/MicroMessenger\//, 'WeChat'],
  [/wxwork\//, 'WeCom'],
  [/Edg\//, 'Edge'],
  [/Firefox\//, 'Firefox'],
  [/Chrome\/|CriOS\//, 'Chrome'],
  [/Safari\//, 'Safari'],
]

function first(table: readonly [RegExp, string][], userAgent: string): string | undefined {
  return table.find(([pattern]) => pattern.test(userAgent))?.[1]
}

function kindOf(userAgent: string): DeviceKind {
  if (/Electron\//.test(userAgent)) return 'desktop'
  return /Mobile|Android|iPhone|iPad|HarmonyOS/.test(userAgent) ? 'phone' : 'browser'
}

/**
 * How "signed-in devices" names a session: the name the client gave (the desktop's QR login names the PC),
 * else the app and system its User-Agent tells, e.g. "Chrome · Windows".
 */
export function describeDevice(userAgent: string | undefined, givenName?: string): SessionDevice {
  const agent = userAgent ?? ''
  const name = [first(APPS, agent), first(SYSTEMS, agent)].filter(Boolean).join(' · ')
  return { name: (givenName?.trim() || name || agent.slice(0, 60)).slice(0, 100), kind: kindOf(agent) }
}
