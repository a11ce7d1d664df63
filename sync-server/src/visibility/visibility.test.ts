import { afterEach, beforeEach, expect, it } from 'vitest'
import type { WireDocument } from '../../../domain/documents.ts'
import type { SchoolClass } from '../../../domain/org/school-class.ts'
import { SCHOOL_SETTINGS_ID, type SchoolSettings } from '../../../domain/org/school-settings.ts'
import type { Staff } from '../../../domain/org/staff.ts'
import {
  ADMIN,
  GUARDIAN,
  pullAll,
  startTestApp,
  syncClient,
  TEACHER,
  type SyncClient,
  type TestApp,
} from '../test-support/app.ts'
import { update } from '../test-support/documents.ts'
import { SseClient, type SseMessage } from '../test-support/sse.ts'
import { describeEachStore } from '../test-support/stores.ts'

// Demo school: 李老师 (TEACHER) heads 初一(1)班 and teaches math in 初一(3)班; 张老师 heads 初一(2)班 and teaches
// Chinese in 初一(3)班 and 初二(1)班; 陈家长 (GUARDIAN) is the father of 陈小明 of 初一(1)班.
const ZHANG = '13800000003'
const ZHOU = '13800000006'
const studentId = (key: string) => `demo-student-${key}`
const CLASS_1 = ['chen-xiaoming', 'liu-yinuo', 'wang-zihan', 'zhao-yuze'].map(studentId)
const CLASS_2 = ['sun-haoran', 'zhou-xinyi', 'wu-siyuan'].map(studentId)
const CLASS_3 = ['zheng-yutong', 'huang-junjie', 'xu-mingxuan'].map(studentId)
const GRADE_8_CLASS_1 = ['ma-xinyue', 'luo-haoyu', 'gao-shiqi'].map(studentId)

const idsOf = (docs: WireDocument[], kind: string) =>
  docs
    .filter((d) => d.kind === kind)
    .map((d) => d.id)
    .sort()
const sorted = (...lists: string[][]) => lists.flat().sort()
const isResync = (m: SseMessage) => m.event === 'resync'
const CLASS_1_TEACHERS = ['guo', 'han', 'hu', 'li', 'liu', 'sun', 'xie', 'yang', 'zhou', 'zhu'].map(
  (key) => `demo-staff-${key}`,
)
const staffOf = (docs: WireDocument[]) => docs.filter((d): d is WireDocument<Staff> => d.kind === 'staff')
const settings = (showStaffPhonesToFamilies: boolean): WireDocument<SchoolSettings> => ({
  id: SCHOOL_SETTINGS_ID,
  kind: 'school_settings',
  schoolId: 'demo',
  updatedAt: 1,
  showStaffPhonesToFamilies,
  _deleted: false,
})

