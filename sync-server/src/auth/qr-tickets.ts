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
 * Where tickets live. The server keeps them in memory, so a restart drops pending tickets (their desktops get
 * 404 and show a fresh code). Reads and writes are synchronous, which makes each state change atomic; a store
 * shared by several instances would need compare-and-set updates instead.
 */
export interface QrTicketStore {
  get(id: string): QrTicket | undefined
  set(ticket: QrTicket): void
  /** Forgets the tickets that expired before `time`. */
  deleteExpiredBefore(time: number): void
}

export class MemoryQrTicketStore implements QrTicketStore {
  readonly #tickets = new Map<string, QrTicket>()

  get(id: string): QrTicket | undefined {
    return this.#tickets.get(id)
  }

  set(ticket: QrTicket): void {
    this.#tickets.set(ticket.id, ticket)
  }

  deleteExpiredBefore(time: number): void {
    for (const [id, ticket] of this.#tickets) if (ticket.expiresAt < time) this.#tickets.delete(id)
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
