import {
  getChangedDocumentsSince,
  getPrimaryFieldOfPrimaryKey,
  type BulkWriteRow,
  type RxDocumentData,
  type RxStorage,
  type RxStorageInstance,
} from 'rxdb'
import { wrapStorageInstances } from './storage-wrapper.ts'

type Instance<I, O> = RxStorageInstance<Record<string, unknown>, I, O>

// Beyond this the id set costs more memory than the reads it saves are worth; the wrapper then steps aside.
const MAX_TRACKED_IDS = 1_000_000

/**
 * The first sync's fast path. RxDB's replication asks the storage for every pulled document before writing it
 * (the fork, then the replication's meta data), and on an empty replica every one of those reads finds nothing.
 * An instance that started empty remembers the ids written through it, and answers reads of other ids with
 * "none" without asking IndexedDB: half of the first sync's reads (see docs/benchmarks.md).
 *
 * Only sound while this process is the replica's one writer: the app's single-instance lock and
 * `multiInstance: false` (see `createCampusDatabase`, which applies it only then).
 */
export function withEmptyStartReads<Internals, Options>(
  storage: RxStorage<Internals, Options>,
): RxStorage<Internals, Options> {
  return wrapStorageInstances(storage, async (instance, params) => {
    const { documents } = await getChangedDocumentsSince(instance, 1)
    if (documents.length > 0) return instance
    const primaryPath = getPrimaryFieldOfPrimaryKey(params.schema.primaryKey) as string
    return trackWrites(instance, primaryPath)
  })
}

function trackWrites<I, O>(instance: Instance<I, O>, primaryPath: string): Instance<I, O> {
  let written: Set<string> | null = new Set()
  // Delegates everything else to the real instance, with `this` kept on the wrapper so its state stays one.
  const wrapper: Instance<I, O> = Object.create(instance)
  wrapper.findDocumentsById = async function (ids, withDeleted) {
    const known = written
    const maybeStored = known ? ids.filter((id) => known.has(id)) : ids
    if (maybeStored.length === 0) return []
    return instance.findDocumentsById.call(this, maybeStored, withDeleted)
  }
  wrapper.bulkWrite = async function (rows: BulkWriteRow<Record<string, unknown>>[], context: string) {
    if (written) {
      for (const row of rows)
        written.add(String((row.document as RxDocumentData<Record<string, unknown>>)[primaryPath]))
      if (written.size > MAX_TRACKED_IDS) written = null
    }
    return instance.bulkWrite.call(this, rows, context)
  }
  return wrapper
}
