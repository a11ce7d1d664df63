import { isAllowedNavigation } from './origins.ts'

/**
 * The only permissions the app's own pages get. Chromium's Local Network Access asks for the first three before a
 * page may reach a LAN or loopback address, which is where a school's sync server lives; the rest serve copy
 * buttons and full-screen course videos. Everything else (camera, geolocation, notifications, devices...) is denied.
 */
const GRANTED_TO_APP = new Set([
  'local-network-access',
  'local-network',
  'loopback-network',
  'clipboard-sanitized-write',
  'fullscreen',
])

export function isPermissionGranted(
  permission: string,
  requestingUrl: string,
  allowedOrigins: readonly string[],
): boolean {
  return GRANTED_TO_APP.has(permission) && isAllowedNavigation(requestingUrl, allowedOrigins)
}
