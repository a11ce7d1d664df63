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

// ---- Signed-in devices (AUTH-6): `GET /api/auth/sessions` ----

export const DEVICE_KINDS = ['desktop', 'browser', 'phone'] as const
export type DeviceKind = (typeof DEVICE_KINDS)[number]

/** What a session was opened from, as its owner sees it in "signed-in devices". */
export interface SessionDevice {
  name: string
  kind: DeviceKind
}

/** One open session of an account (a signed-in device). */
export interface SessionInfo {
  id: string
  device: SessionDevice
  /** When it was opened, and when its refresh token was last used (ms since the epoch). */
  createdAt: number
  lastUsedAt: number
  /** The network address it was last used from, as the server saw it (behind `TRUST_PROXY`, the client's). */
  address: string | null
}

/** One signed-in device as its owner sees it; `current` is the session asking. */
export interface DeviceSession extends SessionInfo {
  current: boolean
}
