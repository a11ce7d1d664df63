import { afterEach, beforeEach, expect, it } from 'vitest'
import type { WireDocument } from '../../../domain/documents.ts'
import { location, schoolClass, subject } from '../test-support/documents.ts'
import { describeEachStore, type TestStore } from '../test-support/stores.ts'
import type { RelatedQuery, Store } from './index.ts'

function writeAll(store: Store, schoolId: string, docs: WireDocument[]): Promise<null> {
  return store.writeDocuments(
    schoolId,
    docs[0]?.kind === 'class' ? 'org' : 'catalog',
    docs.map((d) => d.id),
    () => ({ writes: docs, result: null }),
  )
}

/** The ids of the related documents a write of `s1` sees for `queries` (it writes nothing). */
async function relatedIds(store: Store, queries: RelatedQuery[]): Promise<string[]> {
  const ids = await store.writeDocuments(
    's1',
    'catalog',
    [],
    (_, related) => ({
      writes: [],
      result: related.map((doc) => doc.id),
    }),
    queries,
  )
  return ids.sort()
}

describeEachStore('related documents of a write ($name)', (factory) => {
  let testStore: TestStore
  let store: Store
  beforeEach(async () => {
    testStore = await factory.create()
    store = testStore.store
  })
  afterEach(() => testStore.dispose())

  it('hands the plan the live documents of the queried kinds, filtered by a field', async () => {
    await writeAll(store, 's1', [
      subject('s1', 'math', { code: 'm' }),
      subject('s1', 'art', { code: 'a' }),
      { ...subject('s1', 'gone', { code: 'm' }), _deleted: true },
      location('s1', 'room'),
    ])
    await writeAll(store, 's1', [schoolClass('class')])
    await writeAll(store, 's2', [subject('s2', 'elsewhere', { code: 'm' })])

    expect(await relatedIds(store, [])).toEqual([])
    expect(await relatedIds(store, [{ collection: 'catalog', kind: 'subject' }])).toEqual(['art', 'math'])
    expect(
      await relatedIds(store, [
        { collection: 'catalog', kind: 'subject', where: { field: 'code', in: ['m', 'x'] } },
        { collection: 'org', kind: 'class' },
      ]),
    ).toEqual(['class', 'math'])
    expect(
      await relatedIds(store, [{ collection: 'catalog', kind: 'subject', where: { field: 'code', in: [] } }]),
    ).toEqual([])
    expect(await relatedIds(store, [{ collection: 'org', kind: 'subject' }])).toEqual([])
  })

  it('filters by many values at once', async () => {
    const docs = Array.from({ length: 700 }, (_, i) => subject('s1', `d${i}`, { code: `c${i}` }))
    await writeAll(store, 's1', docs)
    const codes = Array.from({ length: 1200 }, (_, i) => `c${i * 2}`)
    const ids = await relatedIds(store, [
      { collection: 'catalog', kind: 'subject', where: { field: 'code', in: codes } },
    ])
    expect(ids).toHaveLength(350)
  })

  it('refuses a field name that is not a plain identifier', async () => {
    const query: RelatedQuery = {
      collection: 'catalog',
      kind: 'subject',
      where: { field: "code') OR (1=1", in: ['m'] },
    }
    await expect(relatedIds(store, [query])).rejects.toThrow('not a plain field name')
  })

  it('reads them under the write lock: of two concurrent writes that each need the other absent, one writes', async () => {
    const writeUnlessTaken = (id: string) =>
      store.writeDocuments(
        's1',
        'catalog',
        [id],
        (_, related) => {
          const taken = related.length > 0
          return { writes: taken ? [] : [subject('s1', id, { code: 'unique' })], result: !taken }
        },
        [{ collection: 'catalog', kind: 'subject', where: { field: 'code', in: ['unique'] } }],
      )
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => writeUnlessTaken(`s${i}`)))
    expect(results.filter(Boolean)).toHaveLength(1)
    expect(await store.pull('s1', 'catalog', 0, 100)).toHaveLength(1)
  })
})
