// TT-6 end to end: two admins plan offline on two PCs and book the same teacher into the same slot; when they
// come back the server keeps one booking, and the admin whose booking was refused is told.
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { Location } from '../../domain/catalog/location.ts'
import type { WireDocument } from '../../domain/documents.ts'
import { allClashes, planSlotKey } from '../../domain/timetable/conflicts.ts'
import type { PlanEntry } from '../../domain/timetable/plan-entry.ts'
import { createRepository, WHOLE_DOCUMENT, type Draft, type Repository } from '../../renderer/src/db/index.ts'
import { DEMO_PASSWORD } from '../../sync-server/src/seed/demo.ts'
import { describeEachStore, type TestStore } from '../../sync-server/src/test-support/stores.ts'
import {
  eventually,
  replicaDocuments,
  serverDocuments,
  startClient,
  startRestartableServer,
  type Client,
  type RestartableServer,
} from './harness.ts'

/** 王校长 and 钱主任 (教务处主任): the two demo admins of school `demo`. */
const ADMINS = ['13800000001', '13800000007']
const TERM = 'demo-term-2026-1'

interface Pc {
  client: Client
  plan: Repository<PlanEntry>
}

let storage: TestStore
let server: RestartableServer
let pcs: Pc[] = []

async function startPc(account: string, i: number): Promise<Pc> {
  const client = await startClient(server.url, `pc-${i}`, account, DEMO_PASSWORD)
  return { client, plan: createRepository<PlanEntry>(client.database, 'plan_entry', client.user) }
}

/** 李老师 teaches 数学 on Monday, 第1节; `fields` say which class and where. */
function booking(fields: Partial<Draft<PlanEntry>> = {}): Draft<PlanEntry> {
  return {
    termId: TERM,
    weekday: 1,
    periodId: `${TERM}-period-1`,
    teacherId: 'demo-staff-li',
    subjectId: 'demo-subject-math',
    classId: 'demo-class-g7-1',
    locationId: 'demo-location-a101',
    ...fields,
  }
}

const liveServerPlan = async () =>
  [...(await serverDocuments(server.store(), 'demo', 'timetable')).values()].filter((doc) => !doc._deleted)

async function replicaPlan(pc: Pc): Promise<WireDocument[]> {
  return [...(await replicaDocuments(pc.client, 'timetable')).values()]
}

/** Every replica holds exactly the server's live plan entries. */
async function allInSync(): Promise<void> {
  await eventually(
    async () => {
      await Promise.all(pcs.map((pc) => pc.client.engine.awaitInSync()))
      const expected = JSON.stringify(sortById(await liveServerPlan()))
      const replicas = await Promise.all(pcs.map(replicaPlan))
      return replicas.every((replica) => JSON.stringify(sortById(replica)) === expected)
    },
    30_000,
    'every replica to hold the server’s plan',
  )
}

function sortById(docs: WireDocument[]): unknown[] {
  return docs
    .map((doc) => Object.fromEntries(Object.entries(doc).sort(([a], [b]) => a.localeCompare(b))))
    .sort((a, b) => String(a.id).localeCompare(String(b.id)))
}

/** The double bookings a replica holds, judged with its own rooms. */
async function doubleBookings(pc: Pc) {
  const catalog = await replicaDocuments(pc.client, 'catalog')
  const multiClass = (id: string) =>
    (catalog.get(id) as WireDocument<Location> | undefined)?.multiClass === true
  const entries = (await replicaPlan(pc)) as unknown as PlanEntry[]
  return allClashes(entries, planSlotKey, multiClass)
}

describeEachStore('scheduling plan across two offline PCs (real server on $name)', (factory) => {
  beforeEach(async () => {
    storage = await factory.create()
    server = await startRestartableServer(storage.config)
    pcs = await Promise.all(ADMINS.map(startPc))
    await allInSync()
  })

  afterEach(async () => {
    await Promise.all(pcs.map((pc) => pc.client.close()))
    await server.close()
    await storage.dispose()
  })

  it('keeps one of two offline bookings of the same teacher in a slot and tells the other admin', async () => {
    const [a, b] = pcs as [Pc, Pc]
    expect(a.client.user.id).not.toBe(b.client.user.id)
    a.client.link.cut()
    b.client.link.cut()
    const mine = await a.plan.insert(booking())
    const theirs = await b.plan.insert(
      booking({ classId: 'demo-class-g7-3', locationId: 'demo-location-a103' }),
    )

    a.client.link.restore()
    b.client.link.restore()
    await allInSync()

    const onServer = await liveServerPlan()
    expect(onServer).toHaveLength(1)
    const kept = onServer[0]?.id
    expect([mine.id, theirs.id]).toContain(kept)
    for (const pc of pcs) {
      expect((await replicaPlan(pc)).map((doc) => doc.id)).toEqual([kept])
      expect(await doubleBookings(pc)).toEqual([])
    }

    const [winner, loser] = kept === mine.id ? [a, b] : [b, a]
    const refusedId = kept === mine.id ? theirs.id : mine.id
    await eventually(
      async () => loser.client.database.lostEdits.list().length > 0,
      30_000,
      'the refused booking to be reported',
    )
    expect(loser.client.database.lostEdits.list()).toEqual([
      expect.objectContaining({
        collection: 'timetable',
        docId: refusedId,
        kind: 'plan_entry',
        field: WHOLE_DOCUMENT,
        cause: 'refused',
        message: expect.stringMatching(
          new RegExp(
            `plan entry ${refusedId}: 李老师 already teaches .* on Monday, 第1节 \\(plan entry ${kept}\\)`,
          ),
        ),
      }),
    ])
    expect(winner.client.database.lostEdits.list()).toEqual([])
  }, 60_000)

  it('merges concurrent edits of one booking: one PC changes the room, the other the teacher', async () => {
    const [a, b] = pcs as [Pc, Pc]
    const entry = await a.plan.insert(booking())
    await allInSync()
    a.client.link.cut()
    b.client.link.cut()
    await a.plan.patch(entry.id, { locationId: 'demo-location-a102' })
    await b.plan.patch(entry.id, { teacherId: 'demo-staff-liu' })

    a.client.link.restore()
    b.client.link.restore()
    await allInSync()

    const merged = { locationId: 'demo-location-a102', teacherId: 'demo-staff-liu' }
    expect(await liveServerPlan()).toEqual([expect.objectContaining({ id: entry.id, ...merged })])
    for (const pc of pcs) {
      expect(await pc.plan.get(entry.id)).toMatchObject(merged)
      expect(pc.client.database.lostEdits.list()).toEqual([])
      expect(await doubleBookings(pc)).toEqual([])
    }
  }, 60_000)
})
