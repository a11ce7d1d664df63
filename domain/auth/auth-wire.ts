import type { SessionUser } from './roles.ts'

// The sync server's auth routes (DESIGN §6), as both ends read them: the server answers with these, the renderer
// and the phone pages (`sync-server/src/pages/m/app.js`, through JSDoc) parse them.

/** One of the identities a login can act as (a person may be a teacher in one school and a guardian in two). */
export interface Identity {
  id: string
  schoolId: string
  schoolName: string
  name: string
  roles: SessionUser['roles']
}

/** `POST /api/auth/refresh`: a new pair (refresh tokens rotate). */
export interface TokenPair {
  accessToken: string
  refreshToken: string
}

/** A session's tokens and who it acts as; what a confirmed QR login hands to the desktop. */
export interface SessionTokens extends TokenPair {
  user: SessionUser
  mustChangePassword: boolean
}

/** `POST /api/auth/login`. */
export interface LoginResult extends SessionTokens {
  identities: Identity[]
}

/** `POST /api/auth/qr`: a QR login ticket; `scanUrl` goes into the code, `pollToken` never leaves the desktop. */
export interface QrTicket {
  ticketId: string
  scanUrl: string
  pollToken: string
  /** Server time (epoch ms) the ticket dies. */
  expiresAt: number
}

/** What the desktop's poll reports (DESIGN §6). */
export const QR_STATES = ['pending', 'scanned', 'confirmed', 'rejected', 'expired'] as const
export type QrState = (typeof QR_STATES)[number]

/** `GET /api/auth/qr/:ticketId`: a long-poll answer; `tokens` comes once, with the first `confirmed`. */
export interface QrPollAnswer {
  state: QrState
  scannedBy?: { name: string }
  tokens?: SessionTokens
}
