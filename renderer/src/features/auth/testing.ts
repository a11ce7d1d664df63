import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { getReplicaStorage } from '../../db/replica-storage.ts'
import { createMemorySecretStore, deleteDexieDatabases } from '../../db/index.ts'
import type { FakeLink, FakeSyncServer } from '../../db/testing/fake-sync-server.ts'
import type { AuthDependencies, KeyValueStore } from './dependencies.ts'

export function memoryPreferences(): KeyValueStore {
  const values = new Map<string, string>()
  return {
    get: (key) => values.get(key) ?? null,
    set: (key, value) => void values.set(key, value),
    remove: (key) => void values.delete(key),
  }
}

/**
 * Session surroundings for Node tests: a fake IndexedDB of their own (one "PC"), a fake server link,
 * memory secrets and settings.
 */
export function testAuthDependencies(
  server: FakeSyncServer,
  link: FakeLink = server.link(),
  indexedDB: IDBFactory = new IDBFactory(),
): AuthDependencies {
  return {
    secrets: createMemorySecretStore(),
    createStorage: () => getReplicaStorage({ indexedDB, IDBKeyRange }),
    deleteStorage: (name) => deleteDexieDatabases(indexedDB, name),
    blobStorage: { indexedDB, IDBKeyRange },
    fetch: link.fetch,
    preferences: memoryPreferences(),
    defaultServerUrl: async () => server.url,
    deviceName: async () => 'Campus Desk · Test PC',
  }
}
