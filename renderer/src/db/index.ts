/**
 * The local-first core: the RxDB replica, typed repositories, replication with the sync server and its
 * status. Framework-free (no Vue, Pinia or Element Plus) and storage-injected, so it runs in Node tests.
 */
export {
  ApiError,
  NetworkError,
  REFRESH_TOKEN_KEY,
  apiUrl,
  changePassword,
  createApiClient,
  createMemorySecretStore,
  createQrTicket,
  isNetworkError,
  isSessionExpired,
  login,
  pollQrTicket,
  type ApiClient,
  type ApiClientOptions,
  type FetchLike,
  type LoginResult,
  type QrTicket,
  type QrTicketState,
  type QrTicketStatus,
  type SecretStore,
  type TokenPair,
} from './api-client.ts'
export {
  blobDatabaseName,
  createBlobCache,
  whenSyncRecovers,
  type BlobCache,
  type BlobCacheOptions,
  type BlobStorageOptions,
  type FailedUpload,
} from './blobs/index.ts'
export {
  createCampusDatabase,
  databaseName,
  deleteDexieDatabases,
  replicatedCollectionNames,
  type CampusCollection,
  type CampusDatabase,
  type CreateDatabaseOptions,
  type StoredDocument,
} from './database.ts'
export { createServerClock, type ServerClock } from './server-clock.ts'
export { WHOLE_DOCUMENT, type LostEdit, type LostEditLog } from './lost-edits.ts'
export { reapplyLostEdit } from './reapply.ts'
export {
  DocumentNotFoundError,
  WriteRefusedError,
  createRepository,
  type BulkDocument,
  type Changes,
  type Draft,
  type ProgressListener,
  type Repository,
} from './repository.ts'
export { startSync, type SeqCheckpoint, type SyncEngine, type SyncEngineOptions } from './sync-engine.ts'
export { computeSyncStatus, type SyncPhase, type SyncProblem, type SyncStatus } from './sync-status.ts'
