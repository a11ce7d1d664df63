import type { CollectionName } from '../../../domain/collections.ts'
import type { CommittedChange, StoredDocument } from '../store/index.ts'

/** A school's pending documents are handed on once this many arrived, before the window ends. */
export const MAX_COALESCED_DOCUMENTS = 1_000

export interface CoalescerOptions {
  /** How long a school's first pending commit waits for more; 0 hands every commit on at once. */
  windowMs: number
  /** Default `MAX_COALESCED_DOCUMENTS`. */
  maxDocuments?: number
}

/** Receives a school's coalesced commits: one change per collection run, in seq order. */
export type BatchListener = (schoolId: string, changes: CommittedChange[]) => void

/** Consecutive commits of one collection: each document's latest version once, in seq order. */
class CollectionRun {
  readonly collection: CollectionName
  readonly #latest = new Map<string, StoredDocument>()

  constructor(collection: CollectionName) {
    this.collection = collection
  }

  add(documents: readonly StoredDocument[]): void {
    for (const document of documents) {
      // Deleted first, so the latest version takes its place in seq order (a Map keeps insertion order).
      this.#latest.delete(document.data.id)
      this.#latest.set(document.data.id, document)
    }
  }

  toChange(schoolId: string): CommittedChange {
    return { schoolId, collection: this.collection, documents: [...this.#latest.values()] }
  }
}

interface PendingBatch {
  runs: CollectionRun[]
  documentCount: number
  timer: NodeJS.Timeout | undefined
}

/**
 * Gathers a school's commits for a short window (or up to a number of documents) and hands them on as one batch:
 * a change per run of consecutive commits to one collection, with each document's latest version once. The
 * last document of a run is its last seq, so the run's checkpoint is the one its last commit had: nothing is
 * skipped, and runs keep the commits' seq order. Whoever changes what the batch is filtered with (scopes,
 * subscriptions) flushes it first.
 */
export class ChangeCoalescer {
  readonly #windowMs: number
  readonly #maxDocuments: number
  readonly #deliver: BatchListener
  readonly #pending = new Map<string, PendingBatch>()

  constructor(options: CoalescerOptions, deliver: BatchListener) {
    this.#windowMs = options.windowMs
    this.#maxDocuments = options.maxDocuments ?? MAX_COALESCED_DOCUMENTS
    this.#deliver = deliver
  }

  add(change: CommittedChange): void {
    if (change.documents.length === 0) return
    const batch = this.#pending.get(change.schoolId) ?? this.#open(change.schoolId)
    let run = batch.runs.at(-1)
    if (run?.collection !== change.collection) {
      run = new CollectionRun(change.collection)
      batch.runs.push(run)
    }
    run.add(change.documents)
    batch.documentCount += change.documents.length
    if (this.#windowMs === 0 || batch.documentCount >= this.#maxDocuments) this.flush(change.schoolId)
  }

  /** Hands on the pending batch of `schoolId` (of every school when `undefined`) now. */
  flush(schoolId?: string): void {
    if (schoolId === undefined) {
      for (const pending of [...this.#pending.keys()]) this.flush(pending)
      return
    }
    const batch = this.#pending.get(schoolId)
    if (!batch) return
    this.#pending.delete(schoolId)
    clearTimeout(batch.timer)
    this.#deliver(
      schoolId,
      batch.runs.map((run) => run.toChange(schoolId)),
    )
  }

  #open(schoolId: string): PendingBatch {
    const timer = this.#windowMs > 0 ? setTimeout(() => this.flush(schoolId), this.#windowMs) : undefined
    const batch = { runs: [], documentCount: 0, timer }
    this.#pending.set(schoolId, batch)
    return batch
  }
}
