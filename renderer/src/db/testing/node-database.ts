import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { getReplicaStorage } from '../replica-storage.ts'
import type { SessionUser } from '../../../../domain/auth/roles.ts'
import type { CollectionName } from '../../../../domain/collections.ts'
import { createCampusDatabase, databaseName, type CampusDatabase } from '../database.ts'

export const ADMIN: SessionUser = { id: 'u-admin', schoolId: 'demo', name: '王校长', roles: ['admin'] }
export const TEACHER: SessionUser = { id: 'u-teacher', schoolId: 'demo', name: '李老师', roles: ['teacher'] }

let opened = 0

/**
 * A fresh replica on Dexie over fake-indexeddb, as the app opens it in the browser; with `collections`, only those
 * (several replicas of every collection in one process would pass RxDB's limit of 13 open collections).
 */
export function openNodeDatabase(
  user: SessionUser,
  serverUrl = 'http://fake-sync.test',
  collections?: readonly CollectionName[],
): Promise<CampusDatabase> {
  opened += 1
  return createCampusDatabase({
    storage: getReplicaStorage({ indexedDB, IDBKeyRange }),
    name: `${databaseName(serverUrl, user)}_${opened}`,
    collections,
  })
}
