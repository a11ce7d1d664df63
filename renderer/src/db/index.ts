/**
 * The local-first core: the RxDB replica, typed repositories, replication with the sync server and its
 * status. Framework-free (no Vue, Pinia or Element Plus) and storage-injected, so it runs in Node tests.
 */
export {
  ApiError,
  NetworkError,
  REFRESH_TOKEN_KEY,
  changePassword,
  createApiClient,
  createMemorySecretStore,
  createQrTicket,
  isNetworkError,
  login,
  pollQrTicket,
  type ApiClient,
  type FetchLike,
  type SecretStore,
} from './api-client.ts'
export {
  createBlobCache,
  whenSyncRecovers,
  type BlobCache,
  type BlobStorageOptions,
  type FailedUpload,
} from './blobs/index.ts'
export {
  createCampusDatabase,
  databaseName,
  deleteDexieDatabases,
  replicatedCollectionNames,
  type CampusDatabase,
  type ReplicaUpgradeProgress,
} from './database.ts'
export { createServerClock, type ServerClock } from './server-clock.ts'
export { WHOLE_DOCUMENT, type LostEdit } from './lost-edits.ts'
export { reapplyLostEdit } from './reapply.ts'
export {
  WriteRefusedError,
  createRepository,
  type BulkDocument,
  type Changes,
  type Draft,
  type ProgressListener,
  type Repository,
} from './repository.ts'
export { startSync, type SyncEngine } from './sync-engine.ts'
export { type SyncStatus } from './sync-status.ts'
