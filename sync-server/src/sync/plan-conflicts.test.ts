import { afterEach, beforeEach, expect, it } from 'vitest'
import type { Term } from '../../../domain/catalog/term.ts'
import type { WireDocument } from '../../../domain/documents.ts'
import type { PlanEntry } from '../../../domain/timetable/plan-entry.ts'
import {
  ADMIN,
  pullAll,
  startTestApp,
  syncClient,
  type SyncClient,
  type TestApp,
} from '../test-support/app.ts'
import { creations, update } from '../test-support/documents.ts'
import { describeEachStore } from '../test-support/stores.ts'

const TERM = 'demo-term-2026-1'
const period = (n: number) => `${TERM}-period-${n}`

/** 李老师 teaches 初一(1)班 数学 in 教学楼A101 on Monday, 第1节, unless `fields` say otherwise. */
function entry(id: string, fields: Partial<PlanEntry> = {}): WireDocument<PlanEntry> {
  return {
    id,
    kind: 'plan_entry',
    schoolId: 'demo',
    updatedAt: 1,
    _deleted: false,
    termId: TERM,
    weekday: 1,
    periodId: period(1),
    teacherId: 'demo-staff-li',
    subjectId: 'demo-subject-math',
    classId: 'demo-class-g7-1',
    locationId: 'demo-location-a101',
    ...fields,
  }
}

/** Another class, teacher, subject and room than `entry`'s defaults: shares only the slot. */
const elsewhere: Partial<PlanEntry> = {
  teacherId: 'demo-staff-zhang',
  subjectId: 'demo-subject-chinese',
  classId: 'demo-class-g7-2',
  locationId: 'demo-location-a102',
}

describeEachStore('plan entry double bookings over HTTP ($name)', (factory) => {
  let server: TestApp
  let admin: SyncClient
  beforeEach(async () => {
    server = await startTestApp(factory, { listen: true })
    admin = await syncClient(server, ADMIN)
  })
  afterEach(() => server.close())

  const storedEntries = async () =>
    new Map(
      (await pullAll(admin, 'timetable', 1000)).documents
        .filter((doc) => !doc._deleted)
        .map((doc) => [doc.id, doc]),
    )

  async function expectRefused(rows: Parameters<SyncClient['push']>[1], ...messageParts: string[]) {
    const before = await storedEntries()
    const response = await admin.push('timetable', rows)
    expect(response.statusCode, response.body).toBe(400)
    const { message } = response.json<{ message: string }>()
    for (const part of messageParts) expect(message).toContain(part)
    expect(await storedEntries(), 'nothing of a refused push is written').toEqual(before)
    return message
  }

  async function expectWritten(rows: Parameters<SyncClient['push']>[1]) {
    const response = await admin.push('timetable', rows)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toEqual([])
  }

  it('refuses a second entry of the same teacher in a slot, naming both entries in words', async () => {
    await expectWritten(creations([entry('p1')]))
    const message = await expectRefused(
      creations([entry('p2', { ...elsewhere, teacherId: 'demo-staff-li' })]),
    )
    expect(message).toBe(
      'push refused, nothing was written: plan entry p2: 李老师 already teaches 初一(1)班 数学 in 教学楼A101 on ' +
        'Monday, 第1节 (plan entry p1) — the same teacher',
    )
  })

  it('refuses a second entry of the same class, and of the same room, naming each reason', async () => {
    await expectWritten(creations([entry('p1')]))
    await expectRefused(
      creations([entry('p2', { ...elsewhere, classId: 'demo-class-g7-1' })]),
      'plan entry p2: 李老师 already teaches 初一(1)班 数学',
      '(plan entry p1) — the same class',
    )
    await expectRefused(
      creations([entry('p3', { ...elsewhere, locationId: 'demo-location-a101' })]),
      '(plan entry p1) — the same room',
    )
    await expectRefused(
      creations([entry('p4', { teacherId: 'demo-staff-liu', subjectId: 'demo-subject-english' })]),
      '(plan entry p1) — the same class and room',
    )
  })

  it('accepts several classes in a room that hosts several classes at once', async () => {
    const playground = { locationId: 'demo-location-playground', subjectId: 'demo-subject-pe' }
    await expectWritten(creations([entry('p1', playground)]))
    await expectWritten(creations([entry('p2', { ...elsewhere, ...playground })]))
    expect([...(await storedEntries()).keys()].sort()).toEqual(['p1', 'p2'])
  })

  it('refuses two clashing new entries of one push, reporting the pair once', async () => {
    const message = await expectRefused(
      creations([entry('p1'), entry('p2', { ...elsewhere, teacherId: 'demo-staff-li' })]),
      'plan entry p1: 李老师 already teaches 初一(2)班 语文 in 教学楼A102 on Monday, 第1节 (plan entry p2)',
    )
    expect(message).not.toContain('plan entry p2:')
  })

  it('accepts moving one entry out of a slot and another into it in one push', async () => {
    const p1 = entry('p1')
    await expectWritten(creations([p1, entry('p2', { periodId: period(2) })]))
    const moved = await storedEntries()
    await expectWritten([
      update(p1, { periodId: period(3) }),
      update(moved.get('p2') as WireDocument<PlanEntry>, { periodId: period(1) }),
    ])
    expect((await storedEntries()).get('p2')).toMatchObject({ periodId: period(1) })
  })

  it('lets an entry change in place without clashing with itself', async () => {
    const p1 = entry('p1')
    await expectWritten(creations([p1]))
    await expectWritten([update(p1, { subjectId: 'demo-subject-chinese' })])
  })

  it('frees the slot of a deleted entry, in a later push or the same one', async () => {
    const p1 = entry('p1')
    await expectWritten(creations([p1]))
    await expectWritten([update(p1, { _deleted: true }), ...creations([entry('p2')])])
    const p2 = (await storedEntries()).get('p2') as WireDocument<PlanEntry>
    await expectWritten([update(p2, { _deleted: true })])
    await expectWritten(creations([entry('p3')]))
  })

  it('never finds a clash between entries of different terms', async () => {
    const spring: WireDocument<Term> = {
      id: 'spring',
      kind: 'term',
      schoolId: 'demo',
      updatedAt: 1,
      _deleted: false,
      name: '2026-2027学年第二学期',
      start: '2027-02-20',
      end: '2027-07-05',
      periods: [{ id: period(1), name: '第1节', start: '08:00', end: '08:45' }],
    }
    expect((await admin.push('catalog', creations([spring]))).statusCode).toBe(200)
    await expectWritten(creations([entry('p1')]))
    await expectWritten(creations([entry('p2', { termId: 'spring' })]))
  })

  it('writes exactly one of two clashing entries pushed concurrently', async () => {
    const other = await syncClient(server, ADMIN)
    const responses = await Promise.all([
      admin.push('timetable', creations([entry('p1')])),
      other.push('timetable', creations([entry('p2', { ...elsewhere, classId: 'demo-class-g7-1' })])),
    ])
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 400])
    const [refused] = responses.filter((r) => r.statusCode === 400)
    const written = [...(await storedEntries()).keys()]
    expect(written).toHaveLength(1)
    expect(refused?.json<{ message: string }>().message).toContain(`(plan entry ${written[0]})`)
  })
})
