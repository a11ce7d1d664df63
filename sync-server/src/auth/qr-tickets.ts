import type { QrState } from '../../../domain/auth/auth-wire.ts'
import type { SessionUser } from '../../../domain/auth/roles.ts'

/**
 * What a ticket records: expiry is not stored but follows from `expiresAt`, and `used` is a confirmed ticket whose
 * tokens went to the desktop (it answers nothing any more).
 */
export type StoredQrState = Exclude<QrState, 'expired'> | 'used'

/** One QR login attempt of one desktop. */
export interface QrTicket {
  id: string
  /** SHA-256 of the poll token: the token itself is only ever known to the desktop. */
  pollTokenHash: Buffer
  deviceName: string
  /** The desktop's address, for the audit log; phones are shown `approximateAddress` of it. */
  clientAddress: string
  createdAt: number
  expiresAt: number
  state: StoredQrState
  /** The identity that scanned the code; only it may confirm or reject. */
  scannedBy?: SessionUser
}

/**
 * Where tickets live: this process's memory (`MemoryQrTicketStore`; a restart drops pending tickets, and their
 * desktops get 404 and show a fresh code) or Redis, shared by several instances (`RedisQrTicketStore`). Every
 * state change is a compare-and-set, so of two requests racing on one ticket only one changes it.
 */
export interface QrTicketStore {
  get(id: string): Promise<QrTicket | undefined>
  /** Stores a new ticket, kept until `forgetAt` (ms since the epoch). */
  add(ticket: QrTicket, forgetAt: number): Promise<void>
  /** Stores `next` only if the ticket is still `current`; false when another request changed it first. */
  replace(current: QrTicket, next: QrTicket): Promise<boolean>
  /** Forgets the tickets that expired before `time` (stores whose entries expire by themselves do nothing). */
  deleteExpiredBefore(time: number): Promise<void>
  /** Calls `listener` with the id of every ticket that changed, by a request to any instance. */
  onChange(listener: (id: string) => void): () => void
  close(): Promise<void>
}

export class MemoryQrTicketStore implements QrTicketStore {
  readonly #tickets = new Map<string, QrTicket>()
  readonly #listeners = new Set<(id: string) => void>()

  async get(id: string): Promise<QrTicket | undefined> {
    return this.#tickets.get(id)
  }

  async add(ticket: QrTicket): Promise<void> {
    this.#tickets.set(ticket.id, ticket)
  }

  async replace(current: QrTicket, next: QrTicket): Promise<boolean> {
    if (this.#tickets.get(current.id) !== current) return false
    this.#tickets.set(current.id, next)
    for (const listener of this.#listeners) listener(current.id)
    return true
  }

  async deleteExpiredBefore(time: number): Promise<void> {
    for (const [id, ticket] of this.#tickets) if (ticket.expiresAt < time) this.#tickets.delete(id)
  }

  onChange(listener: (id: string) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  async close(): Promise<void> {
    this.#listeners.clear()
  }
}

/**
 * The part of an address a phone user is shown: enough to tell "this building" from "somewhere else", not the
 * exact machine. IPv4 keeps 3 octets (`192.168.1.*`), IPv6 its first 3 groups (`2001:db8:1:*`).
 */
export function approximateAddress(ip: string): string {
  const v4 = /^(?:::ffff:)?(\d+\.\d+\.\d+)\.\d+$/i.exec(ip)
  if (v4) return `${v4[1]}.*`
  // Groups before a `::` are the leading ones; after it they would be the trailing ones.
  const leading = (ip.split('::')[0] ?? '').split(':').filter((group) => group !== '')
  return leading.length > 0 ? `${leading.slice(0, 3).join(':')}:*` : '*'
}
