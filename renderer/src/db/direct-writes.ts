import {
  categorizeBulkWriteRows,
  getPrimaryFieldOfPrimaryKey,
  type BulkWriteRow,
  type DexieStorageInternals,
  type EventBulk,
  type RxDocumentData,
  type RxStorage,
  type RxStorageBulkWriteResponse,
  type RxStorageChangeEvent,
  type RxStorageDefaultCheckpoint,
  type RxStorageInstance,
} from 'rxdb'
import { fromDexieToStorage, fromStorageToDexie } from 'rxdb/plugins/storage-dexie'
import type { Subject } from 'rxjs'
import { wrapStorageInstances } from './storage-wrapper.ts'
import { WrittenIds } from './written-ids.ts'

type AnyDocument = Record<string, unknown>
type DexieInstance = RxStorageInstance<AnyDocument, DexieStorageInternals, unknown>
type ChangeBulk = EventBulk<RxStorageChangeEvent<RxDocumentData<AnyDocument>>, RxStorageDefaultCheckpoint>
type DexieState = Awaited<DexieStorageInternals>

/** What RxDB 17's Dexie instance keeps to itself (rx-storage-instance-dexie.ts): its change subject and close state. */
interface DexieInstanceState {
  changes$?: Subject<ChangeBulk>
  closed?: Promise<void>
}

/**
 * RxDB's Dexie storage writes a bulk by reading every one of its documents (Dexie `bulkGet`) and then putting them
 * (Dexie `bulkPut`). This writes the same bulk in one raw IndexedDB transaction instead: it reads only the ids that
 * may be stored — none on an instance that was empty when it was opened and that this process alone writes
 * (`multiInstance: false`), until the id is written — decides inserts, updates and conflicts with RxDB's own
 * `categorizeBulkWriteRows`, puts the documents and emits the change bulk as the Dexie instance would.
 * Instances with attachments keep Dexie's write (it also writes the attachments table).
 */
export function withDirectWrites(
  storage: RxStorage<DexieStorageInternals, unknown>,
): RxStorage<DexieStorageInternals, unknown> {
  return wrapStorageInstances(storage, async (instance, params) => {
    const changes = (instance as unknown as DexieInstanceState).changes$
    if (!changes || params.schema.attachments) return instance
    const state = await instance.internals
    const written = !params.multiInstance && (await isEmpty(state)) ? new WrittenIds() : null
    const primaryPath = getPrimaryFieldOfPrimaryKey(params.schema.primaryKey) as string
    const wrapper: DexieInstance = Object.create(instance)
    wrapper.bulkWrite = async function (rows: BulkWriteRow<AnyDocument>[], context: string) {
      if ((instance as unknown as DexieInstanceState).closed)
        throw new Error(`storage instance ${params.databaseName}-${params.collectionName} is closed`)
      const ids = rows.map((row) => String(row.document[primaryPath]))
      const toRead = written ? written.mayBeStored(ids) : ids
      written?.add(ids)
      const { response, eventBulk } = await writeInOneTransaction(
        this,
        state,
        primaryPath,
        rows,
        context,
        toRead,
      )
      if (eventBulk) changes.next(eventBulk)
      return response
    }
    return wrapper
  })
}

function isEmpty(state: DexieState): Promise<boolean> {
  return state.dexieTable.count().then((count: number) => count === 0)
}

interface WriteOutcome {
  response: RxStorageBulkWriteResponse<AnyDocument>
  eventBulk: ChangeBulk | null
}

/**
 * The transaction is created synchronously on the call, so bulks reach IndexedDB in the order they were written;
 * reads and puts chain through request callbacks, never a promise, which would let the transaction commit early.
 */
function writeInOneTransaction(
  instance: DexieInstance,
  state: DexieState,
  primaryPath: string,
  rows: BulkWriteRow<AnyDocument>[],
  context: string,
  idsToRead: string[],
): Promise<WriteOutcome> {
  return new Promise((resolve, reject) => {
    const transaction = state.dexieDb.backendDB().transaction(state.dexieTable.name, 'readwrite')
    const store = transaction.objectStore(state.dexieTable.name)
    let outcome: WriteOutcome | null = null
    transaction.oncomplete = () => resolve(outcome as WriteOutcome)
    transaction.onabort = () => reject(transaction.error ?? new Error('bulk write aborted'))

    const stored = new Map<string, RxDocumentData<AnyDocument>>()
    const putAll = () => {
      try {
        outcome = categorizedPuts(instance, store, state.booleanIndexes, primaryPath, stored, rows, context)
      } catch (error) {
        transaction.abort()
        reject(error)
      }
    }
    let pending = idsToRead.length
    if (pending === 0) putAll()
    for (const id of idsToRead) {
      const request = store.get(id)
      request.onsuccess = () => {
        if (request.result !== undefined)
          stored.set(id, fromDexieToStorage(state.booleanIndexes, request.result))
        if (--pending === 0) putAll()
      }
    }
  })
}

function categorizedPuts(
  instance: DexieInstance,
  store: IDBObjectStore,
  booleanIndexes: string[],
  primaryPath: string,
  stored: Map<string, RxDocumentData<AnyDocument>>,
  rows: BulkWriteRow<AnyDocument>[],
  context: string,
): WriteOutcome {
  const categorized = categorizeBulkWriteRows<AnyDocument>(instance, primaryPath, stored, rows, context)
  for (const row of [...categorized.bulkInsertDocs, ...categorized.bulkUpdateDocs])
    store.put(fromStorageToDexie(booleanIndexes, row.document))
  const newest = categorized.newestRow?.document
  const eventBulk = categorized.eventBulk as ChangeBulk
  if (!newest || eventBulk.events.length === 0)
    return { response: { error: categorized.errors }, eventBulk: null }
  eventBulk.checkpoint = { id: String(newest[primaryPath]), lwt: newest._meta.lwt }
  return { response: { error: categorized.errors }, eventBulk }
}
