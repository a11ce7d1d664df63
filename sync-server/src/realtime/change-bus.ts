import type { CommittedChange } from '../store/index.ts'

export type ChangeListener = (change: CommittedChange) => void

/**
 * Carries committed changes from the instance that wrote them to the realtime hubs of every instance.
 * Implementations must hand a school's changes to listeners in seq order.
 *
 * Only the in-process bus exists yet. A bus for several instances (Redis pub/sub, PostgreSQL LISTEN/NOTIFY)
 * would publish pointers `{ schoolId, collection, fromSeq, toSeq }`, not documents (NOTIFY payloads stop at
 * 8,000 bytes), and on receipt read those documents from the shared store before calling its listeners.
 */
export interface ChangeBus {
  publish(change: CommittedChange): void
  subscribe(listener: ChangeListener): () => void
  close(): Promise<void>
}

/** One server instance: changes go straight to the listeners, synchronously, so in commit order. */
export class LocalChangeBus implements ChangeBus {
  readonly #listeners = new Set<ChangeListener>()

  publish(change: CommittedChange): void {
    for (const listener of this.#listeners) listener(change)
  }

  subscribe(listener: ChangeListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  async close(): Promise<void> {
    this.#listeners.clear()
  }
}
