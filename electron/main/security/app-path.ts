import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { APP_HOST, APP_SCHEME } from './origins.ts'

/**
 * The file under `rootDir` that an `app://campus-desk/...` request asks for, or null when the request is for
 * another host or would leave `rootDir` (encoded `..%2f`, backslashes, NUL bytes, malformed escapes).
 * A directory path serves its index.html.
 */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  const url = URL.parse(requestUrl)
  if (!url || url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null
  const pathname = decodePath(url.pathname || '/')
  if (pathname === null || pathname.includes('\0') || pathname.includes('\\')) return null
  const root = resolve(rootDir)
  const file = resolve(root, `.${pathname}`)
  const inside = relative(root, file)
  if (inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null
  return pathname.endsWith('/') ? join(file, 'index.html') : file
}

function decodePath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname)
  } catch {
    return null
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
}

/** The Content-Type of a built file; served with `nosniff`, so a module script must be text/javascript. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}
