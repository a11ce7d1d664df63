import {
  getChangedDocumentsSince,
  getPrimaryFieldOfPrimaryKey,
  type BulkWriteRow,
  type RxDocumentData,
  type RxStorage,
  type RxStorageInstance,
} from 'rxdb'
import { wrapStorageInstances } from './storage-wrapper.ts'
import { WrittenIds } from './written-ids.ts'

type Instance<I, O> = RxStorageInstance<Record<string, unknown>, I, O>

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
  const written = new WrittenIds()
  // Delegates everything else to the real instance, with `this` kept on the wrapper so its state stays one.
  const wrapper: Instance<I, O> = Object.create(instance)
  wrapper.findDocumentsById = async function (ids, withDeleted) {
    const maybeStored = written.mayBeStored(ids)
    if (maybeStored.length === 0) return []
    return instance.findDocumentsById.call(this, maybeStored, withDeleted)
  }
  wrapper.bulkWrite = async function (rows: BulkWriteRow<Record<string, unknown>>[], context: string) {
    written.add(
      rows.map((row) => String((row.document as RxDocumentData<Record<string, unknown>>)[primaryPath])),
    )
    return instance.bulkWrite.call(this, rows, context)
  }
  return wrapper
}
