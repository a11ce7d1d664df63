// Real RxDB clients (Dexie storage over fake-indexeddb, as the app uses Dexie over IndexedDB) talking HTTP to a
// real sync server that can be restarted on the same port and data.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie'
import type { SessionUser } from '../../domain/auth/roles.ts'
import type { CollectionName } from '../../domain/collections.ts'
import type { WireDocument } from '../../domain/documents.ts'
import {
  createApiClient,
  createCampusDatabase,
  createMemorySecretStore,
  databaseName,
  login,
  startSync,
  type CampusDatabase,
  type FetchLike,
  type SyncEngine,
} from '../../renderer/src/db/index.ts'
import type { SyncEngineOptions } from '../../renderer/src/db/sync-engine.ts'
import { buildApp } from '../../sync-server/src/app.ts'
import { seedDemo } from '../../sync-server/src/seed/demo.ts'
import { createStore, type Store, type StoreConfig } from '../../sync-server/src/store/index.ts'

/** One PC's network: `cut()` takes it offline and breaks its open connections, `restore()` brings it back. */
export interface NetworkLink {
  fetch: FetchLike
  online: boolean
  /** The URLs fetched through this link, in order. */
  readonly requested: string[]
  cut(): void
  restore(): void
}

export function networkLink(): NetworkLink {
  const open = new Set<AbortController>()
  const link: NetworkLink = {
    online: true,
    requested: [],
    fetch: async (input, init = {}) => {
      if (!link.online) throw new TypeError('fetch failed: offline')
      link.requested.push(String(input))
      const controller = new AbortController()
      open.add(controller)
      const signal = init.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal
      return fetch(input, { ...init, signal })
    },
    cut: () => {
      link.online = false
      open.forEach((controller) => controller.abort(new TypeError('network cut')))
      open.clear()
    },
    restore: () => {
      link.online = true
    },
  }
  return link
}

export interface Client {
  name: string
  user: SessionUser
  database: CampusDatabase
  /** The replica's database name: `ClientOptions.reopen` opens it again. */
  databaseName: string
  engine: SyncEngine
  link: NetworkLink
  close(): Promise<void>
}

let databases = 0

/**
 * The collections a test client opens: the replication tests use these, and three clients with every
 * collection would pass RxDB's limit of 13 open collections per process.
 */
const CLIENT_COLLECTIONS: readonly CollectionName[] = ['org', 'catalog', 'timetable']

export interface ClientOptions extends Pick<SyncEngineOptions, 'clock' | 'todayCheckMs'> {
  /** The `databaseName` of a closed client: its replica is opened again, as after a restart of the app. */
  reopen?: string
}

export async function startClient(
  serverUrl: string,
  name: string,
  account: string,
  password: string,
  collections: readonly CollectionName[] = CLIENT_COLLECTIONS,
  { reopen, ...engineOptions }: ClientOptions = {},
): Promise<Client> {
  const link = networkLink()
  const session = await login(serverUrl, { account, password }, link.fetch)
  const api = createApiClient({ serverUrl, secrets: createMemorySecretStore(), fetch: link.fetch })
  await api.setTokens(session)
  databases += 1
  const replicaName = reopen ?? `${databaseName(serverUrl, session.user)}_${name}_${databases}`
  const database = await createCampusDatabase({
    storage: getRxStorageDexie({ indexedDB, IDBKeyRange }),
    name: replicaName,
    collections,
  })
  const engine = startSync({
    database,
    api,
    retryTime: 200,
    stream: { initialDelayMs: 100, maxDelayMs: 500 },
    ...engineOptions,
  })
  return {
    name,
    user: session.user,
    database,
    databaseName: replicaName,
    engine,
    link,
    close: async () => {
      await engine.stop()
      await database.close()
    },
  }
}

/** A sync server on a fixed port over one SQLite file; `restart()` closes everything and opens it again. */
export interface RestartableServer {
  url: string
  store(): Store
  restart(): Promise<void>
  close(): Promise<void>
}

export async function startRestartableServer(config: StoreConfig, port = 0): Promise<RestartableServer> {
  let store = await createStore(config)
  await seedDemo(store)
  const open = async (listenPort: number) => {
    const app = await buildApp({
      store,
      authSecret: 'replication-test-secret-32-characters!!',
      shutdownGraceMs: 50,
    })
    const url = await app.listen({ port: listenPort, host: '127.0.0.1' })
    return { app, url }
  }
  let { app, url } = await open(port)
  const listenPort = Number(new URL(url).port)
  const close = async () => {
    await app.close()
    await store.close()
  }
  return {
    url,
    store: () => store,
    restart: async () => {
      await close()
      store = await createStore(config)
      ;({ app, url } = await open(listenPort))
    },
    close,
  }
}

/** Every document of a school's collection as the server holds it now (latest state per id, tombstones kept). */
export async function serverDocuments(
  store: Store,
  schoolId: string,
  collection: CollectionName,
): Promise<Map<string, WireDocument>> {
  const docs = new Map<string, WireDocument>()
  let seq = 0
  for (;;) {
    const page = await store.pull(schoolId, collection, seq, 1000)
    if (page.length === 0) return docs
    for (const { data, seq: written } of page) {
      docs.set(data.id, data)
      seq = written
    }
  }
}

/** The live documents of a replica's collection, as plain JSON without RxDB's meta fields. */
export async function replicaDocuments(
  client: Client,
  collection: CollectionName,
): Promise<Map<string, WireDocument>> {
  const docs = await client.database.collection(collection).find().exec()
  return new Map(docs.map((doc) => [doc.id, { ...doc.toMutableJSON(false), _deleted: false }]))
}

export async function eventually(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}
