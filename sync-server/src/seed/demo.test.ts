import { afterEach, beforeEach, expect, it } from 'vitest'
import type { WireDocument } from '../../../domain/documents.ts'
import type { Notice } from '../../../domain/notices/notice.ts'
import type { Receipt } from '../../../domain/notices/receipt.ts'
import type { Guardian } from '../../../domain/org/guardian.ts'
import { teachersOf, type SchoolClass } from '../../../domain/org/school-class.ts'
import type { Student } from '../../../domain/org/student.ts'
import { validateDocument } from '../../../domain/validation.ts'
import type { PhoneNoticeSummary } from '../notices/phone-api.ts'
import {
  bearer,
  login,
  pullAll,
  sender,
  startTestApp,
  syncClient,
  type TestApp,
} from '../test-support/app.ts'
import { describeEachStore } from '../test-support/stores.ts'
import { DEMO_PASSWORD, demoAccounts, seedDemo } from './demo.ts'

describeEachStore('demo seed ($name)', (factory) => {
  let server: TestApp
  beforeEach(async () => {
    server = await startTestApp(factory)
  })
  afterEach(() => server.close())

  it('seeds two schools whose catalog documents are valid and replicate with seqs', async () => {
    expect((await server.store.listSchools()).map((s) => [s.id, s.name])).toEqual([
      ['demo', '示范学校'],
      ['demo2', '第二示范学校'],
    ])
    const catalog = await server.store.pull('demo', 'catalog', 0, 1000)
    expect(catalog.map((d) => d.seq)).toEqual(catalog.map((_, i) => i + 1))
    const names = catalog.map((d) => (d.data as unknown as { name: string }).name)
    expect(names).toEqual(
      expect.arrayContaining([
        '语文',
        '信息技术',
        '教学楼A101',
        '教学楼A110',
        '图书馆',
        '体育馆',
        '2026-2027学年第一学期',
      ]),
    )
    expect(catalog.find((d) => d.data.id === 'demo-location-library')?.data).toMatchObject({
      multiClass: true,
    })
    for (const { data } of catalog) expect(validateDocument('catalog', data)).toMatchObject({ ok: true })

    const demo2 = await server.store.pull('demo2', 'catalog', 0, 1000)
    expect(demo2.length).toBeGreaterThan(0)
    expect(demo2.length).toBeLessThan(catalog.length)
  })

  it('seeds an address book where the demo guardian has a child in a class the first teacher teaches', async () => {
    const org = (await server.store.pull('demo', 'org', 0, 1000)).map((d) => d.data)
    for (const doc of org) expect(validateDocument('org', doc)).toMatchObject({ ok: true })
    const byId = new Map(org.map((doc) => [doc.id, doc as unknown as Record<string, unknown>]))
    const teacher = await login(server, '13800000002', DEMO_PASSWORD)
    const guardian = byId.get(
      (await login(server, '13900000001', DEMO_PASSWORD)).user.id,
    ) as unknown as Guardian
    const child = byId.get(guardian.children[0]?.studentId ?? '') as unknown as Student
    const schoolClass = byId.get(child.classId) as unknown as SchoolClass
    expect(teachersOf(schoolClass)).toContain(teacher.user.id)
    expect(byId.get(teacher.user.id)).toMatchObject({ kind: 'staff', phone: '13800000002', teaches: true })
  })

  it('lets every listed demo identity log in, the new guardian only to change the initial password', async () => {
    const accounts = demoAccounts()
    expect(accounts.map((a) => [a.account, a.roles.join(), a.password, a.mustChangePassword])).toEqual([
      ['13800000001', 'admin', DEMO_PASSWORD, false],
      ['13800000002', 'teacher', DEMO_PASSWORD, false],
      ['13800000003', 'teacher', DEMO_PASSWORD, false],
      ['13800000004', 'teacher', DEMO_PASSWORD, false],
      ['13800000005', 'teacher', DEMO_PASSWORD, false],
      ['13800000006', 'teacher', DEMO_PASSWORD, false],
      ['13800000007', 'admin', DEMO_PASSWORD, false],
      ['13800000008', 'teacher', DEMO_PASSWORD, false],
      ['13800000009', 'teacher', DEMO_PASSWORD, false],
      ['13800000010', 'teacher', DEMO_PASSWORD, false],
      ['13800000011', 'teacher', DEMO_PASSWORD, false],
      ['13800000012', 'teacher', DEMO_PASSWORD, false],
      ['13800000013', 'teacher', DEMO_PASSWORD, false],
      ['13800000014', 'teacher', DEMO_PASSWORD, false],
      ['13900000001', 'guardian', DEMO_PASSWORD, false],
      ['13900000002', 'guardian', '000002', true],
      ['13800000003', 'guardian', DEMO_PASSWORD, false],
      ['13800000101', 'admin', DEMO_PASSWORD, false],
      ['13800000102', 'teacher', DEMO_PASSWORD, false],
    ])
    for (const account of accounts) {
      const session = await login(server, account.account, account.password, account.id)
      expect(session).toMatchObject({
        user: { id: account.id, schoolId: account.schoolId, roles: account.roles },
        mustChangePassword: account.mustChangePassword,
      })
    }
  })

  it.each([
    ['demo', ['初一(1)班', '初一(2)班', '初一(3)班', '初二(1)班'], 14, 10],
    ['demo2', ['一年级(1)班', '一年级(2)班'], 2, 1],
  ])(
    'gives every class of %s a head teacher and subject teachers who are staff of the school',
    async (schoolId, classNames, staffCount, minTeachersPerClass) => {
      const org = (await server.store.pull(schoolId, 'org', 0, 1000)).map((d) => d.data)
      const staffIds = new Set(org.filter((doc) => doc.kind === 'staff').map((doc) => doc.id))
      const classes = org.filter((doc) => doc.kind === 'class') as unknown as SchoolClass[]
      expect(staffIds.size).toBe(staffCount)
      expect(classes.map((c) => c.name)).toEqual(classNames)
      for (const schoolClass of classes) {
        expect(schoolClass.headTeacherId && staffIds.has(schoolClass.headTeacherId), schoolClass.name).toBe(
          true,
        )
        expect(
          schoolClass.subjectTeachers.every((t) => staffIds.has(t.staffId)),
          schoolClass.name,
        ).toBe(true)
      }
      const teachersPerClass = classes.map((c) => new Set(c.subjectTeachers.map((t) => t.staffId)).size)
      expect(Math.min(...teachersPerClass)).toBeGreaterThanOrEqual(minTeachersPerClass)
    },
  )

  it('gives 张老师 two identities: teacher of 初一(2)班 and guardian of one of its students', async () => {
    const { identities, user } = await login(server, '13800000003', DEMO_PASSWORD)
    expect(user.id, 'without a choice, the staff identity').toBe('demo-staff-zhang')
    expect(identities.map((i) => [i.id, i.roles])).toEqual([
      ['demo-guardian-zhang', ['guardian']],
      ['demo-staff-zhang', ['teacher']],
    ])
    const org = new Map((await server.store.pull('demo', 'org', 0, 1000)).map((d) => [d.data.id, d.data]))
    const guardian = org.get('demo-guardian-zhang') as unknown as Guardian
    const child = org.get(guardian.children[0]?.studentId ?? '') as unknown as Student
    const schoolClass = org.get(child.classId) as unknown as SchoolClass
    expect(schoolClass.name).toBe('初一(2)班')
    expect(teachersOf(schoolClass)).toContain('demo-staff-zhang')
    const liu = org.get('demo-guardian-liu') as unknown as Guardian
    expect(liu.children.map((c) => (org.get(c.studentId) as unknown as Student | undefined)?.name)).toEqual([
      '刘一诺',
    ])
  })

  it('leaves a store that already has schools alone', async () => {
    expect(await seedDemo(server.store)).toBe(false)
    expect(await server.store.listSchools()).toHaveLength(2)
  })
})