describeEachStore('visibility of the address book ($name)', (factory) => {
  let server: TestApp
  let admin: SyncClient
  const streams: SseClient[] = []

  async function open(client: SyncClient): Promise<SseClient> {
    const { client: stream } = await SseClient.connect(
      `${server.url}/api/sync/stream`,
      client.session.accessToken,
    )
    if (!stream) throw new Error('stream refused')
    streams.push(stream)
    await stream.next((m) => m.event === 'comment' && m.data === 'connected')
    return stream
  }

  async function orgOf(client: SyncClient): Promise<WireDocument[]> {
    return (await pullAll(client, 'org')).documents
  }

  async function adminDocument<T extends WireDocument>(id: string): Promise<T> {
    const doc = (await orgOf(admin)).find((d) => d.id === id)
    if (!doc) throw new Error(`no document ${id}`)
    return doc as T
  }

  beforeEach(async () => {
    server = await startTestApp(factory, { listen: true, heartbeatMs: 60_000 })
    admin = await syncClient(server, ADMIN)
  })
  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close()
    await server.close()
  })

  it('lets a teacher pull exactly the students and guardians of the classes they teach', async () => {
    const li = await orgOf(await syncClient(server, TEACHER))
    expect(idsOf(li, 'student')).toEqual(sorted(CLASS_1, CLASS_3))
    expect(idsOf(li, 'guardian')).toEqual(['demo-guardian-chen', 'demo-guardian-liu'])
    expect(idsOf(li, 'class')).toHaveLength(4)
    const zhang = await orgOf(await syncClient(server, ZHANG))
    expect(idsOf(zhang, 'student')).toEqual(sorted(CLASS_2, CLASS_3, GRADE_8_CLASS_1))
    expect(idsOf(zhang, 'guardian')).toEqual(['demo-guardian-zhang'])
  })

  it("lets a guardian pull their own guardian document and their children's", async () => {
    const chen = await orgOf(await syncClient(server, GUARDIAN))
    expect(idsOf(chen, 'guardian')).toEqual(['demo-guardian-chen'])
    expect(idsOf(chen, 'student')).toEqual([studentId('chen-xiaoming')])
  })

  it('filters stream changes with the same scopes', async () => {
    const [li, zhang] = [await syncClient(server, TEACHER), await syncClient(server, ZHANG)]
    const [liStream, zhangStream] = [await open(li), await open(zhang)]
    const [inClass1, inClass2] = [
      await adminDocument(studentId('wang-zihan')),
      await adminDocument(studentId('wu-siyuan')),
    ]
    const response = await admin.push('org', [
      update(inClass1, { updatedAt: 2 }),
      update(inClass2, { updatedAt: 2 }),
    ])
    expect(response.statusCode).toBe(200)
    const changed = async (stream: SseClient) =>
      ((await stream.next((m) => m.event === 'change')).data as { documents: WireDocument[] }).documents
    expect((await changed(liStream)).map((d) => d.id)).toEqual([inClass1.id])
    expect((await changed(zhangStream)).map((d) => d.id)).toEqual([inClass2.id])
  })

  it('tells a teacher who becomes head teacher of a class to pull org from 0, then shows its students', async () => {
    const [li, zhou] = [await syncClient(server, TEACHER), await syncClient(server, ZHOU)]
    const [liStream, zhouStream] = [await open(li), await open(zhou)]
    const grade8 = await adminDocument<WireDocument<SchoolClass>>('demo-class-g8-1')
    // 周老师 stays its physics teacher: his scope does not change.
    await admin.push('org', [update(grade8, { headTeacherId: 'demo-staff-li' })])
    const resync = await liStream.next(isResync)
    expect(resync.data).toEqual({ collections: ['org'], fromZero: true })
    expect(idsOf(await orgOf(li), 'student')).toEqual(sorted(CLASS_1, CLASS_3, GRADE_8_CLASS_1))
    const student = await adminDocument(GRADE_8_CLASS_1[0] ?? '')
    await admin.push('org', [update(student, { updatedAt: 3 })])
    await liStream.next((m) => m.event === 'change' && JSON.stringify(m.data).includes(student.id))
    await zhouStream.next((m) => m.event === 'change' && JSON.stringify(m.data).includes(student.id))
    expect(zhouStream.messages.filter(isResync)).toEqual([])
  })

  it("lets a guardian pull only the teachers of their children's classes, without phone or staff number", async () => {
    const staff = staffOf(await orgOf(await syncClient(server, GUARDIAN)))
    expect(staff.map((d) => d.id).sort()).toEqual(CLASS_1_TEACHERS)
    for (const doc of staff) {
      expect(doc).not.toHaveProperty('phone')
      expect(doc).not.toHaveProperty('staffNo')
      expect(doc.name).toBeTruthy()
    }
    expect(staffOf(await orgOf(await syncClient(server, TEACHER))).length).toBeGreaterThan(
      CLASS_1_TEACHERS.length,
    )
    expect(staffOf(await orgOf(await syncClient(server, TEACHER))).every((d) => d.phone)).toBe(true)
  })

  it('shows those phones once the school chooses to, resyncing the families, and hides them again', async () => {
    const chen = await syncClient(server, GUARDIAN)
    const stream = await open(chen)
    expect(
      (await admin.push('org', [{ assumedMasterState: null, newDocumentState: settings(true) }])).statusCode,
    ).toBe(200)
    expect((await stream.next(isResync)).data).toEqual({ collections: ['org'], fromZero: true })
    const shown = staffOf(await orgOf(chen))
    expect(shown.map((d) => d.id).sort()).toEqual(CLASS_1_TEACHERS)
    expect(shown.find((d) => d.id === 'demo-staff-li')?.phone).toBe(TEACHER)

    const stored = await adminDocument<WireDocument<SchoolSettings>>(SCHOOL_SETTINGS_ID)
    await admin.push('org', [update(stored, { showStaffPhonesToFamilies: false, updatedAt: 2 })])
    await stream.next((m) => isResync(m) && stream.messages.filter(isResync).length === 2)
    expect(staffOf(await orgOf(chen)).some((d) => d.phone)).toBe(false)
  })

  it('streams a staff change to a guardian without the phone, and not at all for staff of other classes', async () => {
    const stream = await open(await syncClient(server, GUARDIAN))
    const [liu, zhang] = [
      await adminDocument<WireDocument<Staff>>('demo-staff-liu'),
      await adminDocument<WireDocument<Staff>>('demo-staff-zhang'),
    ]
    await admin.push('org', [update(zhang, { position: '教研组长' }), update(liu, { position: '年级组长' })])
    const change = await stream.next((m) => m.event === 'change')
    const { documents } = change.data as { documents: WireDocument<Staff>[] }
    expect(documents.map((d) => d.id)).toEqual(['demo-staff-liu'])
    expect(documents[0]).toMatchObject({ position: '年级组长' })
    expect(documents[0]).not.toHaveProperty('phone')
  })

  it('refuses school settings from a teacher, and under another id', async () => {
    const li = await syncClient(server, TEACHER)
    expect(
      (await li.push('org', [{ assumedMasterState: null, newDocumentState: settings(true) }])).statusCode,
    ).toBe(403)
    const misplaced = { ...settings(true), id: 'other' }
    expect(
      (await admin.push('org', [{ assumedMasterState: null, newDocumentState: misplaced }])).statusCode,
    ).toBe(400)
  })
})
