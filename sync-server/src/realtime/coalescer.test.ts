import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { CollectionName } from '../../../domain/collections.ts'
import type { CommittedChange } from '../store/index.ts'
import { schoolClass, subject } from '../test-support/documents.ts'
import { ChangeCoalescer, MAX_COALESCED_DOCUMENTS } from './coalescer.ts'

/** One commit of documents `ids` (taking seqs from `firstSeq` on) to `collection`. */
function commit(
  collection: CollectionName,
  firstSeq: number,
  ids: string[],
  schoolId = 'demo',
): CommittedChange {
  const data = (id: string) => (collection === 'org' ? schoolClass(id) : subject(schoolId, id))
  return { schoolId, collection, documents: ids.map((id, at) => ({ seq: firstSeq + at, data: data(id) })) }
}

/** What each delivered change held: its collection and `id@seq` of its documents. */
const summary = (changes: CommittedChange[]) =>
  changes.map(({ collection, documents }) => [
    collection,
    documents.map(({ seq, data }) => `${data.id}@${seq}`),
  ])

describe('ChangeCoalescer', () => {
  let batches: { schoolId: string; changes: CommittedChange[] }[]
  const coalescer = (windowMs = 10, maxDocuments?: number) =>
    new ChangeCoalescer({ windowMs, maxDocuments }, (schoolId, changes) =>
      batches.push({ schoolId, changes }),
    )

  beforeEach(() => {
    batches = []
    vi.useFakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  it("hands on a school's commits of one window as one batch, when the window ends", () => {
    const changes = coalescer(10)
    changes.add(commit('catalog', 1, ['a']))
    vi.advanceTimersByTime(5)
    changes.add(commit('catalog', 2, ['b', 'c']))
    vi.advanceTimersByTime(4)
    expect(batches).toEqual([])
    vi.advanceTimersByTime(1)
    expect(batches.map(({ schoolId, changes }) => [schoolId, summary(changes)])).toEqual([
      ['demo', [['catalog', ['a@1', 'b@2', 'c@3']]]],
    ])
    changes.add(commit('catalog', 4, ['d']))
    vi.advanceTimersByTime(10)
    expect(batches).toHaveLength(2)
  })

  it(`hands the batch on at once when it reaches ${MAX_COALESCED_DOCUMENTS} documents`, () => {
    const changes = coalescer(10)
    const ids = (count: number, from: number) => Array.from({ length: count }, (_, at) => `d${from + at}`)
    changes.add(commit('catalog', 1, ids(MAX_COALESCED_DOCUMENTS - 1, 1)))
    expect(batches).toEqual([])
    changes.add(commit('catalog', MAX_COALESCED_DOCUMENTS, ids(1, MAX_COALESCED_DOCUMENTS)))
    expect(batches).toHaveLength(1)
    expect(batches[0]?.changes[0]?.documents).toHaveLength(MAX_COALESCED_DOCUMENTS)
    vi.advanceTimersByTime(10)
    expect(batches).toHaveLength(1)
  })

  it('keeps one change per run of a collection, in commit order', () => {
    const changes = coalescer(10)
    changes.add(commit('catalog', 1, ['a']))
    changes.add(commit('catalog', 2, ['b']))
    changes.add(commit('org', 3, ['c1']))
    changes.add(commit('catalog', 4, ['c']))
    changes.flush('demo')
    expect(summary(batches[0]?.changes ?? [])).toEqual([
      ['catalog', ['a@1', 'b@2']],
      ['org', ['c1@3']],
      ['catalog', ['c@4']],
    ])
  })

  it("sends each document's latest version once, at its latest seq, so the run still ends at its last seq", () => {
    const changes = coalescer(10)
    changes.add(commit('catalog', 1, ['a', 'b']))
    changes.add(commit('catalog', 3, ['a']))
    changes.add(commit('catalog', 4, ['c']))
    changes.add(commit('catalog', 5, ['c']))
    changes.flush()
    expect(summary(batches[0]?.changes ?? [])).toEqual([['catalog', ['b@2', 'a@3', 'c@5']]])
  })

  it('keeps schools apart and flushes one school or all', () => {
    const changes = coalescer(10)
    changes.add(commit('catalog', 1, ['a'], 'demo'))
    changes.add(commit('catalog', 1, ['b'], 'demo2'))
    changes.flush('demo2')
    expect(batches.map(({ schoolId }) => schoolId)).toEqual(['demo2'])
    changes.add(commit('catalog', 2, ['c'], 'demo3'))
    changes.flush()
    expect(batches.map(({ schoolId }) => schoolId)).toEqual(['demo2', 'demo', 'demo3'])
    vi.advanceTimersByTime(10)
    expect(batches).toHaveLength(3)
  })

  it('hands every commit on at once with a window of 0', () => {
    const changes = coalescer(0)
    changes.add(commit('catalog', 1, ['a']))
    changes.add(commit('catalog', 2, ['b']))
    expect(batches.map(({ changes }) => summary(changes))).toEqual([
      [['catalog', ['a@1']]],
      [['catalog', ['b@2']]],
    ])
  })
})
