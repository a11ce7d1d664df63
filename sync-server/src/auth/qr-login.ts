import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { QrPollAnswer, QrState, QrTicket as WireQrTicket } from '../../../domain/auth/auth-wire.ts'
import type { SessionUser } from '../../../domain/auth/roles.ts'
import { conflict, forbidden, gone, notFound } from '../errors.ts'
import type { Store } from '../store/index.ts'
import { approximateAddress, type QrTicket, type QrTicketStore, type StoredQrState } from './qr-tickets.ts'
import type { AuthService } from './service.ts'
import { newRandomToken } from './tokens.ts'

export interface QrLoginOptions {
  /** How long a code can be scanned and confirmed (DESIGN §6: 120 s). */
  ticketTtlMs: number
  /** The longest a poll waits for a change before answering the current state (DESIGN §6: 25 s). */
  pollMaxWaitMs: number
}

/** What `POST /api/auth/qr` gives the desktop; the route adds the `scanUrl`. */
export type NewQrTicket = Omit<WireQrTicket, 'scanUrl'>

/** What the phone shows before its user confirms: which computer asks, and when. */
export interface QrScanInfo {
  deviceName: string
  createdAt: number
  expiresAt: number
  clientAddress: string
}

// Dead tickets are remembered this much longer than their lifetime, so late requests get a clear answer.
const RETAIN_FACTOR = 2

export const QR_MESSAGES = {
  unknown: 'Unknown QR login ticket: it expired or the server restarted; show a fresh code',
  wrongPollToken: 'Wrong poll token for this QR login ticket',
  expired: 'This QR code has expired; show a fresh code on the computer',
  rejected: 'This QR login was rejected',
  used: 'This QR code was already used',
  scannedByOther: 'Someone else already scanned this QR code',
  notScanned: 'Scan the QR code before confirming or rejecting it',
  notScanner: 'Only the user who scanned this QR code can confirm or reject it',
} as const

const hashOf = (token: string) => createHash('sha256').update(token).digest()

/** Refuses phone actions on a ticket in a final state (410), and answers unknown tickets with 404. */
function goneError(state: QrState | 'used') {
  if (state === 'expired') return gone(QR_MESSAGES.expired)
  if (state === 'rejected') return gone(QR_MESSAGES.rejected)
  return gone(QR_MESSAGES.used)
}

/**
 * QR login (DESIGN §6): a desktop asks for a ticket, a logged-in phone user scans and confirms it, and the
 * desktop's poll receives a new session of that user, once.
 */
export class QrLoginService {
  readonly #auth: AuthService
  readonly #store: Store
  readonly #tickets: QrTicketStore
  readonly #options: QrLoginOptions
  readonly #now: () => number
  /** Polls waiting for a ticket to change, by ticket id. */
  readonly #waiters = new Map<string, Set<() => void>>()

  constructor(
    auth: AuthService,
    store: Store,
    tickets: QrTicketStore,
    options: QrLoginOptions,
    now: () => number = Date.now,
  ) {
    this.#auth = auth
    this.#store = store
    this.#tickets = tickets
    this.#options = options
    this.#now = now
  }

  create(deviceName: string, ip: string): NewQrTicket {
    const now = this.#now()
    this.#tickets.deleteExpiredBefore(now - this.#options.ticketTtlMs * (RETAIN_FACTOR - 1))
    const pollToken = newRandomToken()
    const ticket: QrTicket = {
      id: randomBytes(16).toString('base64url'),
      pollTokenHash: hashOf(pollToken),
      deviceName,
      clientAddress: ip,
      createdAt: now,
      expiresAt: now + this.#options.ticketTtlMs,
      state: 'pending',
    }
    this.#tickets.set(ticket)
    return { ticketId: ticket.id, pollToken, expiresAt: ticket.expiresAt }
  }

  /** The desktop's long poll: answers once the state differs from `after`, or after the longest wait. */
  async poll(ticketId: string, pollToken: string, after: QrState): Promise<QrPollAnswer> {
    const ticket = this.#polledTicket(ticketId, pollToken)
    const state = this.#stateOf(ticket)
    if (state === after && (state === 'pending' || state === 'scanned')) {
      const untilExpiry = ticket.expiresAt - this.#now()
      await this.#waitForChange(ticketId, Math.min(this.#options.pollMaxWaitMs, untilExpiry))
    }
    return this.#answer(this.#polledTicket(ticketId, pollToken))
  }

