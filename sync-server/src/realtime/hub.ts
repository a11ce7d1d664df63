import type { SessionUser } from '../../../domain/auth/roles.ts'
import { COLLECTION_NAMES, type CollectionName } from '../../../domain/collections.ts'
import type { ReadScope } from '../../../domain/kinds.ts'
import type { WireDocument } from '../../../domain/documents.ts'
import { readableView } from '../../../domain/permissions.ts'
import type { CommittedChange, StoredDocument } from '../store/index.ts'
import { ChangeCoalescer } from './coalescer.ts'
import type { SessionStreamHub } from './session-streams.ts'
import {
  changedCollections,
  changedFingerprints,
  scopeFingerprint,
  type OrgIndex,
} from '../visibility/org-index.ts'

/** Where a stream's text goes: in the server, the hijacked HTTP response. */
export interface StreamSink {
  /** Writes raw Server-Sent Events text, or its UTF-8 bytes. */
  write(chunk: string | Buffer): void
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
  /** How long a school's commits are gathered into one event per collection (`ChangeCoalescer`). Default 0: not. */
  coalesceMs?: number
}

/** Where the scope each session's last stream ended with is kept: the store, for every instance and a restart. */
export interface StreamScopes {
  /** Never rejects: a failure is the implementation's to report (a stream's end cannot fail). */
  saveStreamScope(sessionId: string, fingerprint: Record<string, string>): Promise<void>
}

/** What the hub needs to know of a stream besides its user. */
export interface StreamContext {
  /** The org index of the user's school, already loaded. */
  index: OrgIndex
  /** The session (one device) the stream belongs to. */
  sessionId: string
  /** When the access token the stream was opened with expires (ms). */
  expiresAt: number
  /** The scope fingerprint the session's last stream ended with (`StreamScopes`); null for its first. */
  scopeAtDisconnect: Record<string, string> | null
}

interface Subscriber extends StreamContext {
  user: SessionUser
  sink: StreamSink
  /** The scope `index` gave at `version`. */
  scope: ReadScope
  version: number
}

