import { BehaviorSubject, distinctUntilChanged, map, type Observable, type Subscription } from 'rxjs'
import type { CollectionName } from '../../../domain/collections.ts'
import { deepEqual } from '../../../domain/documents.ts'
import {
  computeSyncStatus,
  problemOf,
  type CollectionSyncState,
  type SyncInputs,
  type SyncStatus,
} from './sync-status.ts'
import type { StreamState } from './sync-stream.ts'

/** Where the time of the last successful sync is kept across restarts (an RxDB local document). */
export interface LastSyncedStore {
  load(): Promise<number | undefined>
  save(at: number): Promise<void>
}

export interface SyncStateOptions {
  names: readonly CollectionName[]
  lastSynced: LastSyncedStore
  clock: () => number
}

/**
 * The sync engine's raw inputs (per collection: running, pending, last error; the stream; the browser) and the
 * one status computed from them. Knows nothing of RxDB: the engine reports into it.
 */
export interface SyncState {
  /** Current status first, then every change. */
  readonly status$: Observable<SyncStatus>
  status(): SyncStatus
  collection(name: CollectionName): CollectionSyncState
  collectionChanged(name: CollectionName, change: Partial<CollectionSyncState>): void
  /** Wraps a pull or push handler: the collection's error is set on failure and cleared on success. */
  tracked<A extends unknown[], R>(
    name: CollectionName,
    handler: (...args: A) => Promise<R>,
  ): (...args: A) => Promise<R>
  streamChanged(state: StreamState, error?: unknown): void
  browserOnlineChanged(online: boolean): void
  pulled(documents: readonly unknown[]): void
  malformedEvent(): void
  initialSyncDone(): void
  stop(): void
}

export function createSyncState({ names, lastSynced, clock }: SyncStateOptions): SyncState {
  const inputs = new BehaviorSubject<SyncInputs>({
    browserOnline: true,
    stream: 'connecting',
    streamError: null,
    collections: names.map(() => ({ active: false, pending: 0, error: null })),
    lastSyncedAt: null,
    pulled: 0,
    initialSyncDone: false,
    malformedEvents: 0,
  })

  let wasSynced = false

  /**
   * Every input change goes through here. Getting back in sync stamps the time in the same change, so that the
   * synced status is never shown without its time and never held back as equal to the previous synced one.
   */
  function update(change: Partial<SyncInputs>): void {
    const next = { ...inputs.value, ...change }
    const synced = computeSyncStatus(next).phase === 'synced'
    if (synced && !wasSynced) {
      next.lastSyncedAt = clock()
      void lastSynced.save(next.lastSyncedAt).catch(() => undefined)
    }
    wasSynced = synced
    inputs.next(next)
  }

  function collection(name: CollectionName): CollectionSyncState {
    const state = inputs.value.collections[names.indexOf(name)]
    if (!state) throw new Error(`sync state: unknown collection ${name}`)
    return state
  }

  function collectionChanged(name: CollectionName, change: Partial<CollectionSyncState>): void {
    const index = names.indexOf(name)
    const collections = inputs.value.collections.map((c, i) => (i === index ? { ...c, ...change } : c))
    update({ collections })
  }

  const status$ = new BehaviorSubject<SyncStatus>(computeSyncStatus(inputs.value))
  const subscription: Subscription = inputs
    .pipe(map(computeSyncStatus), distinctUntilChanged<SyncStatus>(deepEqual))
    .subscribe(status$)
  void lastSynced.load().then(
    (stored) => {
      if (stored && inputs.value.lastSyncedAt === null) update({ lastSyncedAt: stored })
    },
    () => undefined,
  )

  return {
    status$: status$.asObservable(),
    status: () => status$.value,
    collection,
    collectionChanged,
    tracked(name, handler) {
      return async (...args) => {
        try {
          const result = await handler(...args)
          if (collection(name).error) collectionChanged(name, { error: null })
          return result
        } catch (error) {
          collectionChanged(name, { error: problemOf(error, clock()) })
          throw error
        }
      }
    },
    streamChanged(state, error) {
      const streamError = state === 'closed' && error ? problemOf(error, clock()) : inputs.value.streamError
      update({ stream: state, streamError: state === 'open' ? null : streamError })
    },
    browserOnlineChanged(browserOnline) {
      update({ browserOnline })
    },
    pulled(documents) {
      if (documents.length > 0) update({ pulled: inputs.value.pulled + documents.length })
    },
    malformedEvent() {
      update({ malformedEvents: inputs.value.malformedEvents + 1 })
    },
    initialSyncDone() {
      update({ initialSyncDone: true })
    },
    stop() {
      subscription.unsubscribe()
      status$.complete()
    },
  }
}
