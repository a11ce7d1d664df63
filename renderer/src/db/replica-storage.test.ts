import { IDBCursor, IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import {
  fillWithDefaultSettings,
  getChangedDocumentsSince,
  type RxDocumentData,
  type RxJsonSchema,
  type RxStorage,
  type RxStorageInstance,
} from 'rxdb'
import { getRxStorageDexie } from 'rxdb/plugins/storage-dexie'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { withIndexedChangesSince } from './replica-storage.ts'

interface Row {
  id: string
  value: number
}
type Instance = RxStorageInstance<Row, unknown, unknown>
type Checkpoint = { id: string; lwt: number } | undefined

const schema = fillWithDefaultSettings<Row>({
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: { id: { type: 'string', maxLength: 40 }, value: { type: 'number' } },
  required: ['id', 'value'],
} as RxJsonSchema<Row>)

const settings = () => ({ indexedDB: new IDBFactory(), IDBKeyRange })
const opened: Instance[] = []
afterEach(async () => {
  vi.restoreAllMocks()
  await Promise.all(opened.splice(0).map((instance) => instance.close()))
})

/** RxDB's Dexie storage shares one connection per database name in a process: each test uses its own name. */
async function openInstance(storage: RxStorage<unknown, unknown>, databaseName: string): Promise<Instance> {
  const instance = (await storage.createStorageInstance({
    databaseInstanceToken: 'token',
    databaseName,
    collectionName: 'rows',
    schema,
    options: {},
    multiInstance: false,
    devMode: false,
  })) as unknown as Instance
  opened.push(instance)
  return instance
}

/** Bulks as replication writes them: every row of one bulk shares its `lwt`, ids in no particular order. */
async function writeBulks(instance: Instance, sizes: number[], random: () => number): Promise<void> {
  let next = 0
  for (const [bulk, size] of sizes.entries()) {
    const rows = Array.from({ length: size }, () => {
      const id = `doc-${Math.floor(random() * 1e9).toString(36)}-${(next += 1)}`
      const document: RxDocumentData<Row> = {
        id,
        value: next,
        _deleted: random() < 0.2,
        _meta: { lwt: 1000 + bulk * 10.5 },
        _rev: '1-a',
        _attachments: {},
      }
      return { document }
    })
    await instance.bulkWrite(rows, 'test')
  }
}

/** Pages through every change from `start`, as RxDB's upstream does. */
async function pageThrough(
  read: (checkpoint: Checkpoint) => Promise<{ documents: RxDocumentData<Row>[]; checkpoint: unknown }>,
  start: Checkpoint,
): Promise<string[]> {
  const ids: string[] = []
  let checkpoint = start
  for (;;) {
    const page = await read(checkpoint)
    if (page.documents.length === 0) return ids
    ids.push(...page.documents.map((document) => `${document.id}:${document._deleted}:${document.value}`))
    checkpoint = page.checkpoint as Checkpoint
  }
}

function seeded(seed: number): () => number {
  let state = seed
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31
    return state / 2 ** 31
  }
}

describe('the replica storage’s changes-since read', () => {
  it('returns exactly what RxDB’s generic query returns, page by page, from any checkpoint', async () => {
    for (const seed of [1, 2, 3]) {
      const random = seeded(seed)
      const dexieSettings = settings()
      const plain = await openInstance(getRxStorageDexie(dexieSettings), `seed-${seed}`)
      await writeBulks(plain, [1, 40, 3, 25, 1, 60], random)
      const indexed = await openInstance(
        withIndexedChangesSince(getRxStorageDexie(dexieSettings)),
        `seed-${seed}`,
      )
      const limit = 1 + Math.floor(random() * 9)

      const all = await getChangedDocumentsSince(plain, 1000)
      const checkpoints: Checkpoint[] = [
        undefined,
        ...[0, 1, 17, 41, 64, all.documents.length - 1].map((at) => ({
          id: (all.documents[at] as RxDocumentData<Row>).id,
          lwt: (all.documents[at] as RxDocumentData<Row>)._meta.lwt,
        })),
      ]
      for (const start of checkpoints) {
        const expected = await pageThrough((at) => getChangedDocumentsSince(plain, limit, at), start)
        const actual = await pageThrough((at) => getChangedDocumentsSince(indexed, limit, at), start)
        expect(actual).toEqual(expected)
      }
      expect(await pageThrough((at) => getChangedDocumentsSince(indexed, limit, at), undefined)).toHaveLength(
        130,
      )
    }
  })

  it('reads no other rows from a checkpoint near the end of a large bulk', async () => {
    const dexieSettings = settings()
    const indexed = await openInstance(
      withIndexedChangesSince(getRxStorageDexie(dexieSettings)),
      'large-bulk',
    )
    await writeBulks(indexed, [3000], seeded(7))
    const all = await getChangedDocumentsSince(indexed, 5000)
    const nearEnd = all.documents.at(-3) as RxDocumentData<Row>
    const checkpoint = { id: nearEnd.id, lwt: nearEnd._meta.lwt }

    const steps = vi.spyOn(IDBCursor.prototype, 'continue')
    const { documents } = await getChangedDocumentsSince(indexed, 100, checkpoint)
    expect(documents.map((document) => document.id)).toEqual(
      all.documents.slice(-2).map((document) => document.id),
    )
    expect(steps.mock.calls.length).toBeLessThanOrEqual(2)

    steps.mockClear()
    const plain = await openInstance(getRxStorageDexie(dexieSettings), 'large-bulk')
    await getChangedDocumentsSince(plain, 100, checkpoint)
    expect(steps.mock.calls.length).toBeGreaterThan(2000)
  })
})