export function sseEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`
}

export const HEARTBEAT = ': heartbeat\n\n'

const resyncFromZero = (collections: CollectionName[]) => sseEvent('resync', { collections, fromZero: true })
const RESYNC_RECEIPTS_FROM_ZERO = sseEvent('resync', { collections: ['receipts'], fromZero: true })

function changeEvent(collection: CollectionName, visible: WireDocument[], lastSeq: number): string {
  return sseEvent('change', { collection, documents: visible, checkpoint: { seq: lastSeq } })
}

interface SubscriberView {
  /** The documents the subscriber may read, each with the fields they may see. */
  views: WireDocument[]
  /** Names which documents they are when all are seen whole: subscribers with the same key share one event text. */
  sharedKey: string | undefined
}

const EVERY_DOCUMENT = '*'

function viewOf(subscriber: Subscriber, documents: readonly StoredDocument[]): SubscriberView {
  const views: WireDocument[] = []
  const wholeAt: number[] = []
  documents.forEach(({ data }, at) => {
    const view = readableView(subscriber.user, data, subscriber.scope)
    if (!view) return
    views.push(view)
    if (view === data) wholeAt.push(at)
  })
  if (wholeAt.length < views.length) return { views, sharedKey: undefined }
  return { views, sharedKey: wholeAt.length === documents.length ? EVERY_DOCUMENT : wholeAt.join() }
}

interface EventText {
  text: string
  /** Set when subscribers who see the same documents whole share this text (`SubscriberView.sharedKey`). */
  sharedKey: string | undefined
}

const NO_EVENT: EventText = { text: '', sharedKey: '' }

/**
 * The `change` events of one batch, each serialized once per set of documents seen whole, and what a subscriber is
 * sent encoded once per set of such events: the streams of one school mostly get the same bytes, so neither the
 * JSON nor its UTF-8 (and the chunk length the HTTP framing needs) is made again per stream.
 */
class BatchEvents {
  readonly #changes: readonly CommittedChange[]
  readonly #shared: Map<string, string>[]
  readonly #encoded = new Map<string, Buffer>()

  constructor(changes: readonly CommittedChange[]) {
    this.#changes = changes
    this.#shared = changes.map(() => new Map())
  }

  /** Every event of the batch `subscriber` sees, in order, as one payload (empty when none). */
  payloadFor(subscriber: Subscriber): string | Buffer {
    const events = this.#changes.map((change, at) => this.#eventFor(subscriber, change, at))
    const textOf = () => events.map((event) => event.text).join('')
    if (events.some((event) => event.sharedKey === undefined)) return textOf()
    const key = events.map((event) => event.sharedKey).join('|')
    let encoded = this.#encoded.get(key)
    if (encoded === undefined) {
      encoded = Buffer.from(textOf())
      this.#encoded.set(key, encoded)
    }
    return encoded
  }

  #eventFor(subscriber: Subscriber, { collection, documents }: CommittedChange, at: number): EventText {
    const { views, sharedKey } = viewOf(subscriber, documents)
    const lastSeq = documents.at(-1)?.seq
    if (views.length === 0 || lastSeq === undefined) return NO_EVENT
    if (sharedKey === undefined) return { text: changeEvent(collection, views, lastSeq), sharedKey }
    const shared = this.#shared[at] as Map<string, string>
    let text = shared.get(sharedKey)
    if (text === undefined) {
      text = changeEvent(collection, views, lastSeq)
      shared.set(sharedKey, text)
    }
    return { text, sharedKey }
  }
}

/**
 * The open sync streams of this server instance. Each committed change goes to the streams of its school,
 * filtered and projected per user with the same visibility rule and scope as pull; the checkpoint is the last seq of the
 * change, so a client never rescans documents hidden from it. A user whose scope the change altered is told
 * first to pull the scoped collections again from 0 (DESIGN §5). With `coalesceMs`, a school's commits are
 * gathered into batches (`ChangeCoalescer`); a batch is flushed before anything that changes what it is filtered
 * with or who receives it: a commit to the org index (`flush`, by the realtime plugin), a new stream, a resync.
 */
export class RealtimeHub implements SessionStreamHub {
  readonly #options: HubOptions
  readonly #scopes: StreamScopes
  readonly #bySchool = new Map<string, Set<Subscriber>>()
  /** Scopes of ended streams still being saved: `close` waits for them, before the store closes. */
  readonly #saving = new Set<Promise<void>>()
  readonly #heartbeat: NodeJS.Timeout
  readonly #coalescer: ChangeCoalescer

  constructor(options: HubOptions, scopes: StreamScopes) {
    this.#options = options
    this.#scopes = scopes
    this.#coalescer = new ChangeCoalescer({ windowMs: options.coalesceMs ?? 0 }, (schoolId, changes) =>
      this.#deliverBatch(schoolId, changes),
    )
    this.#heartbeat = setInterval(() => this.#beat(), options.heartbeatMs)
    this.#heartbeat.unref()
  }

  get connectionCount(): number {
    let count = 0
    for (const subscribers of this.#bySchool.values()) count += subscribers.size
    return count
  }

  /**
   * Starts sending `user`'s events to `sink` until `expiresAt`, when the access token it was opened with
   * expires (the client reconnects with a fresh one), or until its session ends (`endSessions`).
   * A session that comes back with another scope than its last stream ended with (it was offline while its
   * classes changed) is told to resync from 0 at once. Returns the function that stops it; the scope a stream
   * ends with is saved in `StreamScopes`.
   */
  connect(user: SessionUser, sink: StreamSink, context: StreamContext): () => void {
    const { index, scopeAtDisconnect } = context
    // Commits before the stream opened are the client's to pull, not the stream's to send.
    this.flush(user.schoolId)
    const subscriber = { ...context, user, sink, scope: index.scopeOf(user), version: index.version }
    const changed = scopeAtDisconnect
      ? changedFingerprints(scopeAtDisconnect, scopeFingerprint(subscriber.scope))
      : []
    if (changed.length > 0) this.#send(subscriber, resyncFromZero(changed))
    const subscribers = this.#bySchool.get(user.schoolId) ?? new Set()
    subscribers.add(subscriber)
    this.#bySchool.set(user.schoolId, subscribers)
    return () => this.#remove(subscriber)
  }

  /** Sends a committed change to the school's streams, after the coalescing window when there is one. */
  deliver(change: CommittedChange): void {
    this.#coalescer.add(change)
  }

  /** Sends the pending changes of `schoolId` (of every school when `undefined`) now. */
  flush(schoolId?: string): void {
    this.#coalescer.flush(schoolId)
  }

  /** Asks every stream of `userId` (all their windows and devices) to pull again, e.g. after a visibility change. */
  resync(userId: string, event: ResyncEvent): void {
    this.flush()
    const text = sseEvent('resync', event)
    for (const subscribers of this.#bySchool.values()) {
      for (const subscriber of subscribers) if (subscriber.user.id === userId) this.#send(subscriber, text)
    }
  }

  /**
   * Changes of `schoolId` (every school when `undefined`) may not have reached this hub: its streams are told to
   * pull every collection again from their checkpoints, then ended, so they reconnect with a fresh org index.
   */
  resyncSchool(schoolId: string | undefined): void {
    this.flush(schoolId)
    const text = sseEvent('resync', { collections: [...COLLECTION_NAMES] })
    for (const [school, subscribers] of [...this.#bySchool]) {
      if (schoolId !== undefined && school !== schoolId) continue
      for (const subscriber of [...subscribers]) {
        subscriber.sink.write(text)
        this.#drop(subscriber)
      }
    }
  }

  /** Ends every stream of these accounts at once (their sessions were revoked, e.g. the person was deleted). */
  disconnect(accountIds: readonly string[]): void {
    const ended = new Set(accountIds)
    for (const subscribers of [...this.#bySchool.values()]) {
      for (const subscriber of [...subscribers]) if (ended.has(subscriber.user.id)) this.#drop(subscriber)
    }
  }

  /** Ends the streams of these sessions at once (their devices were signed out). */
  endSessions(sessionIds: readonly string[]): void {
    const ended = new Set(sessionIds)
    for (const subscribers of [...this.#bySchool.values()]) {
      for (const subscriber of [...subscribers]) if (ended.has(subscriber.sessionId)) this.#drop(subscriber)
    }
  }

  /**
   * Ends every stream (server shutdown), each after a `resync` of every collection: the client reconnects at once,
   * through the proxy to another instance, and pulls what it missed meanwhile. Settles once their scopes are saved.
   */
  async close(): Promise<void> {
    clearInterval(this.#heartbeat)
    this.resyncSchool(undefined)
    await Promise.all(this.#saving)
  }

  /** One write per stream: its scope's resync first when a commit changed it, then the batch's events. */
  #deliverBatch(schoolId: string, changes: readonly CommittedChange[]): void {
    const subscribers = this.#bySchool.get(schoolId)
    if (!subscribers) return
    const events = new BatchEvents(changes)
    for (const subscriber of subscribers) {
      this.#refreshScope(subscriber)
      const payload = events.payloadFor(subscriber)
      if (payload.length > 0) this.#send(subscriber, payload)
    }
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

  #refreshScope(subscriber: Subscriber): void {
    const { index, user } = subscriber
    if (subscriber.version === index.version) return
    subscriber.version = index.version
    const previous = subscriber.scope
    subscriber.scope = index.scopeOf(user)
    const changed = changedCollections(previous, subscriber.scope)
    if (changed.length > 0) this.#send(subscriber, resyncFromZero(changed))
    // Made CC of a notice already delivered: its receipts lie before the client's checkpoint.
    if (!changed.includes('org') && index.gainsDeliveredNotice(previous, subscriber.scope))
      this.#send(subscriber, RESYNC_RECEIPTS_FROM_ZERO)
  }

  #send(subscriber: Subscriber, payload: string | Buffer): void {
    if (subscriber.sink.bufferedBytes > this.#options.maxBufferedBytes) this.#drop(subscriber)
    else subscriber.sink.write(payload)
  }

  #drop(subscriber: Subscriber): void {
    this.#remove(subscriber)
    subscriber.sink.close()
  }

  #remove(subscriber: Subscriber): void {
    const schoolId = subscriber.user.schoolId
    const subscribers = this.#bySchool.get(schoolId)
    if (subscribers?.delete(subscriber)) this.#saveScope(subscriber)
    if (subscribers?.size === 0) this.#bySchool.delete(schoolId)
  }

  #saveScope({ sessionId, scope }: Subscriber): void {
    const saving = this.#scopes.saveStreamScope(sessionId, scopeFingerprint(scope))
    this.#saving.add(saving)
    void saving.finally(() => this.#saving.delete(saving))
  }
}
