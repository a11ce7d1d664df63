import { isSafeExternalUrl } from './security/external-links.ts'
import { APP_ORIGIN, originOf } from './security/origins.ts'

export const SERVER_URL_ARGUMENT = '--server-url='
export const SERVER_URL_ENV = 'CAMPUS_DESK_SERVER_URL'
export const UPDATE_FEED_ENV = 'UPDATE_FEED_URL'

type Env = Readonly<Record<string, string | undefined>>

/** An http(s) URL without credentials, as `origin + path` without query, hash or trailing slash. */
function httpBaseUrl(value: string | undefined): string | null {
  if (!value || !isSafeExternalUrl(value)) return null
  const url = new URL(value)
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}

/** The sync server the app was started against: `--server-url=<url>` wins over CAMPUS_DESK_SERVER_URL. */
export function serverUrlFrom(argv: readonly string[], env: Env): string | null {
  const argument = argv.findLast((value) => value.startsWith(SERVER_URL_ARGUMENT))
  return httpBaseUrl(argument?.slice(SERVER_URL_ARGUMENT.length) ?? env[SERVER_URL_ENV])
}

/** electron-builder.yml's `publish.url` (a test keeps the two equal): the feed when nothing else is configured. */
export const PACKAGED_FEED_URL = 'https://campus-desk.school.example/updates/'

/**
 * Where electron-updater looks for `latest.yml`: UPDATE_FEED_URL, else the sync server's `/updates/`, else the
 * packaged feed. The updater takes only https ones (`feedUrlRefusal`).
 */
export function updateFeedUrl(env: Env, serverUrl: string | null): string {
  const base = httpBaseUrl(env[UPDATE_FEED_ENV]) ?? (serverUrl && `${serverUrl}/updates`)
  return base ? `${base}/` : PACKAGED_FEED_URL
}

/**
 * Origins whose pages are the app. electron-vite's dev server counts only in an unpackaged app: an installed app
 * never trusts an origin taken from its environment.
 */
export function appOrigins(devRendererUrl: string | undefined, isPackaged: boolean): string[] {
  const devOrigin = !isPackaged && devRendererUrl ? originOf(devRendererUrl) : null
  return devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN]
}