describeEachStore('demo notices ($name)', (factory) => {
  const NOW = Date.UTC(2026, 10, 20, 9)
  let server: TestApp
  beforeEach(async () => {
    // Seeded before the app starts, as `npm start` does: a running server would deliver them itself.
    server = await startTestApp(factory, { demo: { notices: true, now: NOW } })
  })
  afterEach(() => server.close())

  async function phoneList(account: string, identityId?: string) {
    const { accessToken } = await login(server, account, DEMO_PASSWORD, identityId)
    const response = await sender(server)('GET', '/api/m/notices', bearer(accessToken))
    return response.json<{ notices: PhoneNoticeSummary[] }>().notices
  }

  it('delivers a form notice answered in part, a closed one and one without a form; all valid', async () => {
    const admin = await syncClient(server, '13800000001')
    const notices = (await pullAll(admin, 'notices')).documents as WireDocument<Notice>[]
    const receipts = (await pullAll(admin, 'receipts')).documents as WireDocument<Receipt>[]
    for (const doc of notices) expect(validateDocument('notices', doc)).toMatchObject({ ok: true })
    for (const doc of receipts) expect(validateDocument('receipts', doc)).toMatchObject({ ok: true })
    const of = (noticeId: string) => receipts.filter((receipt) => receipt.noticeId === noticeId)
    const counts = (noticeId: string) => ({
      delivered: of(noticeId).length,
      read: of(noticeId).filter((r) => r.readAt !== undefined).length,
      answered: of(noticeId).filter((r) => r.answeredAt !== undefined).length,
    })
    expect(notices.map((n) => [n.id, n.status, n.questions.length > 0, n.delivery !== undefined])).toEqual([
      ['demo-notice-study-trip', 'sent', true, true],
      ['demo-notice-uniform', 'closed', true, true],
      ['demo-notice-midterm', 'sent', false, true],
    ])
    // 初一(2)班: three students and 张老师 as 周欣怡's mother.
    expect(counts('demo-notice-study-trip')).toEqual({ delivered: 4, read: 3, answered: 2 })
    expect(counts('demo-notice-uniform')).toEqual({ delivered: 6, read: 3, answered: 2 })
    expect(counts('demo-notice-midterm')).toEqual({ delivered: 3, read: 1, answered: 0 })
    for (const notice of notices) expect(notice.delivery?.deliveredAt).toBeLessThan(NOW)
    const answered = of('demo-notice-study-trip').find((r) => r.personId === 'demo-guardian-zhang')
    expect(answered?.answers).toEqual({ go: '参加', lunch: ['学校统一订餐'], note: '对花生过敏' })
  })

  it('shows them on the phones they reached, with the child, and not to the people the tests start from', async () => {
    const zhang = await phoneList('13800000003', 'demo-guardian-zhang')
    expect(zhang.map((n) => [n.title, n.read, n.answered, n.students.map((s) => s.name)])).toEqual([
      ['秋季研学活动报名', true, true, ['周欣怡']],
    ])
    expect(await phoneList('13900000001')).toEqual([])
    const teacher = await syncClient(server, '13800000002')
    expect((await pullAll(teacher, 'notices')).documents).toEqual([])
    expect((await pullAll(teacher, 'receipts')).documents).toEqual([])
  })

  it('leaves the test seed without notices', async () => {
    const plain = await startTestApp(factory)
    try {
      expect(await plain.store.pull('demo', 'notices', 0, 10)).toEqual([])
    } finally {
      await plain.close()
    }
  })
})
