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
  readonly #stopWatching: () => void

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
    this.#stopWatching = tickets.onChange((id) => this.#wake(id))
  }

  async create(deviceName: string, ip: string): Promise<NewQrTicket> {
    const now = this.#now()
    const { ticketTtlMs } = this.#options
    await this.#tickets.deleteExpiredBefore(now - ticketTtlMs * (RETAIN_FACTOR - 1))
    const pollToken = newRandomToken()
    const ticket: QrTicket = {
      id: randomBytes(16).toString('base64url'),
      pollTokenHash: hashOf(pollToken),
      deviceName,
      clientAddress: ip,
      createdAt: now,
      expiresAt: now + ticketTtlMs,
      state: 'pending',
    }
    await this.#tickets.add(ticket, now + ticketTtlMs * RETAIN_FACTOR)
    return { ticketId: ticket.id, pollToken, expiresAt: ticket.expiresAt }
  }

  /** The desktop's long poll: answers once the state differs from `after`, or after the longest wait. */
  async poll(ticketId: string, pollToken: string, after: QrState): Promise<QrPollAnswer> {
    const ticket = await this.#polledTicket(ticketId, pollToken)
    const state = this.#stateOf(ticket)
    if (state === after && (state === 'pending' || state === 'scanned')) {
      const untilExpiry = ticket.expiresAt - this.#now()
      await this.#waitForChange(ticketId, Math.min(this.#options.pollMaxWaitMs, untilExpiry))
    }
    return this.#answer(await this.#polledTicket(ticketId, pollToken))
  }

  /** The phone user opened the code: records who scanned it and tells them which computer asks. */
  async scan(ticketId: string, user: SessionUser): Promise<QrScanInfo> {
    const ticket = await this.#change(ticketId, (current) => {
      this.#assertLive(current)
      if (current.scannedBy && current.scannedBy.id !== user.id) throw conflict(QR_MESSAGES.scannedByOther)
      return current.scannedBy ? undefined : { state: 'scanned', scannedBy: user }
    })
    const { deviceName, createdAt, expiresAt, clientAddress } = ticket
    return { deviceName, createdAt, expiresAt, clientAddress: approximateAddress(clientAddress) }
  }

  async confirm(ticketId: string, user: SessionUser): Promise<void> {
    const ticket = await this.#decide(ticketId, user, 'confirmed')
    await this.#audit(user, 'qr.confirmed', ticket)
  }

  async reject(ticketId: string, user: SessionUser): Promise<void> {
    const ticket = await this.#decide(ticketId, user, 'rejected')
    await this.#audit(user, 'qr.rejected', ticket)
  }

  /** Lets every waiting poll answer now (the server is closing). */
  close(): void {
    this.#stopWatching()
    for (const waiters of this.#waiters.values()) for (const wake of waiters) wake()
  }

  #stateOf(ticket: QrTicket): QrState | 'used' {
    if (ticket.state === 'used' || ticket.state === 'rejected') return ticket.state
    return this.#now() >= ticket.expiresAt ? 'expired' : ticket.state
  }

  async #find(ticketId: string): Promise<QrTicket> {
    const ticket = await this.#tickets.get(ticketId)
    const forgotten = ticket && this.#now() >= ticket.createdAt + this.#options.ticketTtlMs * RETAIN_FACTOR
    if (!ticket || forgotten) throw notFound(QR_MESSAGES.unknown)
    return ticket
  }

  async #polledTicket(ticketId: string, pollToken: string): Promise<QrTicket> {
    const ticket = await this.#find(ticketId)
    if (!timingSafeEqual(hashOf(pollToken), ticket.pollTokenHash)) throw forbidden(QR_MESSAGES.wrongPollToken)
    return ticket
  }

  /** Only a pending or scanned ticket can still be acted on by the phone. */
  #assertLive(ticket: QrTicket): void {
    const state = this.#stateOf(ticket)
    if (state !== 'pending' && state !== 'scanned') throw goneError(state)
  }

  #decide(ticketId: string, user: SessionUser, state: 'confirmed' | 'rejected'): Promise<QrTicket> {
    return this.#change(ticketId, (ticket) => {
      this.#assertLive(ticket)
      if (!ticket.scannedBy) throw conflict(QR_MESSAGES.notScanned)
      if (ticket.scannedBy.id !== user.id) throw forbidden(QR_MESSAGES.notScanner)
      return { state }
    })
  }

  /**
   * Applies what `decide` makes of the ticket as stored now (nothing when it returns undefined; its errors
   * refuse the request). Another request may change the ticket in between: then it decides again on that.
   */
  async #change(
    ticketId: string,
    decide: (ticket: QrTicket) => { state: StoredQrState; scannedBy?: SessionUser } | undefined,
  ): Promise<QrTicket> {
    for (;;) {
      const ticket = await this.#find(ticketId)
      const change = decide(ticket)
      if (!change) return ticket
      const next = { ...ticket, ...change }
      if (await this.#tickets.replace(ticket, next)) return next
    }
  }

  async #answer(ticket: QrTicket): Promise<QrPollAnswer> {
    const state = this.#stateOf(ticket)
    if (state === 'used') throw gone(QR_MESSAGES.used)
    const scannedBy = ticket.scannedBy && { name: ticket.scannedBy.name }
    if (state !== 'confirmed' || !ticket.scannedBy) return { state, ...(scannedBy && { scannedBy }) }
    // Of two polls racing here (on any instances), only the one whose compare-and-set wins gets the tokens.
    if (!(await this.#tickets.replace(ticket, { ...ticket, state: 'used' }))) throw gone(QR_MESSAGES.used)
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

  #wake(ticketId: string): void {
    for (const wake of this.#waiters.get(ticketId) ?? []) wake()
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
