import type { SessionUser } from '../../../domain/auth/roles.ts'
import type { CollectionName } from '../../../domain/collections.ts'
import { canRead } from '../../../domain/permissions.ts'
import type { CommittedChange, StoredDocument } from '../store/index.ts'

/** Where a stream's text goes: in the server, the hijacked HTTP response. */
export interface StreamSink {
  /** Writes raw Server-Sent Events text. */
  write(chunk: string): void
  close(): void
  /** Bytes written but not yet taken by the client. */
  readonly bufferedBytes: number
}

/** Tells a client to pull `collections` again: from its checkpoint, or from 0 when `fromZero`. */
export interface ResyncEvent {
  collections: CollectionName[]
  fromZero?: boolean
}

export interface HubOptions {
  heartbeatMs: number
  /** A client this far behind is disconnected; it reconnects and pulls from its checkpoint. */
  maxBufferedBytes: number
}

interface Subscriber {
  user: SessionUser
  sink: StreamSink
  expiresAt: number
}

export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
}

export const HEARTBEAT = ': heartbeat\n\n'

function changeEvent(collection: CollectionName, visible: StoredDocument[], lastSeq: number): string {
  return sseEvent('change', {
    collection,
    documents: visible.map((d) => d.data),
    checkpoint: { seq: lastSeq },
  })
}

/**
 * The open sync streams of this server instance. Each committed change goes to the streams of its school,
 * filtered per user with the same visibility rule as pull; the checkpoint is the last seq of the change, so a
 * client never rescans documents hidden from it.
 */
export class RealtimeHub {
  readonly #options: HubOptions
  readonly #bySchool = new Map<string, Set<Subscriber>>()
  readonly #heartbeat: NodeJS.Timeout

  constructor(options: HubOptions) {
    this.#options = options
    this.#heartbeat = setInterval(() => this.#beat(), options.heartbeatMs)
    this.#heartbeat.unref()
  }

  get connectionCount(): number {
    let count = 0
    for (const subscribers of this.#bySchool.values()) count += subscribers.size
    return count
  }

  /**
   * Starts sending `user`'s events to `sink` until `expiresAt` (ms), when the access token it was opened with
   * expires: the client reconnects with a fresh one, so a logged-out or revoked session stops hearing changes.
   * Returns the function that stops it.
   */
  connect(user: SessionUser, sink: StreamSink, expiresAt = Infinity): () => void {
    const subscriber = { user, sink, expiresAt }
    const subscribers = this.#bySchool.get(user.schoolId) ?? new Set()
    subscribers.add(subscriber)
    this.#bySchool.set(user.schoolId, subscribers)
    return () => this.#remove(subscriber)
  }

  deliver(change: CommittedChange): void {
    const subscribers = this.#bySchool.get(change.schoolId)
    const last = change.documents.at(-1)
    if (!subscribers || !last) return
    let everythingVisible: string | undefined
    for (const subscriber of subscribers) {
      const visible = change.documents.filter((d) => canRead(subscriber.user, d.data))
      if (visible.length === 0) continue
      const event =
        visible.length === change.documents.length
          ? (everythingVisible ??= changeEvent(change.collection, visible, last.seq))
          : changeEvent(change.collection, visible, last.seq)
      this.#send(subscriber, event)
    }
  }

  /** Asks every stream of `userId` (all their windows and devices) to pull again, e.g. after a visibility change. */
  resync(userId: string, event: ResyncEvent): void {
    const text = sseEvent('resync', event)
    for (const subscribers of this.#bySchool.values()) {
      for (const subscriber of subscribers) if (subscriber.user.id === userId) this.#send(subscriber, text)
    }
  }

  /** Ends every stream (server shutdown). */
  close(): void {
    clearInterval(this.#heartbeat)
    for (const subscribers of this.#bySchool.values()) for (const { sink } of subscribers) sink.close()
    this.#bySchool.clear()
  }

  #beat(): void {
    const now = Date.now()
    for (const subscribers of this.#bySchool.values()) {
      for (const subscriber of subscribers) {
        if (subscriber.expiresAt <= now) this.#drop(subscriber)
        else this.#send(subscriber, HEARTBEAT)
      }
    }
  }

  #send(subscriber: Subscriber, text: string): void {
    if (subscriber.sink.bufferedBytes > this.#options.maxBufferedBytes) this.#drop(subscriber)
    else subscriber.sink.write(text)
  }

  #drop(subscriber: Subscriber): void {
    this.#remove(subscriber)
    subscriber.sink.close()
  }

  #remove(subscriber: Subscriber): void {
    const schoolId = subscriber.user.schoolId
    const subscribers = this.#bySchool.get(schoolId)
    subscribers?.delete(subscriber)
    if (subscribers?.size === 0) this.#bySchool.delete(schoolId)
  }
}
