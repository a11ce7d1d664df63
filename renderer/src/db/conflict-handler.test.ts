import { firstValueFrom, take, toArray } from 'rxjs'
import { describe, expect, it } from 'vitest'
import type { WireDocument } from '../../../domain/documents.ts'
import { createConflictHandler, RefusalBook, UnansweredPushBook } from './conflict-handler.ts'
import { createLostEditLog, type LocalDocumentStore } from './lost-edits.ts'

type Room = WireDocument & { name: string; capacity?: number; remark?: string; enabled: boolean }

const base: Room = {
  id: 'r1',
  kind: 'location',
  schoolId: 'demo',
  updatedAt: 1,
  name: '301',
  capacity: 40,
  enabled: true,
  _deleted: false,
}

const room = (change: Partial<Room>): Room => ({ ...base, ...change })

/** Local documents kept in a map: what the log persists, without a database. */
function memoryLocalStore(): LocalDocumentStore & { saved: Map<string, unknown> } {
  const saved = new Map<string, unknown>()
  return {
    saved,
    upsertLocal: (async (id: string, data: unknown) => {
      saved.set(id, data)
    }) as unknown as LocalDocumentStore['upsertLocal'],
    getLocal: (async () => null) as unknown as LocalDocumentStore['getLocal'],
  }
}

function setup() {
  const store = memoryLocalStore()
  const lostEdits = createLostEditLog(store, () => 99)
  const refusals = new RefusalBook()
  const unanswered = new UnansweredPushBook()
  const handler = createConflictHandler('catalog', { lostEdits, refusals, unanswered })
  return { store, lostEdits, refusals, unanswered, handler }
}

describe('conflict handler', () => {
  it('keeps a delete made after an edit whose push got no answer, when the server holds that edit', async () => {
    const { handler, lostEdits, unanswered } = setup()
    const edited = room({ name: '302', updatedAt: 2 })
    unanswered.unanswered('catalog', [edited])
    const deleted = { ...edited, updatedAt: 3, _deleted: true }
    const merged = await handler.resolve(
      { assumedMasterState: base, newDocumentState: deleted, realMasterState: edited },
      'test',
    )
    expect(merged).toMatchObject({ id: 'r1', _deleted: true })
    expect(lostEdits.list()).toEqual([])
  })

  it("still merges against the assumed state when the server holds another's edit", async () => {
    const { handler, lostEdits, unanswered } = setup()
    unanswered.unanswered('catalog', [room({ name: '302', updatedAt: 2 })])
    const theirs = room({ name: '303', updatedAt: 2 })
    const merged = await handler.resolve(
      {
        assumedMasterState: base,
        newDocumentState: { ...base, updatedAt: 3, _deleted: true },
        realMasterState: theirs,
      },
      'test',
    )
    expect(merged).toEqual(theirs)
    expect(lostEdits.list()).toEqual([expect.objectContaining({ field: '_deleted', cause: 'conflict' })])
  })

  it('merges edits of different fields and records nothing', async () => {
    const { handler, lostEdits } = setup()
    const mine = { ...base, name: '302', updatedAt: 5 }
    const theirs = { ...base, capacity: 45, updatedAt: 3 }
    const merged = await handler.resolve(
      { assumedMasterState: base, newDocumentState: mine, realMasterState: theirs },
      'test',
    )
    expect(merged).toMatchObject({ name: '302', capacity: 45, updatedAt: 5 })
    expect(lostEdits.list()).toEqual([])
  })

  it('keeps the server value of a field both changed and records the lost edit', async () => {
    const { handler, lostEdits, store } = setup()
    const mine = { ...base, name: '302', remark: '新' }
    const theirs = { ...base, name: '303' }
    const merged = await handler.resolve(
      { assumedMasterState: base, newDocumentState: mine, realMasterState: theirs },
      'test',
    )
    expect(merged).toMatchObject({ name: '303', remark: '新' })
    expect(lostEdits.list()).toEqual([
      expect.objectContaining({
        collection: 'catalog',
        docId: 'r1',
        kind: 'location',
        // Named as the user will now find it: the kept name.
        title: '303',
        field: 'name',
        mine: '302',
        theirs: '303',
        cause: 'conflict',
        at: 99,
      }),
    ])
    expect(store.saved.get('lost-edits')).toEqual({ items: lostEdits.list() })
  })

  it('records a delete that lost against a server edit', async () => {
    const { handler, lostEdits } = setup()
    const merged = await handler.resolve(
      {
        assumedMasterState: base,
        newDocumentState: { ...base, _deleted: true },
        realMasterState: room({ capacity: 50 }),
      },
      'test',
    )
    expect(merged).toMatchObject({ capacity: 50, _deleted: false })
    expect(lostEdits.list()).toMatchObject([{ field: '_deleted', mine: true, theirs: false }])
  })

  it('does not record the same loss twice when RxDB resolves a conflict again', async () => {
    const { handler, lostEdits } = setup()
    const input = {
      assumedMasterState: base,
      newDocumentState: { ...base, name: 'A' },
      realMasterState: { ...base, name: 'B' },
    }
    await handler.resolve(input, 'test')
    await handler.resolve(input, 'test')
    expect(lostEdits.list()).toHaveLength(1)
  })

  it('restores the server state of a refused row and records the refusal with its message', async () => {
    const { handler, lostEdits, refusals } = setup()
    const mine = { ...base, name: '302', capacity: 99 }
    refusals.add('catalog', mine, 'location 301 is not editable')
    const resolved = await handler.resolve(
      { assumedMasterState: base, newDocumentState: mine, realMasterState: base },
      'test',
    )
    expect(resolved).toEqual(base)
    expect(lostEdits.list().map((e) => [e.field, e.mine, e.theirs, e.cause, e.message])).toEqual([
      ['name', '302', '301', 'refused', 'location 301 is not editable'],
      ['capacity', 99, 40, 'refused', 'location 301 is not editable'],
    ])
  })

  it('removes a refused new document and records it whole', async () => {
    const { handler, lostEdits, refusals } = setup()
    const created = { ...base, id: 'new' }
    const tombstone = { ...created, _deleted: true }
    refusals.add('catalog', created, 'only admins may change locations')
    const resolved = await handler.resolve({ newDocumentState: created, realMasterState: tombstone }, 'test')
    expect(resolved).toEqual(tombstone)
    expect(lostEdits.list()).toMatchObject([{ docId: 'new', field: '*', cause: 'refused' }])
  })

  it('emits newly recorded edits for notifications', async () => {
    const { handler, lostEdits } = setup()
    const added = firstValueFrom(lostEdits.added$.pipe(take(1), toArray()))
    await handler.resolve(
      {
        assumedMasterState: base,
        newDocumentState: room({ name: 'A' }),
        realMasterState: room({ name: 'B' }),
      },
      'test',
    )
    expect((await added)[0]).toMatchObject([{ field: 'name' }])
  })

  it('compares document states ignoring key order', () => {
    const { handler } = setup()
    const reordered = Object.fromEntries(Object.entries(base).reverse()) as Room
    expect(handler.isEqual(base, reordered, 'test')).toBe(true)
    expect(handler.isEqual(base, room({ name: 'x' }), 'test')).toBe(false)
  })
})
