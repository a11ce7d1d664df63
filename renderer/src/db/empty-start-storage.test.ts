import { IDBFactory, IDBKeyRange, IDBObjectStore } from 'fake-indexeddb'
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCampusDatabase, type CampusDatabase } from './database.ts'

const subject = { id: 's1', kind: 'subject', schoolId: 'demo', updatedAt: 1, name: '数学', enabled: true }

describe('the first-sync fast path', () => {
  const indexedDB = new IDBFactory()
  const open = (name: string) =>
    createCampusDatabase({ storage: getRxStorageDexie({ indexedDB, IDBKeyRange }), name })
  let db: CampusDatabase | null = null
  afterEach(async () => {
    await db?.close()
    vi.restoreAllMocks()
  })

  const reads = () => vi.spyOn(IDBObjectStore.prototype, 'get')
  const storage = () => (db as CampusDatabase).collection('catalog').storageInstance

  it('answers reads of never-written ids on a replica that started empty without asking IndexedDB', async () => {
    db = await open('started-empty')
    const gets = reads()
    expect(await storage().findDocumentsById(['missing'], true)).toEqual([])
    expect(gets).not.toHaveBeenCalled()

    await db.collection('catalog').insert(subject)
    gets.mockClear()
    const [found] = await storage().findDocumentsById(['s1', 'missing'], true)
    expect(found).toMatchObject({ id: 's1', name: '数学' })
    expect(gets).toHaveBeenCalledTimes(1)
  })

  it('asks IndexedDB for every read once the replica held documents when it was opened', async () => {
    db = await open('started-full')
    await db.collection('catalog').insert(subject)
    await db.close()
    db = await open('started-full')
    const gets = reads()
    expect(await storage().findDocumentsById(['missing'], true)).toEqual([])
    expect(gets).toHaveBeenCalled()
    expect(await storage().findDocumentsById(['s1'], true)).toHaveLength(1)
  })
})
