import {
  auditTime,
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
import type { CollectionName } from '../../../domain/collections.ts'
import type { SeqCheckpoint } from '../../../domain/sync/sync-wire.ts'
import type { ApiClient } from './api-client.ts'
import type { CampusDatabase, StoredDocument } from './database.ts'
import { coalesced } from './coalesced.ts'
import { advanceUpstreamCheckpoint, scanUpstream } from './pending.ts'
import { createPushHandler, type ReplicaPushRow } from './push.ts'
import { createPullHandler, createPushSender } from './replication-handlers.ts'
import type { SseEvent } from './sse-parser.ts'
import { pullHintOf } from './stream-hints.ts'
import { createSyncState } from './sync-state.ts'
import type { SyncStatus } from './sync-status.ts'
import { openSyncStream, type SyncStream, type SyncStreamOptions } from './sync-stream.ts'
import { watchTermWindow, type TermWindow } from './term-window.ts'

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
  /** How often the term window checks whether the day changed; default 1 min. */
  todayCheckMs?: number
}

export interface SyncEngine {
  /** Current status first, then every change. */
  readonly status$: Observable<SyncStatus>
  status(): SyncStatus
  readonly replications: ReadonlyMap<CollectionName, CollectionReplication>
  /** Pull every collection again from its checkpoint, and reconnect the stream now if it is down. */
  reSync(): void
  /**
   * The terms whose lessons the replica holds (issue 18), with `open` for an older term; absent when the
   * replica does not open both the catalog and the timetable (then every lesson is pulled).
   */
  readonly termWindow?: Pick<TermWindow, 'window$' | 'held$' | 'open'>
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
  const state = createSyncState({
    names,
    clock,
    lastSynced: {
      load: async () =>
        (await database.rx.getLocal<{ lastSyncedAt: number }>(SYNC_META_ID))?.get('lastSyncedAt') as
          number | undefined,
      save: async (lastSyncedAt) => {
        await database.rx.upsertLocal(SYNC_META_ID, { lastSyncedAt })
      },
    },
  })
  /** Per collection, RxDB's `pull.stream$`: only ever 'RESYNC' (pull from the checkpoint now). */
  const streams = new Map(names.map((name) => [name, new Subject<'RESYNC'>()]))
  const restartFromZero = new Set<CollectionName>()
  const subscriptions: Subscription[] = []
  const termWindow =
    database.collections.has('catalog') && database.collections.has('timetable')
      ? watchTermWindow({
          database,
          clock,
          todayCheckMs: options.todayCheckMs,
          onMoved: () => resync(['timetable'], false),
        })
      : undefined

  function pullHandler(name: CollectionName) {
    const windowed = name === 'timetable' ? termWindow : undefined
    return createPullHandler(name, {
      api,
      restartFromZero,
      localDocuments: async () =>
        (await database.collection(name).find().exec()).map((doc) => doc.toMutableJSON(false)),
      onPulled: state.pulled,
      query: windowed?.query,
      onResynced: windowed?.resynced,
      takeWindowMove: windowed?.takeMove,
    })
  }

  function replicate(name: CollectionName): CollectionReplication {
    const push = createPushHandler(name, createPushSender(name, api), database)
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
        handler: state.tracked(name, pullHandler(name)),
        batchSize: options.pullBatchSize ?? 1000,
        stream$: (streams.get(name) as Subject<'RESYNC'>).asObservable(),
      },
      push: {
        handler: state.tracked(name, (rows) => push(rows as ReplicaPushRow[]) as Promise<Doc[]>),
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
      if (pulling && !state.collection(name).error) return
      const scan = await scanUpstream(replication).catch(() => undefined)
      if (!scan) return
      state.collectionChanged(name, { pending: scan.pending })
      // What the scan found acknowledged, RxDB's upstream need not read again at the next pull hint.
      await advanceUpstreamCheckpoint(replication, scan).catch(() => undefined)
    })
    subscriptions.push(
      replication.active$.subscribe((active) => state.collectionChanged(name, { active })),
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

  function onStreamEvent(event: SseEvent): void {
    const hint = pullHintOf(event)
    if (hint === 'malformed') {
      // Never the data itself in the log: it holds documents.
      console.warn(`sync stream: a "${event.event}" event of ${event.data.length} characters is not JSON`)
      state.malformedEvent()
      resync(names, false)
    } else if (hint) resync(hint.collections, hint.fromZero)
  }

  const stream: SyncStream = openSyncStream({
    api,
    ...options.stream,
    onEvent: onStreamEvent,
    onState(streamState, error) {
      state.streamChanged(streamState, error)
      // A client that (re)connects sends itself a resync: changes made while it was away are pulled.
      if (streamState === 'open') resync(names, false)
    },
  })

  subscriptions.push(
    (options.browserOnline$ ?? defaultBrowserOnline()).subscribe((browserOnline) => {
      state.browserOnlineChanged(browserOnline)
      if (browserOnline) stream.reconnectNow()
    }),
  )

  void Promise.all([...replications.values()].map((r) => r.awaitInitialReplication())).then(() =>
    state.initialSyncDone(),
  )

  return {
    status$: state.status$,
    status: state.status,
    replications,
    termWindow,
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
      termWindow?.stop()
      streams.forEach((s) => s.complete())
      state.stop()
    },
  }
}
