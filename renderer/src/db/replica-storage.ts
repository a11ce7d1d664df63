import {
  getPrimaryFieldOfPrimaryKey,
  type DexieSettings,
  type DexieStorageInternals,
  type RxDocumentData,
  type RxStorage,
} from 'rxdb'
import { fromDexieToStorage, getRxStorageDexie } from 'rxdb/plugins/storage-dexie'
import { withDirectWrites } from './direct-writes.ts'
import { withPulledStateMarkers } from './pulled-state-markers.ts'
import { wrapStorageInstances } from './storage-wrapper.ts'

type AnyDocument = Record<string, unknown>
interface ChangeCheckpoint {
  id: string
  lwt: number
}

/**
 * The replica's storage: RxDB's Dexie storage, with the changes-since read that replication relies on indexed,
 * bulk writes done directly in IndexedDB (see `withDirectWrites`) and the replication's assumed master states of
 * pulled documents kept in the replica's rows (see `withPulledStateMarkers`).
 */
export function getReplicaStorage(settings: DexieSettings = {}): RxStorage<DexieStorageInternals, unknown> {
  return withPulledStateMarkers(withIndexedChangesSince(withDirectWrites(getRxStorageDexie(settings))))
}

/**
 * RxDB's Dexie storage answers "documents changed since (lwt, id)" with a generic query whose index range starts at
 * the checkpoint's `lwt` and filters the id in JavaScript. Every row of one bulk write shares one `lwt`, so from a
 * checkpoint near the end of a 5,000-row bulk each call walks the whole bulk to return a few rows — or none. The
 * replication's upstream calls it at every pull hint (see docs/benchmarks.md, receipts). Dexie's `[_meta.lwt+id]`
 * index, which the storage keeps for exactly this, answers it as one key range that starts after the checkpoint.
 */
export function withIndexedChangesSince(
  storage: RxStorage<DexieStorageInternals, unknown>,
): RxStorage<DexieStorageInternals, unknown> {
  return wrapStorageInstances(storage, (instance, params) => {
    const primaryPath = getPrimaryFieldOfPrimaryKey(params.schema.primaryKey) as string
    const wrapper: typeof instance = Object.create(instance)
    wrapper.getChangedDocumentsSince = (limit, checkpoint) =>
      changedSince(instance.internals, primaryPath, limit, checkpoint as ChangeCheckpoint | undefined)
    return wrapper
  })
}

async function changedSince(
  internals: DexieStorageInternals,
  primaryPath: string,
  limit: number,
  checkpoint: ChangeCheckpoint | undefined,
): Promise<{ documents: RxDocumentData<AnyDocument>[]; checkpoint: ChangeCheckpoint }> {
  const { dexieTable, booleanIndexes } = await internals
  const index = dexieTable.where(`[_meta.lwt+${primaryPath}]`)
  const range = checkpoint ? index.above([checkpoint.lwt, checkpoint.id]) : index.above([-Infinity, ''])
  const rows = (await range.limit(limit).toArray()) as AnyDocument[]
  const documents = rows.map((row) => fromDexieToStorage(booleanIndexes, row) as RxDocumentData<AnyDocument>)
  const last = documents.at(-1)
  return {
    documents,
    checkpoint: last
      ? { id: String(last[primaryPath]), lwt: last._meta.lwt }
      : (checkpoint ?? { id: '', lwt: 0 }),
  }
}
