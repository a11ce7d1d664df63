/**
 * What a `campusdesk://` link asks of the app (DESIGN §9). Main has already checked that the link is one
 * well-formed link of the scheme; here its action and identifiers are read, and anything else is `unknown`.
 */
export type AppLink =
  | { kind: 'notice'; id: string }
  | { kind: 'login' }
  | { kind: 'qr-ticket'; ticketId: string }
  | { kind: 'unknown'; link: string }

/** Where a link takes the app: a route, or a message when there is nowhere to go. */
export type DeepLinkOutcome =
  { go: string } | { messageKey: 'deepLinks.qrTicket' | 'deepLinks.unknown'; params: Record<string, string> }

const SCHEME = 'campusdesk:'
/** Document ids (UUIDs, imported keys) and QR ticket ids (base64url); at most 64 characters like the schemas. */
const IDENTIFIER = /^[\w.:-]{1,64}$/
/** A link shown in a message is cut to this length. */
export const MAX_SHOWN_LINK = 80

function identifier(segment: string | undefined): string | null {
  if (segment === undefined) return null
  try {
    const decoded = decodeURIComponent(segment)
    return IDENTIFIER.test(decoded) ? decoded : null
  } catch {
    return null
  }
}

function pathSegments(url: URL): string[] {
  return url.pathname.split('/').filter((segment) => segment !== '')
}

export function parseAppLink(link: string): AppLink {
  const unknown: AppLink = { kind: 'unknown', link }
  const url = URL.parse(link)
  if (!url || url.protocol !== SCHEME) return unknown
  const segments = pathSegments(url)
  const id = segments.length === 1 ? identifier(segments[0]) : null
  switch (url.host) {
    case 'login':
      return segments.length === 0 ? { kind: 'login' } : unknown
    case 'notice':
      return id ? { kind: 'notice', id } : unknown
    case 'qr':
      return id ? { kind: 'qr-ticket', ticketId: id } : unknown
    default:
      return unknown
  }
}

function shown(link: string): string {
  return link.length > MAX_SHOWN_LINK ? `${link.slice(0, MAX_SHOWN_LINK - 1)}…` : link
}

/**
 * A notice opens its page (`/notices/<id>`), the login link the login page (a signed-in user stays where they are).
 * A QR sign-in code is for a phone to confirm: opened on a PC it would sign in whichever computer asked for it, so
 * the app only says so. Anything else says that the link is not understood.
 */
export function deepLinkOutcome(link: string): DeepLinkOutcome {
  const parsed = parseAppLink(link)
  switch (parsed.kind) {
    case 'notice':
      return { go: `/notices/${encodeURIComponent(parsed.id)}` }
    case 'login':
      return { go: '/login' }
    case 'qr-ticket':
      return { messageKey: 'deepLinks.qrTicket', params: {} }
    case 'unknown':
      return { messageKey: 'deepLinks.unknown', params: { link: shown(link) } }
  }
}
