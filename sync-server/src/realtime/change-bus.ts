import type { CommittedChange } from '../store/index.ts'

export type ChangeListener = (change: CommittedChange) => void
/** Changes of one school (or of every school: `undefined`) may not have reached the listeners. */
export type MissedListener = (schoolId: string | undefined) => void

/**
 * Carries committed changes from the instance that wrote them to the realtime hubs of every instance.
 * Implementations must hand a school's changes to listeners in seq order, each once.
 * `LocalChangeBus` serves one instance; `RedisChangeBus` (redis-change-bus.ts) several, publishing pointers
 * `{ schoolId, collection, fromSeq, toSeq }`, not documents, and reading those from the shared store on receipt.
 */
export interface ChangeBus {
  publish(change: CommittedChange): void
  subscribe(listener: ChangeListener): () => void
  /** Tells `listener` when changes may have been lost on the way (their streams must pull again). */
  onMissed(listener: MissedListener): () => void
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

  /** Nothing is lost in process, so missed-change listeners are never called. */
  onMissed(): () => void {
    return () => {}
  }

  async close(): Promise<void> {
    this.#listeners.clear()
  }
}
