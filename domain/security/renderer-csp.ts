/**
 * The renderer's Content-Security-Policy, sent as a header by the app protocol (Electron) and by the sync server
 * under /app/ (web mode), and injected as a meta tag by the renderer build. No 'unsafe-eval': the schema validator
 * and vue-i18n run without it. http(s) in img-src and connect-src: the sync server's address is chosen by the user
 * at run time. worker-src and manifest-src: web mode's service worker and install manifests, from its own origin.
 * media-src and frame-src blob:: the course viewer plays videos and shows PDFs from the PC's blob cache (object URLs).
 */
const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: http: https:",
  "connect-src 'self' http: https:",
  "font-src 'self' data:",
  "media-src 'self' blob:",
  "frame-src 'self' blob:",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
]

export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ')

/** The meta-tag form: browsers ignore (and warn about) frame-ancestors there; only the header can carry it. */
export const META_CONTENT_SECURITY_POLICY = DIRECTIVES.filter((d) => !d.startsWith('frame-ancestors')).join(
  '; ',
)
