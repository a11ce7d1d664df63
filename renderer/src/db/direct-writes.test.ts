import { IDBFactory, IDBKeyRange, IDBObjectStore } from 'fake-indexeddb'
import {
  fillWithDefaultSettings,
  getChangedDocumentsSince,
  normalizeMangoQuery,
  prepareQuery,
  type BulkWriteRow,
  type EventBulk,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstance,
} from 'rxdb'
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { withDirectWrites } from './direct-writes.ts'

interface Row {
  id: string
  value: number
  flag: boolean
}
type Instance = RxStorageInstance<Row, unknown, unknown>
type Stored = RxDocumentData<Row>

const schema = fillWithDefaultSettings<Row>({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 40 },
    value: { type: 'number', minimum: 0, maximum: 1_000_000, multipleOf: 1 },
    flag: { type: 'boolean' },
  },
  required: ['id', 'value', 'flag'],
  indexes: ['flag', 'value'],
} as RxJsonSchema<Row>)

const opened: Instance[] = []
afterEach(async () => {
  vi.restoreAllMocks()
  await Promise.all(opened.splice(0).map((instance) => instance.close()))
})

/** RxDB's Dexie storage shares one connection per database name in a process: each test uses its own names. */
async function openInstance(
  storage: RxStorage<unknown, unknown>,
  databaseName: string,
  multiInstance = false,
): Promise<Instance> {
  const instance = (await storage.createStorageInstance({
    databaseInstanceToken: 'token',
    databaseName,
    collectionName: 'rows',
    schema,
    options: {},
    multiInstance,
    devMode: false,
  })) as unknown as Instance
  opened.push(instance)
  return instance
}

const indexedDB = new IDBFactory()
const dexie = () => getRxStorageDexie({ indexedDB, IDBKeyRange }) as RxStorage<unknown, unknown>
const direct = () =>
  withDirectWrites(getRxStorageDexie({ indexedDB, IDBKeyRange })) as RxStorage<unknown, unknown>

function stored(id: string, value: number, rev: number, lwt: number, deleted = false): Stored {
  return {
    id,
    value,
    flag: value % 2 === 0,
    _deleted: deleted,
    _meta: { lwt },
    _rev: `${rev}-r${value}`,
    _attachments: {},
  }
}

/** Inserts, updates on the right previous state, writes on a stale one (conflicts) and deletions, bulk by bulk. */
function bulks(): BulkWriteRow<Row>[][] {
  const first = [1, 2, 3, 4, 5].map((n) => stored(`doc-${n}`, n, 1, 1000))
  const [one, two, three] = first as [Stored, Stored, Stored]
  const twoUpdated = stored('doc-2', 20, 2, 1001)
  return [
    first.map((document) => ({ document })),
    [
      { previous: two, document: twoUpdated },
      { previous: one, document: stored('doc-1', 1, 2, 1001, true) },
      { document: stored('doc-6', 6, 1, 1001) },
    ],
    [
      { previous: two, document: stored('doc-2', 22, 3, 1002) },
      { document: stored('doc-3', 33, 1, 1002) },
      { previous: three, document: stored('doc-3', 34, 2, 1002) },
      { previous: twoUpdated, document: stored('doc-2', 21, 3, 1002) },
    ],
  ]
}

interface Observed {
  responses: unknown[]
  events: unknown[]
  documents: Stored[]
  changes: Stored[]
  flagged: Stored[]
}

async function writeAndObserve(instance: Instance): Promise<Observed> {
  const events: unknown[] = []
  const subscription = instance
    .changeStream()
    .subscribe((bulk: EventBulk<unknown, unknown>) =>
      events.push({ events: bulk.events, checkpoint: bulk.checkpoint, context: bulk.context }),
    )
  const responses = []
  for (const rows of bulks()) responses.push(await instance.bulkWrite(rows, 'test'))
  subscription.unsubscribe()
  const ids = Array.from({ length: 7 }, (_, n) => `doc-${n}`)
  const query = prepareQuery(
    schema,
    normalizeMangoQuery(schema, { selector: { flag: true }, sort: [{ value: 'asc' }] }),
  )
  return {
    responses,
    events,
    documents: await instance.findDocumentsById(ids, true),
    changes: (await getChangedDocumentsSince(instance, 100)).documents,
    flagged: (await instance.query(query)).documents,
  }
}

describe('direct bulk writes on the Dexie storage', () => {
  it('store, answer, conflict and emit exactly as RxDB’s Dexie storage', async () => {
    const expected = await writeAndObserve(await openInstance(dexie(), 'same-as-dexie-plain'))
    const actual = await writeAndObserve(await openInstance(direct(), 'same-as-dexie-direct'))
    expect(actual).toEqual(expected)
    expect(actual.responses.flatMap((response) => (response as { error: unknown[] }).error)).toHaveLength(2)
    expect(actual.flagged.map((document) => document.value)).toEqual([4, 6, 34])
  })

  it('read no stored state on an instance that started empty until an id is written again', async () => {
    const instance = await openInstance(direct(), 'started-empty')
    const gets = vi.spyOn(IDBObjectStore.prototype, 'get')
    const [first, ...rest] = bulks()
    await instance.bulkWrite(first as BulkWriteRow<Row>[], 'test')
    expect(gets).not.toHaveBeenCalled()

    await instance.bulkWrite(rest[0] as BulkWriteRow<Row>[], 'test')
    expect(gets).toHaveBeenCalledTimes(2)
    const again = await instance.bulkWrite([{ document: stored('doc-6', 60, 1, 1003) }], 'test')
    expect(again.error.map((error) => error.status)).toEqual([409])
  })

  it('read every id on an instance that held documents when it was opened, or that other tabs may write', async () => {
    const [first, second] = bulks() as [BulkWriteRow<Row>[], BulkWriteRow<Row>[]]
    await (await openInstance(direct(), 'started-full')).bulkWrite(first, 'test')
    await Promise.all(opened.splice(0).map((instance) => instance.close()))
    const reopened = await openInstance(direct(), 'started-full')
    const gets = vi.spyOn(IDBObjectStore.prototype, 'get')
    await reopened.bulkWrite(second, 'test')
    expect(gets).toHaveBeenCalledTimes(3)

    gets.mockClear()
    const shared = await openInstance(direct(), 'shared', true)
    await shared.bulkWrite(first, 'test')
    expect(gets).toHaveBeenCalledTimes(first.length)
  })

  it('leave deleted documents to cleanup like any other write', async () => {
    const instance = await openInstance(direct(), 'cleanup')
    for (const rows of bulks()) await instance.bulkWrite(rows, 'test')
    await instance.cleanup(0)
    const left = await instance.findDocumentsById(['doc-1', 'doc-2'], true)
    expect(left.map((document) => document.id)).toEqual(['doc-2'])
  })

  it('refuse a write with a bad key and store nothing of its bulk', async () => {
    const instance = await openInstance(direct(), 'bad-key')
    const bad = { ...stored('doc-x', 1, 1, 1000), id: null } as unknown as Stored
    await expect(
      instance.bulkWrite([{ document: stored('doc-ok', 2, 1, 1000) }, { document: bad }], 'test'),
    ).rejects.toThrow()
    expect(await instance.findDocumentsById(['doc-ok'], true)).toEqual([])
  })
})
