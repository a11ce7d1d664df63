// Issue 18 end to end: a replica keeps the lessons of the current and the next term only; when the window moves
// the lessons that fell out leave the replica without being deleted on the server, and an older term opened on
// demand comes back.
import { firstValueFrom } from 'rxjs'
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { Term } from '../../domain/catalog/term.ts'
import type { WireDocument } from '../../domain/documents.ts'
import type { Lesson } from '../../domain/timetable/lesson.ts'
import { createApiClient, createMemorySecretStore, login } from '../../renderer/src/db/index.ts'
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

const ADMIN = '13800000001'
/** The demo term runs 2026-09-01 – 2027-01-15. */
const DEMO_TERM = 'demo-term-2026-1'

function term(id: string, start: string, end: string): WireDocument<Term> {
  return {
    id,
    kind: 'term',
    schoolId: 'demo',
    updatedAt: 1,
    name: id,
    start,
    end,
    periods: [],
    _deleted: false,
  }
}

function lessonsOf(termId: string, date: string): WireDocument<Lesson>[] {
  return [1, 2, 3].map((n) => ({
    id: `${termId}-lesson-${n}`,
    kind: 'lesson',
    schoolId: 'demo',
    updatedAt: 1,
    termId,
    date,
    periodId: `${DEMO_TERM}-period-${n}`,
    teacherId: 'demo-staff-li',
    subjectId: 'demo-subject-math',
    classId: 'demo-class-g7-1',
    locationId: 'room-1',
    _deleted: false,
  }))
}

async function pushToServer(url: string, collection: string, docs: WireDocument[]): Promise<void> {
  const api = createApiClient({ serverUrl: url, secrets: createMemorySecretStore() })
  await api.setTokens(await login(url, { account: ADMIN, password: DEMO_PASSWORD }))
  const rows = docs.map((doc) => ({ assumedMasterState: null, newDocumentState: doc }))
  const conflicts = await api.json<unknown[]>(`/api/sync/${collection}/push`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(rows),
  })
  expect(conflicts).toEqual([])
}

const lessonIdsOf = async (client: Client) =>
  [...(await replicaDocuments(client, 'timetable')).values()]
    .filter((doc) => doc.kind === 'lesson')
    .map((doc) => doc.id)
    .sort()
const expectedIds = (...termIds: string[]) =>
  termIds.flatMap((id) => lessonsOf(id, '').map((doc) => doc.id)).sort()

let storage: TestStore
let server: RestartableServer
let client: Client
let today = Date.parse('2026-12-07T10:00:00')

describeEachStore('the term window of a replica (real server on $name)', (factory) => {
  beforeEach(async () => {
    storage = await factory.create()
    server = await startRestartableServer(storage.config)
    await pushToServer(server.url, 'catalog', [
      term('old', '2025-09-01', '2026-01-15'),
      term('next', '2027-02-20', '2027-07-05'),
    ])
    await pushToServer(server.url, 'timetable', [
      ...lessonsOf('old', '2025-09-08'),
      ...lessonsOf(DEMO_TERM, '2026-09-07'),
      ...lessonsOf('next', '2027-02-22'),
    ])
    today = Date.parse('2026-12-07T10:00:00')
    client = await startAdmin()
  })

  const startAdmin = (reopen?: string) =>
    startClient(server.url, 'admin', ADMIN, DEMO_PASSWORD, undefined, {
      clock: () => today,
      todayCheckMs: 50,
      reopen,
    })

  afterEach(async () => {
    await client.close()
    await server.close()
    await storage.dispose()
  })

  const holds = (termIds: string[]) => async () =>
    JSON.stringify(await lessonIdsOf(client)) === JSON.stringify(expectedIds(...termIds))

  it('holds the current and the next term; a moved window drops lessons without deleting them', async () => {
    await eventually(holds([DEMO_TERM, 'next']), 20_000, 'the lessons of the demo term and the next')
    await client.engine.awaitInSync()
    const pushed: unknown[] = []
    const subscription = client.engine.replications
      .get('timetable')
      ?.sent$.subscribe((doc) => pushed.push(doc))

    today = Date.parse('2027-02-20T08:00:00')
    await eventually(holds(['next']), 20_000, 'the demo term to leave the replica when the next one starts')
    await client.engine.awaitInSync()
    subscription?.unsubscribe()
    expect(pushed).toEqual([])
    const onServer = await serverDocuments(server.store(), 'demo', 'timetable')
    expect([...onServer.values()].filter((doc) => !doc._deleted)).toHaveLength(9)
  })

  it('brings an older term opened on demand', async () => {
    await eventually(holds([DEMO_TERM, 'next']), 20_000, 'the lessons of the demo term and the next')
    expect(await lessonIdsOf(client)).not.toContain('old-lesson-1')
    await client.engine.awaitInSync()
    const before = client.link.requested.length
    client.engine.termWindow?.open('old')
    await eventually(holds(['old', DEMO_TERM, 'next']), 20_000, 'the lessons of the opened old term')
    // Only the opened term is pulled from seq 0, not the whole window again.
    const fromZero = client.link.requested
      .slice(before)
      .filter((url) => url.includes('/api/sync/timetable/pull?seq=0&'))
      .map((url) => url.replace(/.*&terms=/, ''))
    expect(fromZero).toEqual(['old'])
  })

  it('keeps an opened older term across a restart, until it was not opened for 30 days', async () => {
    await eventually(holds([DEMO_TERM, 'next']), 20_000, 'the lessons of the demo term and the next')
    client.engine.termWindow?.open('old')
    await eventually(holds(['old', DEMO_TERM, 'next']), 20_000, 'the lessons of the opened old term')
    await client.engine.awaitInSync()
    const replica = client.databaseName
    await client.close()

    client = await startAdmin(replica)
    const window = client.engine.termWindow?.window$
    expect(window && (await firstValueFrom(window))).toEqual(['next', 'old', DEMO_TERM].sort())
    await client.engine.awaitInSync()
    expect(await lessonIdsOf(client)).toEqual(expectedIds('old', DEMO_TERM, 'next'))

    today = Date.parse('2027-01-06T10:00:00')
    await eventually(holds([DEMO_TERM, 'next']), 20_000, 'the old term to leave 30 days after it was opened')
  })
})
