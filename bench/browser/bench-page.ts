// Runs inside headless Chromium, served by a real sync server: the app's own sync code against real IndexedDB.
import Dexie from 'dexie'
import { getReplicaStorage } from '../../renderer/src/db/replica-storage.ts'
import {
  createApiClient,
  createCampusDatabase,
  createMemorySecretStore,
  databaseName,
  login,
  replicatedCollectionNames,
  startSync,
  type ApiClient,
} from '../../renderer/src/db/index.ts'
import type { CollectionName } from '../../domain/collections.ts'
import type { WireDocument } from '../../domain/documents.ts'
import { importBench } from './import.ts'
import { timetableBench } from './timetable.ts'

export interface FirstSyncResult {
  ms: number
  documents: number
}

async function firstSync(account: string, password: string): Promise<FirstSyncResult> {
  const serverUrl = location.origin
  const started = performance.now()
  const session = await login(serverUrl, { account, password })
  const api = createApiClient({ serverUrl, secrets: createMemorySecretStore() })
  await api.setTokens(session)
  const database = await createCampusDatabase({
    storage: getReplicaStorage(),
    name: `${databaseName(serverUrl, session.user)}_${Date.now()}`,
  })
  const engine = startSync({ database, api })
  await engine.awaitInSync()
  const ms = performance.now() - started
  const counts = await Promise.all(
    replicatedCollectionNames().map((name) => database.collection(name).count().exec()),
  )
  await engine.stop()
  await database.close()
  return { ms, documents: counts.reduce((a, b) => a + b, 0) }
}

async function everyDocument(api: ApiClient): Promise<Map<CollectionName, WireDocument[]>> {
  const all = new Map<CollectionName, WireDocument[]>()
  for (const name of replicatedCollectionNames()) {
    const docs: WireDocument[] = []
    let seq = 0
    for (;;) {
      const page = await api.json<{ documents: WireDocument[]; checkpoint: { seq: number } }>(
        `/api/sync/${name}/pull?seq=${seq}&limit=1000`,
      )
      if (page.documents.length === 0) break
      docs.push(...page.documents)
      seq = page.checkpoint.seq
    }
    all.set(name, docs)
  }
  return all
}

export interface ReferenceWrites {
  documents: number
  /** A raw Dexie `bulkPut` of every document into one table indexed like the replica. */
  rawDexieMs: number
  /** RxDB's own `bulkInsert` of the same documents into a fresh replica: the floor of any RxDB sync. */
  rxdbBulkInsertMs: number
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await work()
  return performance.now() - started
}

/** The references the first sync is compared with, writing the same documents in the same browser. */
async function referenceWrites(account: string, password: string): Promise<ReferenceWrites> {
  const serverUrl = location.origin
  const session = await login(serverUrl, { account, password })
  const api = createApiClient({ serverUrl, secrets: createMemorySecretStore() })
  await api.setTokens(session)
  const byCollection = await everyDocument(api)
  const documents = [...byCollection.values()].flat()

  const raw = new Dexie(`raw-dexie-${Date.now()}`)
  raw.version(1).stores({ docs: 'id, [kind+id], schoolId' })
  await raw.open()
  const rawDexieMs = await timed(() => raw.table('docs').bulkPut(documents))
  raw.close()

  const database = await createCampusDatabase({
    storage: getReplicaStorage(),
    name: `rxdb-insert-${Date.now()}`,
  })
  const rxdbBulkInsertMs = await timed(() =>
    Promise.all(
      [...byCollection].map(([name, docs]) =>
        database.collection(name).bulkInsert(docs.map(({ _deleted: _ignored, ...doc }) => doc)),
      ),
    ),
  )
  await database.close()
  return { documents: documents.length, rawDexieMs, rxdbBulkInsertMs }
}

declare global {
  interface Window {
    bench: {
      firstSync: typeof firstSync
      referenceWrites: typeof referenceWrites
      databaseName: typeof databaseName
    } & typeof timetableBench &
      typeof importBench
  }
}

window.bench = { firstSync, referenceWrites, databaseName, ...timetableBench, ...importBench }
document.body.dataset.ready = 'true'
