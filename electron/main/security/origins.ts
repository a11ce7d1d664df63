/** The renderer's own origin, served by the app protocol handler (DESIGN §9: never `file://`). */
export const APP_SCHEME = 'app'
export const APP_HOST = 'campus-desk'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

const SCHEMES_WITH_HOSTS = new Set(['http:', 'https:', `${APP_SCHEME}:`])

/**
 * `scheme://host[:port]` of a URL, or null when it has no origin we could ever trust. Built from the parsed parts
 * because WHATWG `URL.origin` is "null" for custom schemes such as `app:`. A URL with credentials has no trusted
 * origin: `http://good@evil/` belongs to evil.
 */
export function originOf(url: string): string | null {
  const parsed = URL.parse(url)
  if (!parsed || !SCHEMES_WITH_HOSTS.has(parsed.protocol) || !parsed.host) return null
  if (parsed.username || parsed.password) return null
  return `${parsed.protocol}//${parsed.host}`
}

/** Whether a frame may navigate to `url`: its parsed origin must be one of ours, never a prefix match. */
export function isAllowedNavigation(url: string, allowedOrigins: readonly string[]): boolean {
  const origin = originOf(url)
  return origin !== null && allowedOrigins.includes(origin)
}

/** Whether an IPC message comes from a frame showing our app. A destroyed or navigating frame has no URL. */
export function isTrustedSender(
  frameUrl: string | null | undefined,
  allowedOrigins: readonly string[],
): boolean {
  return !!frameUrl && isAllowedNavigation(frameUrl, allowedOrigins)
}

/**
 * Whether a frame may navigate to `url`. Besides our own pages, a sub-frame may show a `blob:` URL made by our own
 * origin: the course viewer's PDF frame (DESIGN §7.3), whose bytes the renderer typed `application/pdf` itself, so
 * the frame only ever holds the PDF viewer. The main frame never leaves the app for a blob.
 */
export function isAllowedFrameNavigation(
  url: string,
  isMainFrame: boolean,
  allowedOrigins: readonly string[],
): boolean {
  if (isAllowedNavigation(url, allowedOrigins)) return true
  return (
    !isMainFrame && url.startsWith('blob:') && isAllowedNavigation(url.slice('blob:'.length), allowedOrigins)
  )
}
