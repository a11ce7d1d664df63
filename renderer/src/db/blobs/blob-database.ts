import { Dexie, type DexieOptions, type EntityTable } from 'dexie'

/** A blob's bytes kept on this PC. */
export interface StoredBlob {
  sha256: string
  bytes: Blob
  mime: string
  size: number
  cachedAt: number
}

/** A blob waiting to be uploaded; `failedAt` is set when the server refused it for good. */
export interface QueuedUpload {
  sha256: string
  name: string
  mime: string
  size: number
  queuedAt: number
  attempts: number
  lastError: string | null
  nextAttemptAt: number
  failedAt: number | null
}

export type BlobDatabase = Dexie & {
  blobs: EntityTable<StoredBlob, 'sha256'>
  uploads: EntityTable<QueuedUpload, 'sha256'>
}

/** Where IndexedDB comes from: the browser's by default, fake-indexeddb in Node tests. */
export type BlobStorageOptions = Pick<DexieOptions, 'indexedDB' | 'IDBKeyRange'>

/** The blob cache of a session's replica lives beside it, so removing the replica can remove it too. */
export function blobDatabaseName(sessionDatabaseName: string): string {
  return `${sessionDatabaseName}-blobs`
}

export function openBlobDatabase(
  sessionDatabaseName: string,
  storage: BlobStorageOptions = {},
): BlobDatabase {
  const database = new Dexie(blobDatabaseName(sessionDatabaseName), storage) as BlobDatabase
  database.version(1).stores({ blobs: 'sha256', uploads: 'sha256, queuedAt' })
  return database
}
