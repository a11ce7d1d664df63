import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import type { WireDocument } from '../../../../../domain/documents.ts'
import type { Guardian } from '../../../../../domain/org/guardian.ts'
import type { Staff } from '../../../../../domain/org/staff.ts'
import type { Student } from '../../../../../domain/org/student.ts'
import { buildApp } from '../../../app.ts'
import type { LoginResult } from '../../../../../domain/auth/auth-wire.ts'
import { DEMO_PASSWORD } from '../../../seed/demo.ts'
import {
  ADMIN,
  bearer,
  login,
  pullAll,
  startTestApp,
  syncClient,
  TEACHER,
  TEST_SECRET,
  type SyncClient,
  type TestApp,
} from '../../../test-support/app.ts'
import { describeEachStore } from '../../../test-support/stores.ts'
import type { AccountSlip } from '../../../../../domain/org/admin-wire.ts'

interface AccountRow {
  personId: string
  kind: string
  name: string
  login: string | null
  roles: string[]
  mustChangePassword: boolean
  disabled: boolean
  lastLoginAt: number | null
}

const common = (id: string) => ({ id, schoolId: 'demo', updatedAt: 2, _deleted: false })
const G7_1 = 'demo-class-g7-1'

function newStaff(id: string, fields: Partial<Staff> = {}): WireDocument<Staff> {
  return {
    ...common(id),
    kind: 'staff',
    name: '新老师',
    departmentIds: [],
    tags: [],
    teaches: true,
    ...fields,
  }
}

function newStudent(id: string, fields: Partial<Student> = {}): WireDocument<Student> {
  return {
    ...common(id),
    kind: 'student',
    name: `学生${id}`,
    studentNo: id,
    classId: G7_1,
    status: 'active',
    ...fields,
  }
}

function newGuardian(id: string, phone: string, children: string[]): WireDocument<Guardian> {
  return {
    ...common(id),
    kind: 'guardian',
    name: '新家长',
    phone,
    children: children.map((studentId) => ({ studentId, relationship: '母亲' })),
  }
}

