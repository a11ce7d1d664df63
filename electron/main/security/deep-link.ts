export const DEEP_LINK_SCHEME = 'campusdesk'

const MAX_DEEP_LINK_LENGTH = 2048

/**
 * A `campusdesk://<action>/...` link in normalised form, or null. The renderer decides what an action means; main
 * only makes sure that what it forwards is one well-formed link of our scheme.
 */
export function parseDeepLink(value: string): string | null {
  if (value.length > MAX_DEEP_LINK_LENGTH) return null
  const url = URL.parse(value)
  if (!url || url.protocol !== `${DEEP_LINK_SCHEME}:` || !url.host) return null
  if (url.username || url.password) return null
  return url.href
}

/** The first deep link among command-line arguments (Windows and Linux pass the link as an argument). */
export function findDeepLink(argv: readonly string[]): string | null {
  for (const argument of argv) {
    const link = parseDeepLink(argument)
    if (link) return link
  }
  return null
}
