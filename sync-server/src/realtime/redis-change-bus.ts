import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { isCollectionName } from '../../../domain/collections.ts'
import { logOutages } from '../shared-redis.ts'
import type { CommittedChange, DocumentStore, StoredDocument } from '../store/index.ts'
import { KeyedMutex } from '../store/keyed-mutex.ts'
import type { ChangeBus, ChangeListener, MissedListener } from './change-bus.ts'
import { SeqOrder, type SeqRange } from './seq-order.ts'

export interface RedisChangeBusOptions {
  url: string
  /** Channels (and keys) start with it, so deployments and test runs sharing one Redis stay apart. */
  prefix: string
  /** How long a school's later commits wait for missing seqs before its streams are told to resync. Default 5 s. */
  missingWaitMs?: number
}

/** What the bus reads from the shared store. */
export type BusStore = Pick<DocumentStore, 'pull' | 'lastSeqs'>

/** A range with the documents when this instance committed it (no need to read them back). */
interface Pointer extends SeqRange {
  documents?: StoredDocument[]
}

interface Message extends SeqRange {
  instance: string
}

function parseMessage(text: string): Message | undefined {
  try {
    const message = JSON.parse(text) as Partial<Message>
    const valid =
      typeof message.instance === 'string' &&
      typeof message.schoolId === 'string' &&
      typeof message.collection === 'string' &&
      isCollectionName(message.collection) &&
      Number.isSafeInteger(message.fromSeq) &&
      Number.isSafeInteger(message.toSeq)
    return valid ? (message as Message) : undefined
  } catch {
    return undefined
  }
}

/** At most this many seqs are read from the store in one query. */
const MAX_SEQS_PER_READ = 1_000

/** The pointers split into runs of one collection whose seqs follow each other, each at most `MAX_SEQS_PER_READ`. */
function runsOf(pointers: readonly Pointer[]): Pointer[][] {
  const runs: Pointer[][] = []
  for (const pointer of pointers) {
    const run = runs.at(-1)
    const [start, end] = [run?.[0], run?.at(-1)]
    const continues =
      start?.collection === pointer.collection &&
      end?.toSeq === pointer.fromSeq - 1 &&
      pointer.toSeq - start.fromSeq < MAX_SEQS_PER_READ
    if (run && continues) run.push(pointer)
    else runs.push([pointer])
  }
  return runs
}

function rangeOf(change: CommittedChange): SeqRange | undefined {
  const [first, last] = [change.documents[0], change.documents.at(-1)]
  if (!first || !last) return undefined
  return { schoolId: change.schoolId, collection: change.collection, fromSeq: first.seq, toSeq: last.seq }
}

/**
 * The change bus of several server instances on one shared store (issue 16): each commit is published on a Redis
 * channel as a pointer (school, collection, seq range), never the documents. Every instance puts a school's
 * pointers back in seq order (`SeqOrder`; instances publish independently, so they may arrive out of order),
 * reads the documents from the store and hands them to its listeners: no gap, no duplicate. Seqs that never
 * arrive (an instance died between commit and publish) are given up after `missingWaitMs`, and lost messages
 * (Redis reconnected) are reported to the `onMissed` listeners, whose streams then pull again.
 */
export class RedisChangeBus implements ChangeBus {
  readonly #store: BusStore
  readonly #channel: string
  readonly #missingWaitMs: number
  readonly #instance = randomUUID()
  readonly #publisher: Redis
  readonly #subscriber: Redis
  readonly #listeners = new Set<ChangeListener>()
  readonly #missedListeners = new Set<MissedListener>()
  readonly #orders = new Map<string, SeqOrder<Pointer>>()
  readonly #delivery = new KeyedMutex()
  /** Per school, the ranges whose delivery is queued but not started: later ones join them. */
  readonly #waiting = new Map<string, Pointer[]>()
  readonly #missingTimers = new Map<string, NodeJS.Timeout>()
  #lastSeqs = new Map<string, number>()
  /** Settles once the last seqs the orders start from are known (again, after a reconnect). */
  #ready: Promise<void> = Promise.resolve()