describeEachStore('admin accounts API ($name)', (factory) => {
  let server: TestApp
  let admin: SyncClient

  beforeEach(async () => {
    server = await startTestApp(factory)
    admin = await syncClient(server, ADMIN)
  })
  afterEach(() => server.close())

  const send = (method: 'GET' | 'POST', url: string, token?: string, payload?: object) =>
    server.app.inject({ method, url, payload, headers: token ? bearer(token) : {} })
  const asAdmin = (method: 'GET' | 'POST', url: string, payload?: object) =>
    send(method, url, admin.session.accessToken, payload)
  const statusAndCode = (response: { statusCode: number; json<T>(): T }) => [
    response.statusCode,
    response.json<{ error: string }>().error,
  ]
  const tryLogin = (account: string, password: string) =>
    server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { account, password } })

  /** Pushes the documents as the admin (over their stored versions), then waits for their accounts. */
  async function save(...docs: WireDocument[]): Promise<void> {
    const stored = new Map((await pullAll(admin, 'org', 1000)).documents.map((d) => [d.id, d]))
    const rows = docs.map((doc) => ({
      assumedMasterState: stored.get(doc.id) ?? null,
      newDocumentState: doc,
    }))
    const response = await admin.push('org', rows)
    expect(response.json(), response.body).toEqual([])
    await server.app.accounts.settled('demo')
  }

  async function accounts(): Promise<Map<string, AccountRow>> {
    const response = await asAdmin('GET', '/api/admin/accounts')
    expect(response.statusCode, response.body).toBe(200)
    return new Map(response.json<{ accounts: AccountRow[] }>().accounts.map((a) => [a.personId, a]))
  }

  async function changePassword(session: LoginResult, oldPassword: string, newPassword: string) {
    const response = await send('POST', '/api/auth/password', session.accessToken, {
      oldPassword,
      newPassword,
    })
    expect(response.statusCode, response.body).toBe(200)
  }

  it('derives accounts for new staff, students and guardians; the initial password works once, then must be changed', async () => {
    await save(
      newStaff('t-new', { phone: '13712345678' }),
      newStudent('2026070105'),
      newGuardian('g-new', '13612345678', ['2026070105']),
    )
    const listed = await accounts()
    expect(listed.get('t-new')).toEqual({
      personId: 't-new',
      kind: 'staff',
      name: '新老师',
      login: '13712345678',
      roles: ['teacher'],
      mustChangePassword: true,
      disabled: false,
      lastLoginAt: null,
    })
    expect(listed.get('2026070105')).toMatchObject({
      kind: 'student',
      login: '2026070105',
      roles: ['student'],
    })
    expect(listed.get('g-new')).toMatchObject({ kind: 'guardian', login: '13612345678', roles: ['guardian'] })
    expect(listed.get('demo-staff-wang')).toMatchObject({ roles: ['admin'], mustChangePassword: false })

    const first = await login(server, '13612345678', '345678')
    expect(first).toMatchObject({ user: { id: 'g-new' }, mustChangePassword: true })
    expect((await login(server, '2026070105', '070105')).mustChangePassword).toBe(true)
    await changePassword(first, '345678', 'my-own-password')
    expect((await tryLogin('13612345678', '345678')).statusCode).toBe(401)
    expect((await login(server, '13612345678', 'my-own-password')).mustChangePassword).toBe(false)
    expect((await accounts()).get('g-new')?.lastLoginAt).toEqual(expect.any(Number))
  })

  it('follows name, role and phone changes, keeping a password the person chose', async () => {
    await save(newStaff('t-chose', { phone: '13712340001' }), newStaff('t-never', { phone: '13712340002' }))
    await changePassword(await login(server, '13712340001', '340001'), '340001', 'chosen-password')

    await save(
      newStaff('t-chose', { phone: '13712349991', name: '改名老师', admin: true }),
      newStaff('t-never', { phone: '13712349992' }),
    )
    expect((await accounts()).get('t-chose')).toMatchObject({
      name: '改名老师',
      roles: ['admin', 'teacher'],
      login: '13712349991',
      mustChangePassword: false,
    })
    expect((await tryLogin('13712340001', 'chosen-password')).statusCode).toBe(401)
    expect((await login(server, '13712349991', 'chosen-password')).user.roles).toEqual(['admin', 'teacher'])
    // Still on the initial password: it follows the new phone.
    expect((await login(server, '13712349992', '349992')).mustChangePassword).toBe(true)
  })

  it('disables the account of a deleted person, keeping the row', async () => {
    await save(newStaff('t-gone', { phone: '13712340003' }))
    await save({ ...newStaff('t-gone', { phone: '13712340003' }), _deleted: true })
    expect((await accounts()).get('t-gone')).toMatchObject({ disabled: true, login: '13712340003' })
    expect((await tryLogin('13712340003', '340003')).statusCode).toBe(401)
  })

  it('lets a teacher also be a guardian with the same phone', async () => {
    await save(newGuardian('g-teacher', TEACHER, ['demo-student-wang-zihan']))
    expect((await login(server, TEACHER, DEMO_PASSWORD)).identities.map((i) => i.id)).toEqual([
      'demo-staff-li',
    ])
    const asGuardian = await login(server, TEACHER, '000002')
    expect(asGuardian).toMatchObject({
      user: { id: 'g-teacher', roles: ['guardian'] },
      mustChangePassword: true,
    })
  })

  it('leaves a student: status and date replicate, their login and their only guardian’s end', async () => {
    await save(
      newStudent('2026070201'),
      newStudent('2026070202'),
      newGuardian('g-two', '13612340009', ['2026070201', '2026070202']),
    )
    const audit = vi.spyOn(server.store, 'audit')
    const leave = (id: string) =>
      asAdmin('POST', `/api/admin/students/${id}/leave`, { on: '2026-03-01', reason: '转学' })

    expect((await leave('2026070201')).statusCode).toBe(200)
    const student = (await pullAll(admin, 'org', 1000)).documents.find((d) => d.id === '2026070201')
    expect(student).toMatchObject({ status: 'left', leftOn: '2026-03-01' })
    const wrong = await tryLogin('2026070201', 'wrong-password')
    const refused = await tryLogin('2026070201', '070201')
    expect(refused.statusCode).toBe(401)
    expect(refused.json()).toEqual(wrong.json())
    expect((await accounts()).get('g-two')?.disabled).toBe(false)

    const guardianSession = await login(server, '13612340009', '340009')
    expect((await leave('2026070202')).statusCode).toBe(200)
    expect((await accounts()).get('g-two')).toMatchObject({ disabled: true })
    expect((await send('GET', '/api/sync/org/pull', guardianSession.accessToken)).statusCode).toBe(401)
    expect((await tryLogin('13612340009', '340009')).statusCode).toBe(401)

    const again = await leave('2026070202')
    expect(again.statusCode).toBe(409)
    expect(statusAndCode(await leave('no-such-student'))).toEqual([404, 'unknownPerson'])
    expect(
      (await asAdmin('POST', '/api/admin/students/2026070201/leave', { on: '1.3.2026' })).statusCode,
    ).toBe(400)
    expect(audit).toHaveBeenCalledWith({
      schoolId: 'demo',
      accountId: 'demo-staff-wang',
      action: 'student.left',
      detail: { studentId: '2026070201', on: '2026-03-01', reason: '转学', ip: expect.any(String) },
    })
  })

  it('transfers a student to another class, naming an unknown class', async () => {
    const audit = vi.spyOn(server.store, 'audit')
    const transfer = (classId: string) =>
      asAdmin('POST', '/api/admin/students/demo-student-wang-zihan/transfer', { classId })
    expect((await transfer('demo-class-g7-2')).statusCode).toBe(200)
    const docs = (await pullAll(admin, 'org', 1000)).documents
    expect(docs.find((d) => d.id === 'demo-student-wang-zihan')).toMatchObject({ classId: 'demo-class-g7-2' })
    expect(audit).toHaveBeenCalledWith(
      expect.objectContaining({
        action: 'student.transferred',
        detail: expect.objectContaining({ from: G7_1, to: 'demo-class-g7-2' }),
      }),
    )
    const unknown = await transfer('no-such-class')
    expect(unknown.statusCode).toBe(400)
    expect(unknown.json<{ message: string }>().message).toContain('no-such-class')
  })

  it('resets a password to the initial one, to be changed, and ends the person’s sessions', async () => {
    const audit = vi.spyOn(server.store, 'audit')
    const teacher = await login(server, TEACHER)
    const reset = await asAdmin('POST', '/api/admin/accounts/demo-staff-li/reset-password')
    expect(reset.json()).toEqual({ login: TEACHER, initialPassword: '000002' })
    expect((await send('GET', '/api/sync/org/pull', teacher.accessToken)).statusCode).toBe(401)
    expect((await tryLogin(TEACHER, DEMO_PASSWORD)).statusCode).toBe(401)
    expect((await login(server, TEACHER, '000002')).mustChangePassword).toBe(true)
    expect(audit).toHaveBeenCalledWith(
      expect.objectContaining({
        accountId: 'demo-staff-wang',
        action: 'account.password-reset',
        detail: expect.objectContaining({ personId: 'demo-staff-li' }),
      }),
    )
    expect(
      statusAndCode(await asAdmin('POST', '/api/admin/accounts/demo2-staff-qian/reset-password')),
    ).toEqual([404, 'unknownPerson'])
  })

  it('prints the slips of a class: students, then their guardians, initial passwords only while unchanged', async () => {
    const response = await asAdmin('GET', `/api/admin/account-slips?classId=${G7_1}`)
    const { className, slips } = response.json<{ className: string; slips: AccountSlip[] }>()
    expect(className).toBe('初一(1)班')
    expect(slips.slice(0, 4)).toEqual([
      {
        personId: 'demo-student-chen-xiaoming',
        kind: 'student',
        name: '陈小明',
        login: '20267101',
        initialPassword: '267101',
      },
      {
        personId: 'demo-guardian-chen',
        kind: 'guardian',
        name: '陈家长',
        studentName: '陈小明',
        login: '13900000001',
        initialPassword: null,
      },
      {
        personId: 'demo-student-liu-yinuo',
        kind: 'student',
        name: '刘一诺',
        login: '20267102',
        initialPassword: '267102',
      },
      {
        personId: 'demo-guardian-liu',
        kind: 'guardian',
        name: '刘家长',
        studentName: '刘一诺',
        login: '13900000002',
        initialPassword: '000002',
      },
    ])
    expect(slips).toHaveLength(6)
    expect(statusAndCode(await asAdmin('GET', '/api/admin/account-slips?classId=no-such-class'))).toEqual([
      404,
      'unknownClass',
    ])
  })

  it('is for admins only: 401 without a token, 403 for a teacher', async () => {
    const teacher = await login(server, TEACHER)
    const routes: ['GET' | 'POST', string, object?][] = [
      ['GET', '/api/admin/accounts'],
      ['POST', '/api/admin/accounts/demo-staff-wang/reset-password'],
      ['GET', `/api/admin/account-slips?classId=${G7_1}`],
      ['POST', '/api/admin/students/demo-student-wang-zihan/leave', { on: '2026-03-01' }],
      ['POST', '/api/admin/students/demo-student-wang-zihan/transfer', { classId: 'demo-class-g7-2' }],
    ]
    for (const [method, url, payload] of routes) {
      expect((await send(method, url, undefined, payload)).statusCode, url).toBe(401)
      expect((await send(method, url, teacher.accessToken, payload)).statusCode, url).toBe(403)
    }
  })

  it('derives at start-up what a previous process committed but did not derive', async () => {
    await server.app.accounts.stop()
    await server.store.writeDocuments('demo', 'org', [], () => ({
      writes: [newStaff('t-missed', { phone: '13712340004' })],
      result: null,
    }))
    expect(await server.store.getAccount('t-missed')).toBeNull()
    const restarted = await buildApp({ store: server.store, authSecret: TEST_SECRET })
    try {
      expect(await server.store.getAccount('t-missed')).toMatchObject({
        phone: '13712340004',
        disabled: false,
      })
    } finally {
      await restarted.close()
    }
  })
})
