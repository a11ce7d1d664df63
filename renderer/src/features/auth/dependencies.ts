import type { RxStorage } from 'rxdb'
import type { BlobStorageOptions, FetchLike, SecretStore } from '../../db/index.ts'

/** Small synchronous key-value settings (localStorage in the app, a map in tests). */
export interface KeyValueStore {
  get(key: string): string | null
  set(key: string, value: string): void
  remove(key: string): void
}

/** Everything the session needs from its surroundings; the app wires the browser's, tests their own. */
export interface AuthDependencies {
  secrets: SecretStore
  createStorage(): RxStorage<unknown, unknown>
  /** Deletes what is left of a removed replica in that storage (`deleteDexieDatabases`). */
  deleteStorage(databaseName: string): Promise<void>
  /** The IndexedDB of the session's blob cache; the browser's when left out. */
  blobStorage?: BlobStorageOptions
  fetch: FetchLike
  preferences: KeyValueStore
  /** The server the app was started against (`desktop.appInfo()`), or the page's origin in web mode. */
  defaultServerUrl(): Promise<string | null>
  /** How a phone asked to confirm a QR login names this PC (`deviceName()` of `qr-login.ts`). */
  deviceName(): Promise<string>
}

let configured: AuthDependencies | null = null

export function configureAuth(dependencies: AuthDependencies): void {
  configured = dependencies
}

export function authDependencies(): AuthDependencies {
  if (!configured) throw new Error('configureAuth() was not called')
  return configured
}
