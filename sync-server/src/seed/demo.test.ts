import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Guardian } from '../../../domain/org/guardian.ts'
import { teachersOf, type SchoolClass } from '../../../domain/org/school-class.ts'
import type { Student } from '../../../domain/org/student.ts'
import { validateDocument } from '../../../domain/validation.ts'
import { login } from '../test-support/app.ts'
import { startTestApp, type TestApp } from '../test-support/app.ts'
import { STORE_FACTORIES } from '../test-support/stores.ts'
import { DEMO_PASSWORD, demoAccounts, seedDemo } from './demo.ts'

describe.each(STORE_FACTORIES)('demo seed ($name)', (factory) => {
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
      expect.arrayContaining(['语文', '信息技术', '教学楼A101', '教学楼A110', '图书馆', '体育馆']),
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

  it('lets every listed demo account log in without a forced password change', async () => {
    const accounts = demoAccounts()
    expect(accounts.map((a) => a.account)).toEqual([
      '13800000001',
      '13800000002',
      '13800000003',
      '13900000001',
      '13800000101',
    ])
    for (const account of accounts) {
      const session = await login(server, account.account, account.password)
      expect(session).toMatchObject({
        user: { schoolId: account.schoolId, roles: account.roles },
        mustChangePassword: false,
      })
    }
  })

  it('leaves a store that already has schools alone', async () => {
    expect(await seedDemo(server.store)).toBe(false)
    expect(await server.store.listSchools()).toHaveLength(2)
  })
})
