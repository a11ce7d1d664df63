import { addRxPlugin, createRxDatabase, type RxCollection, type RxDatabase, type RxStorage } from 'rxdb'
import type { RxMigrationStatus } from 'rxdb/plugins/migration-schema'
import { merge, type Subscription } from 'rxjs'
import { RxDBLocalDocumentsPlugin } from 'rxdb/plugins/local-documents'
import { RxDBMigrationSchemaPlugin } from 'rxdb/plugins/migration-schema'
import type { SessionUser } from '../../../domain/auth/roles.ts'
import { COLLECTION_NAMES, type CollectionName } from '../../../domain/collections.ts'
import type { BaseDocument } from '../../../domain/documents.ts'
import { kindsOf } from '../../../domain/registry.ts'
import { collectionSchema, migrateUnchanged } from '../../../domain/rxdb-schemas.ts'
import { createConflictHandler, RefusalBook, UnansweredPushBook } from './conflict-handler.ts'
import { withEmptyStartReads } from './empty-start-storage.ts'
import { createLostEditLog, type LostEditLog } from './lost-edits.ts'
import { withSparseIndexes } from './sparse-indexes.ts'

addRxPlugin(RxDBLocalDocumentsPlugin)
addRxPlugin(RxDBMigrationSchemaPlugin)

/**
 * Documents per batch when a schema version moves a replica's documents to the new version's storage (once, at
 * the first start after an upgrade). RxDB's automatic migration takes 10, which for two terms of lessons
 * (~84,000) meant thousands of transactions.
 */
const MIGRATION_BATCH_SIZE = 2_000

/** A document as RxDB stores it: the common envelope plus the fields of its kind. */
export type StoredDocument = BaseDocument & Record<string, unknown>
export type CampusCollection = RxCollection<StoredDocument>

export interface CampusDatabase {
  readonly name: string
  readonly rx: RxDatabase
  readonly collections: ReadonlyMap<CollectionName, CampusCollection>
  readonly lostEdits: LostEditLog
  /** Shared by the push handlers and the conflict handlers (see `RefusalBook`). */
  readonly refusals: RefusalBook
  /** Shared by the push handlers and the conflict handlers (see `UnansweredPushBook`). */
  readonly unanswered: UnansweredPushBook
  collection(name: CollectionName): CampusCollection
  close(): Promise<void>
  /** Closes the replica and deletes it from this PC: documents, lost edits, replication state. */
  remove(): Promise<void>
}

export interface CreateDatabaseOptions {
  /** `getRxStorageDexie()` in the app; Dexie over `fake-indexeddb` in Node tests. */
  storage: RxStorage<unknown, unknown>
  /** See `databaseName`. */
  name: string
  /**
   * Several RxDB instances on the same storage (browser tabs) coordinating through BroadcastChannel.
   * The desktop app has one window (single-instance lock), so the default is false.
   */
  multiInstance?: boolean
  /**
   * Open only these of the replicated collections (default: all). For tests that open several replicas in one
   * process: open-source RxDB allows 13 open collections per process.
   */
  collections?: readonly CollectionName[]
  /**
   * Told how far the one-time move of a replica to a new schema version has got (the first start after an
   * upgrade; it can take tens of seconds for two terms of lessons), as often as RxDB counts a migrated batch.
   */
  onUpgradeProgress?: (progress: ReplicaUpgradeProgress) => void
}

/** Documents moved to the new schema version so far, over every collection that has to move. */
export interface ReplicaUpgradeProgress {
  handled: number
  total: number
}

/** Collections that hold at least one kind today; a collection starts to exist locally once it gets one. */
export function replicatedCollectionNames(): CollectionName[] {
  return COLLECTION_NAMES.filter((name) => kindsOf(name).length > 0)
}

/** 32-bit FNV-1a, hex: a short, stable tag for a server address. */
function fnv1a(text: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return (hash >>> 0).toString(16).padStart(8, '0')
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9-]/g, '-')
}

