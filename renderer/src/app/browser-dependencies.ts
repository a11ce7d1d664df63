import { getReplicaStorage } from '../db/replica-storage.ts'
import { deleteDexieDatabases } from '../db/index.ts'
import type { AuthDependencies, KeyValueStore } from '../features/auth/dependencies.ts'
import { deviceName } from '../features/auth/qr-login.ts'
import { desktop } from './desktop.ts'

const localPreferences: KeyValueStore = {
  get: (key) => localStorage.getItem(key),
  set: (key, value) => localStorage.setItem(key, value),
  remove: (key) => localStorage.removeItem(key),
}

/** The app's session surroundings: IndexedDB through Dexie, `window.desktop` secrets, the page's fetch. */
export function browserAuthDependencies(): AuthDependencies {
  return {
    secrets: desktop.secrets,
    createStorage: () => getReplicaStorage(),
    deleteStorage: (name) => deleteDexieDatabases(indexedDB, name),
    fetch: (input, init) => fetch(input, init),
    preferences: localPreferences,
    defaultServerUrl: async () => (await desktop.appInfo()).defaultServerUrl ?? location.origin,
    deviceName: async () => deviceName(await desktop.appInfo()),
  }
}
