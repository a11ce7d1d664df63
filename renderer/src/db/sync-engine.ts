import {
  auditTime,
  BehaviorSubject,
  distinctUntilChanged,
  fromEvent,
  map,
  merge,
  type Observable,
  of,
  startWith,
  Subject,
  type Subscription,
} from 'rxjs'
import type { WithDeleted } from 'rxdb'
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication'
import { isCollectionName, type CollectionName } from '../../../domain/collections.ts'
import { deepEqual, type WireDocument } from '../../../domain/documents.ts'
import type { PullResponse, PushRow, SeqCheckpoint } from '../../../domain/sync/sync-wire.ts'
import type { ApiClient } from './api-client.ts'
import type { CampusDatabase, StoredDocument } from './database.ts'
import { coalesced } from './coalesced.ts'
import { advanceUpstreamCheckpoint, scanUpstream } from './pending.ts'
import { createPushHandler, type ReplicaPushRow } from './push.ts'
import type { SseEvent } from './sse-parser.ts'
import {
  computeSyncStatus,
  problemOf,
  type CollectionSyncState,
  type SyncInputs,
  type SyncStatus,
} from './sync-status.ts'
import { openSyncStream, type SyncStream, type SyncStreamOptions } from './sync-stream.ts'

type Doc = WithDeleted<StoredDocument>
export type CollectionReplication = RxReplicationState<StoredDocument, SeqCheckpoint>

export interface SyncEngineOptions {
  database: CampusDatabase
  api: ApiClient
  /** Wait before a failed pull/push is retried (RxDB `retryTime`); default 5 s. */
  retryTime?: number
  pullBatchSize?: number
  pushBatchSize?: number
  stream?: Pick<SyncStreamOptions, 'initialDelayMs' | 'maxDelayMs' | 'idleTimeoutMs'>
  /** `navigator.onLine` as it changes; default from the window's online/offline events (true in Node). */
  browserOnline$?: Observable<boolean>
  /** How often the pending count may be recomputed while changes flow; default 300 ms. */
  pendingAuditMs?: number
  clock?: () => number
}

export interface SyncEngine {
  /** Current status first, then every change. */
  readonly status$: Observable<SyncStatus>
  status(): SyncStatus
  readonly replications: ReadonlyMap<CollectionName, CollectionReplication>
  /** Pull every collection again from its checkpoint, and reconnect the stream now if it is down. */
  reSync(): void
  /** Resolves when every collection has pushed and pulled everything (tests, "sync now"). */
  awaitInSync(): Promise<void>
  stop(): Promise<void>
}

const SYNC_META_ID = 'sync-meta'

function defaultBrowserOnline(): Observable<boolean> {
  if (typeof window === 'undefined' || typeof navigator === 'undefined') return of(true)
  return merge(
    fromEvent(window, 'online').pipe(map(() => true)),
    fromEvent(window, 'offline').pipe(map(() => false)),
  ).pipe(startWith(navigator.onLine))
}

/**
 * Starts the live replication of every collection of `database` with the server behind `api` (DESIGN §5):
 * HTTP pull and push per collection, one shared SSE stream whose events make the collections pull.
 */
