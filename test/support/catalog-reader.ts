// A reader of one school's catalog that follows a server the way the app does: stream, pull from its checkpoint
// when the stream (re)opens or says `resync`, reconnect when the stream ends.
import { expect } from 'vitest'
import { COLLECTION_NAMES, type CollectionName } from '../../domain/collections.ts'
import type { RunningServer } from '../../e2e/server.ts'
import { SseClient, type SseMessage } from '../../sync-server/src/test-support/sse.ts'

interface ChangeData {
  collection: string
  documents: { id: string }[]
  checkpoint: { seq: number }
}

interface PullAnswer {
  documents: { id: string }[]
  checkpoint: { seq: number }
}

/**
 * Every commit the tests make writes new catalog documents, and the reader (an admin) sees them all, so a change
 * of `n` documents covers the `n` seqs up to its checkpoint. It must start no later than right after the last seq
 * the reader knows: one that starts further on is a gap. It may start earlier: commits within the server's
 * coalescing window share one change, which can reach back into what a pull already brought.
 */
export class CatalogReader {
  /** The ids in the order the reader got them, by stream or pull. */
  readonly ids: string[] = []
  /** Stream changes that skipped seqs (`last seq known→seq`): must stay empty. */
  readonly gaps: string[] = []
  resyncs = 0
  /** The catalog's checkpoint. */
  #checkpoint = 0
  /** The last seq of the school the reader knows of (every commit in these tests is seen by an admin). */
  #schoolSeq = 0
  #stream: SseClient | undefined
  #stopped = false
  readonly #following: Promise<void>
  #failure: unknown

  readonly server: RunningServer
  readonly token: string

  private constructor(server: RunningServer, token: string) {
    this.server = server
    this.token = token
    this.#following = this.#follow().catch((error: unknown) => {
      this.#failure = error
    })
  }

  /** Starts following `server` after what it holds now, once its first stream is open. */
  static async open(server: RunningServer, token: string): Promise<CatalogReader> {
    const reader = new CatalogReader(server, token)
    while (!reader.#stream) {
      reader.#throwFailure()
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    return reader
  }

  has(ids: readonly string[]): boolean {
    this.#throwFailure()
    const got = new Set(this.ids)
    return ids.every((id) => got.has(id))
  }

  async stop(): Promise<void> {
    this.#stopped = true
    this.#stream?.close()
    await this.#following
  }

  #throwFailure(): void {
    if (this.#failure) throw this.#failure
  }

  async #follow(): Promise<void> {
    // Starts at the end: the documents before are not the test's.
    for (const collection of COLLECTION_NAMES) {
      const { checkpoint } = await this.#pullAll(collection, 0)
      this.#schoolSeq = Math.max(this.#schoolSeq, checkpoint)
      if (collection === 'catalog') this.#checkpoint = checkpoint
    }
    while (!this.#stopped) {
      const stream = await this.#connect()
      if (!stream) continue
      await this.#pull()
      for (let seen = 0; !this.#stopped;) {
        await stream.whenMoreThan(seen)
        if (seen === stream.messages.length) break
        await this.#apply(stream.messages[seen++] as SseMessage)
      }
    }
  }

  /** The stream, or undefined after a failed attempt (the server restarting): the caller tries again. */
  async #connect(): Promise<SseClient | undefined> {
    try {
      const { client } = await SseClient.connect(`${this.server.url}/api/sync/stream`, this.token)
      this.#stream = client ?? undefined
      return client ?? undefined
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100))
      return undefined
    }
  }

  async #apply(message: SseMessage): Promise<void> {
    if (message.event === 'resync') {
      this.resyncs += 1
      await this.#pull()
      return
    }
    if (message.event !== 'change') return
    const change = message.data as ChangeData
    // Already pulled: the stream opened before the pull that brought it.
    if (change.checkpoint.seq <= this.#schoolSeq) return
    const firstSeq = change.checkpoint.seq - change.documents.length + 1
    if (firstSeq > this.#schoolSeq + 1) this.gaps.push(`${this.#schoolSeq}→${change.checkpoint.seq}`)
    // A change reaching back into what a pull already brought: its first documents are read already.
    const alreadyRead = Math.max(0, this.#schoolSeq - firstSeq + 1)
    this.#schoolSeq = change.checkpoint.seq
    if (change.collection !== 'catalog') return
    this.ids.push(...change.documents.slice(alreadyRead).map((document) => document.id))
    this.#checkpoint = change.checkpoint.seq
  }

  async #pull(): Promise<void> {
    const { ids, checkpoint } = await this.#pullAll('catalog', this.#checkpoint)
    this.ids.push(...ids)
    this.#checkpoint = checkpoint
    this.#schoolSeq = Math.max(this.#schoolSeq, checkpoint)
  }

  /** Pulls every page of `collection` after `seq`. */
  async #pullAll(collection: CollectionName, seq: number): Promise<{ ids: string[]; checkpoint: number }> {
    const ids: string[] = []
    let checkpoint = seq
    for (;;) {
      const page = await this.#pullPage(collection, checkpoint)
      if (page.documents.length === 0) return { ids, checkpoint }
      ids.push(...page.documents.map((document) => document.id))
      checkpoint = page.checkpoint.seq
    }
  }

  async #pullPage(collection: CollectionName, seq: number): Promise<PullAnswer> {
    const url = `${this.server.url}/api/sync/${collection}/pull?seq=${seq}&limit=5000`
    const response = await fetch(url, { headers: { authorization: `Bearer ${this.token}` } })
    if (!response.ok) throw new Error(`pull answered ${response.status}`)
    return (await response.json()) as PullAnswer
  }
}

/** `reader` got each of `ids` once, and its streams skipped no seq. */
export function expectReadWithoutGap(reader: CatalogReader, ids: readonly string[]): void {
  expect(reader.gaps).toEqual([])
  const read = reader.ids.filter((id) => ids.includes(id))
  expect([...read].sort()).toEqual([...ids].sort())
}