  private constructor(store: BusStore, options: RedisChangeBusOptions) {
    this.#store = store
    this.#channel = `${options.prefix}changes`
    this.#missingWaitMs = options.missingWaitMs ?? 5_000
    const connectionName = `${options.prefix}changes`
    this.#publisher = new Redis(options.url, { lazyConnect: true, connectionName })
    this.#subscriber = new Redis(options.url, { lazyConnect: true, connectionName })
    logOutages(this.#publisher, 'change bus publisher')
    logOutages(this.#subscriber, 'change bus subscriber')
  }

  /** Connects, subscribes, then learns where each school's seqs stand (so no commit falls between). */
  static async open(store: BusStore, options: RedisChangeBusOptions): Promise<RedisChangeBus> {
    const bus = new RedisChangeBus(store, options)
    await bus.#start()
    return bus
  }

  publish(change: CommittedChange): void {
    const range = rangeOf(change)
    if (!range) return
    const message: Message = { ...range, instance: this.#instance }
    // A lost message is a gap for the other instances, which they give up on after `missingWaitMs`.
    this.#publisher.publish(this.#channel, JSON.stringify(message)).catch(() => {})
    this.#receive({ ...range, documents: change.documents })
  }

  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  onMissed(listener: MissedListener): () => void {
    this.#missedListeners.add(listener)
    return () => this.#missedListeners.delete(listener)
  }

  async close(): Promise<void> {
    for (const timer of this.#missingTimers.values()) clearTimeout(timer)
    this.#missingTimers.clear()
    this.#listeners.clear()
    this.#missedListeners.clear()
    this.#subscriber.disconnect()
    await this.#publisher.quit().catch(() => {})
  }

  async #start(): Promise<void> {
    this.#subscriber.on('message', (_channel: string, text: string) => {
      const message = parseMessage(text)
      if (message && message.instance !== this.#instance) this.#receive(message)
    })
    await Promise.all([this.#publisher.connect(), this.#subscriber.connect()])
    await this.#subscriber.subscribe(this.#channel)
    this.#lastSeqs = await this.#store.lastSeqs()
    // Every later `ready` is a reconnect: messages published meanwhile are lost.
    this.#subscriber.on('ready', () => (this.#ready = this.#restart()))
  }

  async #restart(): Promise<void> {
    for (const timer of this.#missingTimers.values()) clearTimeout(timer)
    this.#missingTimers.clear()
    this.#orders.clear()
    // Until the store answers, orders start at 0 and give up on the missing seqs after `missingWaitMs`.
    this.#lastSeqs = await this.#store.lastSeqs().catch(() => new Map<string, number>())
    this.#reportMissed(undefined)
  }

  #receive(pointer: Pointer): void {
    void this.#ready.then(() => {
      const order = this.#orderOf(pointer.schoolId)
      this.#deliver(order.offer(pointer))
      this.#watchMissing(pointer.schoolId, order)
    })
  }

  #orderOf(schoolId: string): SeqOrder<Pointer> {
    let order = this.#orders.get(schoolId)
    if (!order) {
      order = new SeqOrder<Pointer>(this.#lastSeqs.get(schoolId) ?? 0)
      this.#orders.set(schoolId, order)
    }
    return order
  }

  /**
   * Hands the ranges to the listeners one batch at a time per school, in the order given: the ranges that arrive
   * while a school's delivery runs wait for it together, and are then read from the store with one query per run.
   */
  #deliver(pointers: readonly Pointer[]): void {
    const first = pointers[0]
    if (!first) return
    const waiting = this.#waiting.get(first.schoolId)
    if (waiting) {
      waiting.push(...pointers)
      return
    }
    const batch = [...pointers]
    this.#waiting.set(first.schoolId, batch)
    void this.#delivery.run(first.schoolId, async () => {
      this.#waiting.delete(first.schoolId)
      for (const run of runsOf(batch)) await this.#handOn(run)
    })
  }

  /** A run's own documents when this instance committed every range of it; else the run read in one query. */
  async #handOn(run: readonly Pointer[]): Promise<void> {
    const first = run[0] as Pointer
    try {
      const committedHere = run.every((pointer) => pointer.documents)
      const changes = committedHere
        ? run.map((pointer) => pointer.documents as StoredDocument[])
        : [await this.#read({ ...first, toSeq: (run.at(-1) as Pointer).toSeq })]
      for (const documents of changes) {
        const change = { schoolId: first.schoolId, collection: first.collection, documents }
        if (documents.length > 0) for (const listener of this.#listeners) listener(change)
      }
    } catch {
      this.#reportMissed(first.schoolId)
    }
  }

  /** The range's documents that are still at their seq (a later commit carries those rewritten since). */
  async #read({ schoolId, collection, fromSeq, toSeq }: SeqRange): Promise<StoredDocument[]> {
    const documents = await this.#store.pull(schoolId, collection, fromSeq - 1, toSeq - fromSeq + 1)
    return documents.filter((document) => document.seq <= toSeq)
  }

  #watchMissing(schoolId: string, order: SeqOrder<Pointer>): void {
    const missing = order.missing
    if (!missing) {
      clearTimeout(this.#missingTimers.get(schoolId))
      this.#missingTimers.delete(schoolId)
      return
    }
    if (this.#missingTimers.has(schoolId)) return
    const timer = setTimeout(() => {
      this.#missingTimers.delete(schoolId)
      if (order.missing?.fromSeq === missing.fromSeq) {
        // After the ranges already waiting, before those the skip releases (which go in a batch of their own).
        this.#waiting.delete(schoolId)
        void this.#delivery.run(schoolId, async () => this.#reportMissed(schoolId))
        this.#deliver(order.skipMissing())
      }
      this.#watchMissing(schoolId, order)
    }, this.#missingWaitMs)
    timer.unref()
    this.#missingTimers.set(schoolId, timer)
  }

  #reportMissed(schoolId: string | undefined): void {
    for (const listener of this.#missedListeners) listener(schoolId)
  }
}
