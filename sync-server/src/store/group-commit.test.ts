import { afterEach, beforeEach, expect, it } from 'vitest'
import type { WireDocument } from '../../../domain/documents.ts'
import { subject } from '../test-support/documents.ts'
import { describeEachStore, openDriver, type TestStore } from '../test-support/stores.ts'
import type { SqlDriver } from './sql-driver.ts'
import { SqlStore } from './sql-store.ts'
import type { CommittedChange, Store } from './types.ts'

function writeOne(store: Store, doc: WireDocument): Promise<string> {
  return store.writeDocuments('s1', 'catalog', [doc.id], () => ({ writes: [doc], result: doc.id }))
}

/** A second store on the same database whose transactions are counted. */
async function countingStore(testStore: TestStore): Promise<{ store: Store; transactions: () => number }> {
  const driver = await openDriver(testStore.config)
  let count = 0
  const counting: SqlDriver = {
    ...driver,
    transaction: (work, lockKey) => {
      count++
      return driver.transaction(work, lockKey)
    },
  }
  const store = await SqlStore.open(counting)
  const opened = count
  return { store, transactions: () => count - opened }
}

describeEachStore('group commit ($name)', (factory) => {
  let testStore: TestStore
  let store: Store
  let transactions: () => number
  beforeEach(async () => {
    testStore = await factory.create()
    ;({ store, transactions } = await countingStore(testStore))
  })
  afterEach(async () => {
    await store.close()
    await testStore.dispose()
  })

  it('commits the writes of one school that arrive together in one transaction, each acknowledged in seq order', async () => {
    const changes: CommittedChange[] = []
    store.onCommit((change) => changes.push(change))
    const acknowledged: string[] = []
    const writes = Array.from({ length: 20 }, (_, i) =>
      writeOne(store, subject('s1', `d${i}`)).then((id) => acknowledged.push(id)),
    )
    await Promise.all(writes)

    // The first write runs alone; the 19 queued behind it go together.
    expect(transactions()).toBe(2)
    const ids = Array.from({ length: 20 }, (_, i) => `d${i}`)
    expect(acknowledged).toEqual(ids)
    expect(changes.flatMap((c) => c.documents.map((d) => [d.seq, d.data.id]))).toEqual(
      ids.map((id, i) => [i + 1, id]),
    )
  })

  it('shows each write of a group what the writes before it stored, so a conflict is seen', async () => {
    const versions = Array.from({ length: 5 }, () =>
      store.writeDocuments('s1', 'catalog', ['a'], (stored) => {
        const version = Number((stored.get('a') as { name?: string } | undefined)?.name ?? 0) + 1
        return { writes: [subject('s1', 'a', { name: String(version) })], result: version }
      }),
    )
    expect(await Promise.all(versions)).toEqual([1, 2, 3, 4, 5])
    expect(transactions()).toBe(2)
  })

  it('lets a write with related queries see what the writes before it in its group stored', async () => {
    const before = [writeOne(store, subject('s1', 'first')), writeOne(store, subject('s1', 'a'))]
    const seen = await store.writeDocuments(
      's1',
      'catalog',
      [],
      (_, related) => ({ writes: [], result: related.map((doc) => doc.id).sort() }),
      [{ collection: 'catalog', kind: 'subject' }],
    )
    await Promise.all(before)
    // 'first' ran alone; 'a' is in the same group as the query.
    expect(transactions()).toBe(2)
    expect(seen).toEqual(['a', 'first'])
  })

  it('fails only the write whose plan refuses it; the others of its group are committed', async () => {
    const refused = store.writeDocuments('s1', 'catalog', ['x'], () => {
      throw new Error('conflict')
    })
    const results = await Promise.allSettled([
      writeOne(store, subject('s1', 'a')),
      writeOne(store, subject('s1', 'b')),
      refused,
      writeOne(store, subject('s1', 'c')),
    ])

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled'])
    expect((await store.pull('s1', 'catalog', 0, 10)).map((d) => [d.seq, d.data.id])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ])
  })

  it('loses no acknowledged write when a statement fails mid-group: the others are committed alone', async () => {
    const broken = { ...subject('s1', 'broken'), updatedAt: undefined } as unknown as WireDocument
    const results = await Promise.allSettled([
      writeOne(store, subject('s1', 'a')),
      writeOne(store, subject('s1', 'b')),
      writeOne(store, broken),
      writeOne(store, subject('s1', 'c')),
    ])

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled'])
    const stored = await store.pull('s1', 'catalog', 0, 10)
    expect(stored.map((d) => d.data.id)).toEqual(['a', 'b', 'c'])
    expect(stored.map((d) => d.seq)).toEqual([...stored.map((d) => d.seq)].sort((x, y) => x - y))
    // The group of b, broken and c was rolled back and each tried alone.
    expect(transactions()).toBe(5)
  })
})