export function startSync(options: SyncEngineOptions): SyncEngine {
  const { database, api } = options
  const clock = options.clock ?? Date.now
  const names = [...database.collections.keys()]
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
  /** Per collection, RxDB's `pull.stream$`: only ever 'RESYNC' (pull from the checkpoint now). */
  const streams = new Map(names.map((name) => [name, new Subject<'RESYNC'>()]))
  const restartFromZero = new Set<CollectionName>()
  const subscriptions: Subscription[] = []

  function update(change: Partial<SyncInputs>): void {
    inputs.next({ ...inputs.value, ...change })
  }

  function updateCollection(name: CollectionName, change: Partial<CollectionSyncState>): void {
    const index = names.indexOf(name)
    const collections = inputs.value.collections.map((c, i) => (i === index ? { ...c, ...change } : c))
    update({ collections })
  }

  function countPulled(documents: readonly unknown[]): void {
    if (documents.length > 0) update({ pulled: inputs.value.pulled + documents.length })
  }

  /** Wraps a handler so the collection's error is set on failure and cleared on success. */
  function tracked<A extends unknown[], R>(name: CollectionName, handler: (...args: A) => Promise<R>) {
    return async (...args: A): Promise<R> => {
      try {
        const result = await handler(...args)
        if (inputs.value.collections[names.indexOf(name)]?.error) updateCollection(name, { error: null })
        return result
      } catch (error) {
        updateCollection(name, { error: problemOf(error, clock()) })
        throw error
      }
    }
  }

  /** Tombstones of the live local documents of `name` whose ids are not in `seen`. */
  async function tombstonesOfUnseen(name: CollectionName, seen: ReadonlySet<string>): Promise<Doc[]> {
    const local = await database.collection(name).find().exec()
    return local
      .filter((doc) => !seen.has(doc.primary))
      .map((doc) => ({ ...doc.toMutableJSON(false), _deleted: true }))
  }

  function pullHandler(name: CollectionName) {
    /** The ids a from-zero pull has returned so far; undefined when none is under way. */
    let seen: Set<string> | undefined
    return async (
      checkpoint: SeqCheckpoint | undefined,
      batchSize: number,
    ): Promise<PullResponse<StoredDocument>> => {
      const fromZero = restartFromZero.delete(name)
      const seq = fromZero ? 0 : (checkpoint?.seq ?? 0)
      const result = await api
        .json<PullResponse<StoredDocument>>(`/api/sync/${name}/pull?seq=${seq}&limit=${batchSize}`)
        .catch((error: unknown) => {
          // RxDB retries with its own checkpoint: the retry must still start from 0.
          if (fromZero) restartFromZero.add(name)
          throw error
        })
      countPulled(result.documents)
      if (fromZero) seen = new Set()
      if (!seen) return result
      for (const doc of result.documents) seen.add(doc.id)
      if (result.documents.length === batchSize) return result
      // The from-zero pull is complete (RxDB stops at a short batch): what it did not return, the user may no
      // longer see. Handed to RxDB as deletes made on the server, those documents leave the replica without
      // being pushed; RxDB keeps one that has a local change not yet pushed.
      const tombstones = await tombstonesOfUnseen(name, seen)
      seen = undefined
      return { ...result, documents: [...result.documents, ...tombstones] }
    }
  }

  function pushSender(name: CollectionName) {
    return (rows: ReplicaPushRow[]) => {
      // RxDB leaves `assumedMasterState` undefined for a new document; the protocol says null.
      const body: PushRow[] = rows.map((row) => ({
        ...row,
        assumedMasterState: row.assumedMasterState ?? null,
      }))
      return api.json<WireDocument[]>(`/api/sync/${name}/push`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    }
  }

  function replicate(name: CollectionName): CollectionReplication {
    const push = createPushHandler(name, pushSender(name), database.refusals)
    return replicateRxCollection<StoredDocument, SeqCheckpoint>({
      replicationIdentifier: `campus-desk-sync-v1-${name}`,
      collection: database.collection(name),
      live: true,
      retryTime: options.retryTime ?? 5000,
      // One window per replica (single-instance lock): no leader to wait for.
      waitForLeadership: false,
      // Keep replicating while the window is hidden or minimised (DESIGN §5).
      toggleOnDocumentVisible: false,
      pull: {
        handler: tracked(name, pullHandler(name)),
        batchSize: options.pullBatchSize ?? 1000,
        stream$: (streams.get(name) as Subject<'RESYNC'>).asObservable(),
      },
      push: {
        handler: tracked(name, (rows) => push(rows as ReplicaPushRow[]) as Promise<Doc[]>),
        batchSize: options.pushBatchSize ?? 100,
      },
    })
  }

  const replications = new Map(names.map((name) => [name, replicate(name)]))

  function watch(name: CollectionName, replication: CollectionReplication): void {
    const recount = coalesced(async () => {
      // Scanning while a pull writes thousands of documents would cost more than the pull itself; the
      // pull's end (active$ → false) triggers the count again. A pull that keeps failing (offline) does not
      // end, so then the count runs.
      const pulling = replication.internalReplicationState?.events.active.down.getValue()
      if (pulling && !inputs.value.collections[names.indexOf(name)]?.error) return
      const scan = await scanUpstream(replication).catch(() => undefined)
      if (!scan) return
      updateCollection(name, { pending: scan.pending })
      // What the scan found acknowledged, RxDB's upstream need not read again at the next pull hint.
      await advanceUpstreamCheckpoint(replication, scan).catch(() => undefined)
    })
    subscriptions.push(
      replication.active$.subscribe((active) => updateCollection(name, { active })),
      // error$: a pull that fails after the other triggers fired (offline on a busy PC) must still count.
      merge(
        database.collection(name).$,
        replication.active$,
        replication.sent$,
        replication.received$,
        replication.error$,
      )
        .pipe(auditTime(options.pendingAuditMs ?? 300))
        .subscribe(recount),
    )
    void replication.startPromise.then(recount)
  }
  replications.forEach((replication, name) => watch(name, replication))

  function resync(collections: CollectionName[], fromZero: boolean): void {
    for (const name of collections) {
      if (fromZero) restartFromZero.add(name)
      streams.get(name)?.next('RESYNC')
    }
  }

  /** The event's data, or undefined (counted, logged, and every collection re-synced) when it is not JSON. */
  function dataOf<T>(event: SseEvent): T | undefined {
    try {
      return JSON.parse(event.data) as T
    } catch {
      // Never the data itself in the log: it holds documents.
      console.warn(`sync stream: a "${event.event}" event of ${event.data.length} characters is not JSON`)
      update({ malformedEvents: inputs.value.malformedEvents + 1 })
      resync(names, false)
      return undefined
    }
  }

  function onStreamEvent(event: SseEvent): void {
    if (event.event === 'change') {
      // A change event is only a hint to pull: RxDB can apply a change event after a newer pull, and drops a
      // resync that reaches it together with change events (docs/decisions.md, "stream events are pull hints").
      const change = dataOf<{ collection: string }>(event)
      if (change && isCollectionName(change.collection)) resync([change.collection], false)
    } else if (event.event === 'resync') {
      const asked = dataOf<{ collections: string[]; fromZero?: boolean }>(event)
      if (asked) resync(asked.collections.filter(isCollectionName), asked.fromZero === true)
    }
  }

  const stream: SyncStream = openSyncStream({
    api,
    ...options.stream,
    onEvent: onStreamEvent,
    onState(state, error) {
      const streamError = state === 'closed' && error ? problemOf(error, clock()) : inputs.value.streamError
      update({ stream: state, streamError: state === 'open' ? null : streamError })
      // A client that (re)connects sends itself a resync: changes made while it was away are pulled.
      if (state === 'open') resync(names, false)
    },
  })

  subscriptions.push(
    (options.browserOnline$ ?? defaultBrowserOnline()).subscribe((browserOnline) => {
      update({ browserOnline })
      if (browserOnline) stream.reconnectNow()
    }),
  )

  void Promise.all([...replications.values()].map((r) => r.awaitInitialReplication())).then(() =>
    update({ initialSyncDone: true }),
  )

  const status$ = new BehaviorSubject<SyncStatus>(computeSyncStatus(inputs.value))
  let wasSynced = false
  subscriptions.push(
    inputs.pipe(map(computeSyncStatus), distinctUntilChanged<SyncStatus>(deepEqual)).subscribe((status) => {
      const synced = status.phase === 'synced'
      if (synced && !wasSynced) {
        // Re-enters with the new time: "last successful sync" is each time everything is in sync again.
        wasSynced = true
        const lastSyncedAt = clock()
        void database.rx.upsertLocal(SYNC_META_ID, { lastSyncedAt }).catch(() => undefined)
        update({ lastSyncedAt })
        return
      }
      wasSynced = synced
      status$.next(status)
    }),
  )
  void database.rx.getLocal<{ lastSyncedAt: number }>(SYNC_META_ID).then(
    (doc) => {
      const stored = doc?.get('lastSyncedAt') as number | undefined
      if (stored && inputs.value.lastSyncedAt === null) update({ lastSyncedAt: stored })
    },
    () => undefined,
  )

  return {
    status$: status$.asObservable(),
    status: () => status$.value,
    replications,
    reSync() {
      replications.forEach((replication) => replication.reSync())
      stream.reconnectNow()
    },
    async awaitInSync() {
      await Promise.all([...replications.values()].map((r) => r.awaitInSync()))
    },
    async stop() {
      stream.close()
      subscriptions.forEach((s) => s.unsubscribe())
      await Promise.all([...replications.values()].map((r) => r.cancel()))
      streams.forEach((s) => s.complete())
      status$.complete()
    },
  }
}
