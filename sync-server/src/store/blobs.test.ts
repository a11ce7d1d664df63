import { afterEach, beforeEach, expect, it } from 'vitest'
import { subject } from '../test-support/documents.ts'
import { openDriver, describeEachStore, type TestStore } from '../test-support/stores.ts'
import { createStore, type BlobMeta, type Store } from './index.ts'

const SHA = 'a'.repeat(64)

function blob(fields: Partial<BlobMeta> = {}): BlobMeta {
  return {
    schoolId: 's1',
    sha256: SHA,
    size: 5_000_000_000,
    mime: 'image/png',
    createdAt: 1_700_000_000_000,
    createdBy: 'acc-1',
    ...fields,
  }
}

describeEachStore('blob store ($name)', (factory) => {
  let testStore: TestStore
  let store: Store
  beforeEach(async () => {
    testStore = await factory.create()
    store = testStore.store
  })
  afterEach(() => testStore.dispose())

  it('finds a saved blob in its school only', async () => {
    expect(await store.saveBlob(blob())).toEqual({ blob: blob(), created: true })
    expect(await store.findBlob('s1', SHA)).toEqual(blob())
    expect(await store.findBlob('s2', SHA)).toBeNull()
    expect(await store.findBlob('s1', 'b'.repeat(64))).toBeNull()
  })

  it('keeps the first save of a blob and says so to the later ones', async () => {
    await store.saveBlob(blob())
    const again = await store.saveBlob(blob({ mime: 'text/plain', createdBy: 'acc-2', createdAt: 2 }))
    expect(again).toEqual({ blob: blob(), created: false })
    expect(await store.saveBlob(blob({ schoolId: 's2' }))).toEqual({
      blob: blob({ schoolId: 's2' }),
      created: true,
    })
  })

  it('adds the blobs table to a database made before it, keeping its data', async () => {
    await store.writeDocuments('s1', 'catalog', ['a'], () => ({ writes: [subject('s1', 'a')], result: null }))
    const driver = await openDriver(testStore.config)
    await driver.run(`DROP TABLE blobs`)
    await driver.run(`DELETE FROM schema_version WHERE version >= 4`)
    await driver.close()

    const reopened = await createStore(testStore.config)
    try {
      await reopened.saveBlob(blob())
      expect(await reopened.findBlob('s1', SHA)).toEqual(blob())
      expect((await reopened.pull('s1', 'catalog', 0, 10)).map((d) => d.data.id)).toEqual(['a'])
    } finally {
      await reopened.close()
    }
  })
})
