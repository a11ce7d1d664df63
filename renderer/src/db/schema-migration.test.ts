import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { createRxDatabase, type RxCollection } from 'rxdb'
import { replicateRxCollection } from 'rxdb/plugins/replication'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createCampusDatabase,
  type CampusDatabase,
  type ReplicaUpgradeProgress,
  type StoredDocument,
} from './database.ts'
import { getReplicaStorage } from './replica-storage.ts'

/** The timetable's schema before issue 18's `date` index: version 0, the envelope indexed by kind and id. */
const TIMETABLE_V0 = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 64 },
    kind: { type: 'string', maxLength: 40 },
    schoolId: { type: 'string', maxLength: 64 },
    updatedAt: { type: 'number', minimum: 0, maximum: 1e15, multipleOf: 1 },
  },
  required: ['id', 'kind', 'schoolId', 'updatedAt'],
  indexes: [['kind', 'id']],
} as const

const booking = {
  termId: 't1',
  periodId: 'p1',
  teacherId: 'u1',
  subjectId: 's1',
  classId: 'c1',
  locationId: 'l1',
}
const lesson = (id: string, date: string) => ({
  id,
  kind: 'lesson',
  schoolId: 'demo',
  updatedAt: 1,
  date,
  ...booking,
})
const planEntry = { id: 'e1', kind: 'plan_entry', schoolId: 'demo', updatedAt: 1, weekday: 1, ...booking }

async function openVersion0(name: string) {
  const rx = await createRxDatabase({ name, storage: getReplicaStorage({ indexedDB, IDBKeyRange }) })
  const added = await rx.addCollections({ timetable: { schema: TIMETABLE_V0 } })
  return { rx, timetable: added.timetable as RxCollection }
}

async function writeVersion0Replica(name: string): Promise<void> {
  const { rx, timetable } = await openVersion0(name)
  await timetable.bulkInsert([
    lesson('l1', '2026-12-07'),
    lesson('l2', '2026-12-07'),
    lesson('l3', '2026-12-08'),
    lesson('gone', '2026-12-07'),
    planEntry,
  ])
  await timetable.findOne('gone').remove()
  await rx.close()
}

/** A one-shot replication with a server that holds `served` at checkpoint 1; records pulls and pushes. */
function replicateOnce(
  collection: RxCollection,
  served: readonly object[],
  log: { pulls: unknown[]; pushes: unknown[] },
) {
  const replication = replicateRxCollection<StoredDocument, { seq: number }>({
    collection,
    replicationIdentifier: 'schema-migration-test',
    live: false,
    pull: {
      handler: async (checkpoint) => {
        log.pulls.push(checkpoint ?? null)
        const documents = checkpoint ? [] : served.map((doc) => ({ ...doc, _deleted: false }))
        return { documents: documents as never, checkpoint: { seq: 1 } }
      },
    },
    push: {
      handler: async (rows) => {
        log.pushes.push(...rows)
        return []
      },
    },
  })
  return replication.awaitInitialReplication().then(() => replication.cancel())
}

describe("the timetable's date index (schema version 1)", () => {
  let db: CampusDatabase | undefined
  afterEach(async () => db?.close())

  const open = (name: string, onUpgradeProgress?: (progress: ReplicaUpgradeProgress) => void) =>
    createCampusDatabase({
      storage: getReplicaStorage({ indexedDB, IDBKeyRange }),
      name,
      collections: ['timetable'],
      onUpgradeProgress,
    })
  const find = (selector: Record<string, unknown>, sort?: Record<string, 'asc'>[]) =>
    (db as CampusDatabase).collection('timetable').find({ selector: selector as never, sort: sort as never })

  it('moves a version 0 replica to version 1 with every document as it was, tombstones included', async () => {
    await writeVersion0Replica('migrate-v0')
    db = await open('migrate-v0')
    const today = await find({ kind: 'lesson', date: '2026-12-07' }).exec()
    expect(today.map((doc) => doc.id)).toEqual(['l1', 'l2'])
    expect((await find({ kind: 'plan_entry' }).exec()).map((doc) => doc.toJSON())).toEqual([planEntry])
    const [gone] = await db.collection('timetable').storageInstance.findDocumentsById(['gone'], true)
    expect(gone?._deleted).toBe(true)
  })

  it('tells how far the move has got, up to every document of the version 0 replica', async () => {
    await writeVersion0Replica('migrate-progress')
    const reports: ReplicaUpgradeProgress[] = []
    db = await open('migrate-progress', (progress) => reports.push(progress))
    expect(reports.length).toBeGreaterThan(0)
    expect(reports.every(({ total }) => total === 5)).toBe(true)
    const handled = reports.map((progress) => progress.handled)
    expect(handled).toEqual(handled.toSorted((a, b) => a - b))
    expect(reports.at(-1)).toEqual({ handled: 5, total: 5 })
  })

  it('tells nothing when the replica is already at the current version', async () => {
    await (await open('migrate-none')).close()
    const reports: ReplicaUpgradeProgress[] = []
    db = await open('migrate-none', (progress) => reports.push(progress))
    expect(reports).toEqual([])
  })

  it("reads one day's lessons through the date index, and other kinds through kind and id", async () => {
    db = await open('date-index')
    await db.collection('timetable').bulkInsert([lesson('l1', '2026-12-07'), planEntry] as StoredDocument[])
    const indexOf = (selector: Record<string, unknown>) => find(selector).getPreparedQuery().queryPlan.index
    expect(indexOf({ kind: 'lesson', date: '2026-12-07' })).toEqual(['_deleted', 'kind', 'date', 'id'])
    expect(indexOf({ kind: 'plan_entry' })).toEqual(['_deleted', 'kind', 'id'])
    expect(indexOf({ kind: 'lesson', termId: 't1' })).toEqual(['_deleted', 'kind', 'id'])
    expect((await find({ kind: 'plan_entry', termId: 't1' }).exec()).map((doc) => doc.id)).toEqual(['e1'])
  })
  it('plans again a query that would read the date index without constraining the date', async () => {
    db = await open('sparse-guard')
    await db.collection('timetable').bulkInsert([lesson('l1', '2026-12-07'), planEntry] as StoredDocument[])
    const byDate = (await find({ kind: 'plan_entry' }, [{ date: 'asc' }]).exec()).map((doc) => doc.id)
    expect(byDate).toEqual(['e1'])
  })
  it("keeps the replication's checkpoint and assumed master states: no pull from 0, nothing pushed", async () => {
    const served = [lesson('l1', '2026-12-07'), planEntry]
    const log = { pulls: [] as unknown[], pushes: [] as unknown[] }
    const v0 = await openVersion0('migrate-replicated')
    await replicateOnce(v0.timetable, served, log)
    await v0.rx.close()
    expect(log.pulls).toEqual([null])

    db = await open('migrate-replicated')
    log.pulls = []
    await replicateOnce(db.collection('timetable'), served, log)
    expect(log.pulls).toEqual([{ seq: 1 }])
    expect(log.pushes).toEqual([])
    expect((await find({ kind: 'lesson', date: '2026-12-07' }).exec()).map((doc) => doc.id)).toEqual(['l1'])
  })
})
