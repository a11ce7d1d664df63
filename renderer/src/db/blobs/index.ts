export { createBlobCache, whenSyncRecovers, type BlobCacheOptions } from './blob-cache.ts'
export { blobDatabaseName, type BlobStorageOptions } from './blob-database.ts'
export type { BlobCache } from './types.ts'
export type { FailedUpload } from './upload-queue.ts'
