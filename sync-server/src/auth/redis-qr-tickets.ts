import type { Redis } from 'ioredis'
import type { SessionUser } from '../../../domain/auth/roles.ts'
import type { QrTicket, QrTicketStore } from './qr-tickets.ts'
import { subscribeChannel, type ChannelSubscription, type SharedRedis } from '../shared-redis.ts'

// Sets the ticket only if it is still what the caller read, and tells every instance it changed.
const REPLACE_IF_UNCHANGED = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
redis.call('PUBLISH', ARGV[3], ARGV[4])
return 1`

interface StoredTicket extends Omit<QrTicket, 'pollTokenHash'> {
  pollTokenHash: string
  scannedBy?: SessionUser
}

// Both directions keep the key order, so a ticket read back serialises to exactly the stored text.
const serialise = (ticket: QrTicket) =>
  JSON.stringify({ ...ticket, pollTokenHash: ticket.pollTokenHash.toString('base64') })

function parse(text: string): QrTicket {
  const stored = JSON.parse(text) as StoredTicket
  return { ...stored, pollTokenHash: Buffer.from(stored.pollTokenHash, 'base64') }
}

/**
 * QR tickets shared by several server instances (issue 16): one Redis key per ticket that expires by itself, a
 * Lua compare-and-set for every change (so a confirmed ticket's tokens go out once, whichever instance is
 * polled), and a channel that wakes the waiting polls of every instance.
 */
export class RedisQrTicketStore implements QrTicketStore {
  readonly #redis: Redis
  readonly #prefix: string
  readonly #changes: ChannelSubscription
  readonly #listeners: Set<(id: string) => void>

  private constructor(
    redis: SharedRedis,
    changes: ChannelSubscription,
    listeners: Set<(id: string) => void>,
  ) {
    this.#redis = redis.client
    this.#prefix = `${redis.prefix}qr:`
    this.#changes = changes
    this.#listeners = listeners
  }

  static async open(redis: SharedRedis): Promise<RedisQrTicketStore> {
    const listeners = new Set<(id: string) => void>()
    const changes = await subscribeChannel(redis, 'qr-changes', (id) => {
      for (const listener of listeners) listener(id)
    })
    return new RedisQrTicketStore(redis, changes, listeners)
  }

  async get(id: string): Promise<QrTicket | undefined> {
    const text = await this.#redis.get(this.#prefix + id)
    return text === null ? undefined : parse(text)
  }

  async add(ticket: QrTicket, forgetAt: number): Promise<void> {
    await this.#redis.set(this.#prefix + ticket.id, serialise(ticket), 'PXAT', forgetAt)
  }

  async replace(current: QrTicket, next: QrTicket): Promise<boolean> {
    const args = [serialise(current), serialise(next), this.#changes.channel, current.id]
    return (await this.#redis.eval(REPLACE_IF_UNCHANGED, 1, this.#prefix + current.id, ...args)) === 1
  }

  /** Redis forgets each ticket at its `forgetAt`. */
  async deleteExpiredBefore(): Promise<void> {}

  onChange(listener: (id: string) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  async close(): Promise<void> {
    this.#listeners.clear()
    this.#changes.close()
  }
}
