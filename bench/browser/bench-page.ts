// Runs inside headless Chromium, served by a real sync server: the app's own sync code against real IndexedDB.
import Dexie from 'dexie'
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie'
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
import type { WireDocument } from '../../domain/documents.ts'

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
    storage: getRxStorageDexie(),
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

async function everyDocument(api: ApiClient): Promise<WireDocument[]> {
  const all: WireDocument[] = []
  for (const name of replicatedCollectionNames()) {
    let seq = 0
    for (;;) {
      const page = await api.json<{ documents: WireDocument[]; checkpoint: { seq: number } }>(
        `/api/sync/${name}/pull?seq=${seq}&limit=1000`,
      )
      if (page.documents.length === 0) break
      all.push(...page.documents)
      seq = page.checkpoint.seq
    }
  }
  return all
}

/** The reference: a raw Dexie `bulkPut` of the same documents, into a table indexed like the replica's. */
async function rawDexie(account: string, password: string): Promise<FirstSyncResult> {
  const serverUrl = location.origin
  const session = await login(serverUrl, { account, password })
  const api = createApiClient({ serverUrl, secrets: createMemorySecretStore() })
  await api.setTokens(session)
  const documents = await everyDocument(api)
  const db = new Dexie(`raw-dexie-${Date.now()}`)
  db.version(1).stores({ docs: 'id, [kind+id], schoolId' })
  await db.open()
  const started = performance.now()
  await db.table('docs').bulkPut(documents)
  const ms = performance.now() - started
  db.close()
  return { ms, documents: documents.length }
}

declare global {
  interface Window {
    bench: { firstSync: typeof firstSync; rawDexie: typeof rawDexie }
  }
}

window.bench = { firstSync, rawDexie }
document.body.dataset.ready = 'true'
