import { readFile } from 'node:fs/promises'
import { protocol } from 'electron'
import { contentTypeFor, resolveAppFile } from './security/app-path.ts'
import { CONTENT_SECURITY_POLICY } from '../../domain/security/renderer-csp.ts'
import { APP_SCHEME } from './security/origins.ts'

/**
 * Must run before `app` is ready. Standard and secure make `app://campus-desk` a real origin with a secure context
 * (IndexedDB, crypto.subtle for RxDB); supportFetchAPI lets the renderer fetch its own assets.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ])
}

/**
 * Serves the built renderer from `rendererDir` at `app://campus-desk/`, with the CSP as a header. Files are read
 * directly (Electron reads inside app.asar too), so the app never needs `file:` URLs.
 */
export function serveApp(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file =
      request.method === 'GET' || request.method === 'HEAD' ? resolveAppFile(rendererDir, request.url) : null
    const body = file ? await readFile(file).catch(() => null) : null
    if (!file || !body)
      return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } })
    return new Response(request.method === 'HEAD' ? null : body, {
      headers: {
        'Content-Type': contentTypeFor(file),
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
      },
    })
  })
}
