import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

type Env = Readonly<Record<string, string | undefined>>

/** What decides whether Electron can open a window on this machine. */
export interface ElectronHost {
  platform: NodeJS.Platform
  env: Env
  /** Chromium refuses to run as root unless its sandbox is switched off, which we never do. */
  isRoot: boolean
  binaryInstalled: boolean
  /** Set once `node_modules/electron/install.js` was tried in this run and failed. */
  downloadFailed?: boolean
}

const NEEDS_DISPLAY_SERVER = new Set<NodeJS.Platform>(['linux', 'freebsd', 'openbsd', 'netbsd'])

function hasDisplay({ platform, env }: ElectronHost): boolean {
  return !NEEDS_DISPLAY_SERVER.has(platform) || !!env.DISPLAY || !!env.WAYLAND_DISPLAY
}

function binaryReason({ env, downloadFailed }: ElectronHost): string {
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD)
    return 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD is set)'
  if (downloadFailed)
    return 'Electron binary not installed (its download failed: no network access to it here?)'
  return 'Electron binary not installed'
}

/** Why Electron cannot start here, in one phrase, or null when it can. */
export function whyElectronCannotRun(host: ElectronHost): string | null {
  const reasons = [
    hasDisplay(host) ? null : 'no display (DISPLAY and WAYLAND_DISPLAY are unset)',
    NEEDS_DISPLAY_SERVER.has(host.platform) && host.isRoot
      ? "running as root (Chromium's sandbox refuses root)"
      : null,
    host.binaryInstalled ? null : binaryReason(host),
  ].filter((reason) => reason !== null)
  return reasons.length ? reasons.join('; ') : null
}

/**
 * Whether fetching the binary could make Electron start: it is the only thing missing, nobody disabled the
 * download, and it was not already tried.
 */
export function shouldTryElectronDownload(host: ElectronHost): boolean {
  if (host.binaryInstalled || host.downloadFailed || host.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return false
  return whyElectronCannotRun(host) === binaryReason(host)
}

/** Where the electron package's installer puts the executable, relative to its `dist/` folder. */
export function electronExecutableName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron'
  return platform === 'win32' ? 'electron.exe' : 'electron'
}

/**
 * The installed Electron executable, or null. Found by hand: `require('electron')` would start a download when
 * the binary is missing.
 */
export function installedElectronBinary(
  projectDir: string,
  platform: NodeJS.Platform = process.platform,
  env: Env = process.env,
): string | null {
  const packageDir = join(projectDir, 'node_modules', 'electron')
  const pathFile = join(packageDir, 'path.txt')
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : electronExecutableName(platform)
  const binary = join(env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist'), executable)
  return existsSync(binary) ? binary : null
}

/** The host as it is right now, for the decisions above. */
export function describeHost(projectDir: string, downloadFailed = false): ElectronHost {
  return {
    platform: process.platform,
    env: process.env,
    isRoot: process.getuid?.() === 0,
    binaryInstalled: installedElectronBinary(projectDir) !== null,
    downloadFailed,
  }
}