  /** The phone user opened the code: records who scanned it and tells them which computer asks. */
  scan(ticketId: string, user: SessionUser): QrScanInfo {
    const ticket = this.#liveTicket(ticketId)
    if (ticket.scannedBy && ticket.scannedBy.id !== user.id) throw conflict(QR_MESSAGES.scannedByOther)
    if (!ticket.scannedBy) this.#update(ticket, { state: 'scanned', scannedBy: user })
    const { deviceName, createdAt, expiresAt, clientAddress } = ticket
    return { deviceName, createdAt, expiresAt, clientAddress: approximateAddress(clientAddress) }
  }

  async confirm(ticketId: string, user: SessionUser): Promise<void> {
    const ticket = this.#scannedBy(ticketId, user)
    this.#update(ticket, { state: 'confirmed' })
    await this.#audit(user, 'qr.confirmed', ticket)
  }

  async reject(ticketId: string, user: SessionUser): Promise<void> {
    const ticket = this.#scannedBy(ticketId, user)
    this.#update(ticket, { state: 'rejected' })
    await this.#audit(user, 'qr.rejected', ticket)
  }

  /** Lets every waiting poll answer now (the server is closing). */
  close(): void {
    for (const waiters of this.#waiters.values()) for (const wake of waiters) wake()
  }

  #stateOf(ticket: QrTicket): QrState | 'used' {
    if (ticket.state === 'used' || ticket.state === 'rejected') return ticket.state
    return this.#now() >= ticket.expiresAt ? 'expired' : ticket.state
  }

  #find(ticketId: string): QrTicket {
    const ticket = this.#tickets.get(ticketId)
    const forgotten = ticket && this.#now() >= ticket.createdAt + this.#options.ticketTtlMs * RETAIN_FACTOR
    if (!ticket || forgotten) throw notFound(QR_MESSAGES.unknown)
    return ticket
  }

  #polledTicket(ticketId: string, pollToken: string): QrTicket {
    const ticket = this.#find(ticketId)
    if (!timingSafeEqual(hashOf(pollToken), ticket.pollTokenHash)) throw forbidden(QR_MESSAGES.wrongPollToken)
    return ticket
  }

  /** A ticket the phone can still act on: pending or scanned. */
  #liveTicket(ticketId: string): QrTicket {
    const ticket = this.#find(ticketId)
    const state = this.#stateOf(ticket)
    if (state !== 'pending' && state !== 'scanned') throw goneError(state)
    return ticket
  }

  #scannedBy(ticketId: string, user: SessionUser): QrTicket {
    const ticket = this.#liveTicket(ticketId)
    if (!ticket.scannedBy) throw conflict(QR_MESSAGES.notScanned)
    if (ticket.scannedBy.id !== user.id) throw forbidden(QR_MESSAGES.notScanner)
    return ticket
  }

  async #answer(ticket: QrTicket): Promise<QrPollAnswer> {
    const state = this.#stateOf(ticket)
    if (state === 'used') throw gone(QR_MESSAGES.used)
    const scannedBy = ticket.scannedBy && { name: ticket.scannedBy.name }
    if (state !== 'confirmed' || !ticket.scannedBy) return { state, ...(scannedBy && { scannedBy }) }
    // Marked used before the first await: of two polls racing here, only one gets the tokens.
    this.#update(ticket, { state: 'used' })
    // The desktop named itself when it asked for the code (DESIGN §6); QR logins are the desktop's.
    const device = { name: ticket.deviceName, kind: 'desktop' as const }
    const opened = { device, address: ticket.clientAddress }
    const tokens = await this.#auth.startSessionFor(ticket.scannedBy.id, opened, {
      via: 'qr',
      ip: ticket.clientAddress,
      deviceName: ticket.deviceName,
    })
    return { state, scannedBy, tokens }
  }

  #update(ticket: QrTicket, change: { state: StoredQrState; scannedBy?: SessionUser }): void {
    this.#tickets.set({ ...ticket, ...change })
    for (const wake of this.#waiters.get(ticket.id) ?? []) wake()
  }

  #waitForChange(ticketId: string, timeoutMs: number): Promise<void> {
    return new Promise((resolve) => {
      const waiters = this.#waiters.get(ticketId) ?? new Set()
      this.#waiters.set(ticketId, waiters)
      const wake = () => {
        clearTimeout(timer)
        waiters.delete(wake)
        if (waiters.size === 0) this.#waiters.delete(ticketId)
        resolve()
      }
      const timer = setTimeout(wake, Math.max(0, timeoutMs))
      waiters.add(wake)
    })
  }

  #audit(user: SessionUser, action: string, ticket: QrTicket): Promise<void> {
    return this.#store.audit({
      schoolId: user.schoolId,
      accountId: user.id,
      action,
      detail: { deviceName: ticket.deviceName, ip: ticket.clientAddress },
    })
  }
}