/** One replica per server, school and user: `cd_<hash of server url>_<schoolId>_<userId>`. */
export function databaseName(serverUrl: string, user: Pick<SessionUser, 'id' | 'schoolId'>): string {
  const server = serverUrl.trim().replace(/\/+$/, '').toLowerCase()
  return `cd_${fnv1a(server)}_${slug(user.schoolId)}_${slug(user.id)}`
}

/**
 * Deletes the IndexedDB databases of a replica that was removed with Dexie storage: RxDB's `remove()` empties
 * them but leaves them behind (one per collection, named `rxdb-dexie-<name>--<version>--<collection>`).
 */
export async function deleteDexieDatabases(indexedDB: IDBFactory, name: string): Promise<void> {
  const prefix = `rxdb-dexie-${name}--`
  const names = (await indexedDB.databases()).flatMap((db) => (db.name?.startsWith(prefix) ? [db.name] : []))
  await Promise.all(
    names.map(
      (database) =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.deleteDatabase(database)
          request.onsuccess = () => resolve()
          request.onerror = () => reject(request.error ?? new Error(`cannot delete ${database}`))
        }),
    ),
  )
}

/** Sums the migration states of `collections` (only those that have to move report one) into `report`. */
function watchUpgrade(
  collections: readonly CampusCollection[],
  report: (progress: ReplicaUpgradeProgress) => void,
): Subscription {
  const counts = new Map<string, RxMigrationStatus['count']>()
  return merge(...collections.map((collection) => collection.getMigrationState().$)).subscribe((status) => {
    counts.set(status.collectionName, status.count)
    let handled = 0
    let total = 0
    for (const count of counts.values()) {
      handled += count.handled
      total += count.total
    }
    if (total > 0) report({ handled, total })
  })
}

/** Opens (or creates) the local replica with every replicated collection of DESIGN §4. */
export async function createCampusDatabase(options: CreateDatabaseOptions): Promise<CampusDatabase> {
  const multiInstance = options.multiInstance ?? false
  const rx = await createRxDatabase({
    name: options.name,
    storage: withSparseIndexes(multiInstance ? options.storage : withEmptyStartReads(options.storage)),
    multiInstance,
    localDocuments: true,
    // Two open replicas of one name in a process would corrupt each other: RxDB refuses (DB8).
  })
  try {
    const lostEdits = createLostEditLog(rx)
    await lostEdits.load()
    const refusals = new RefusalBook()
    const unanswered = new UnansweredPushBook()
    const names = options.collections ? [...options.collections] : replicatedCollectionNames()
    const creators = Object.fromEntries(
      names.map((name) => [
        name,
        {
          schema: collectionSchema(name),
          migrationStrategies: migrateUnchanged(name),
          autoMigrate: false,
          conflictHandler: createConflictHandler(name, { refusals, lostEdits, unanswered }),
        },
      ]),
    )
    const added = (await rx.addCollections(creators)) as Record<string, CampusCollection>
    const collections = new Map(names.map((name) => [name, added[name] as CampusCollection]))
    const versioned = [...collections.values()].filter((collection) => collection.schema.version > 0)
    const watching = options.onUpgradeProgress && watchUpgrade(versioned, options.onUpgradeProgress)
    try {
      await Promise.all(versioned.map((collection) => collection.migratePromise(MIGRATION_BATCH_SIZE)))
    } finally {
      watching?.unsubscribe()
    }
    return {
      name: options.name,
      rx,
      collections,
      lostEdits,
      refusals,
      unanswered,
      collection(name) {
        const found = collections.get(name)
        if (!found) throw new Error(`collection ${name} has no kinds yet and is not opened`)
        return found
      },
      close: () => rx.close().then(() => undefined),
      remove: () => rx.remove().then(() => undefined),
    }
  } catch (error) {
    await rx.close()
    throw error
  }
}
