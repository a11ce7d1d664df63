import { afterEach, beforeEach, expect, it } from 'vitest'
import type { SchoolList } from '../../../../domain/org/schools-wire.ts'
import {
  bearer,
  GUARDIAN,
  login,
  OTHER_SCHOOL_ADMIN,
  sender,
  startTestApp,
  TEACHER,
  type TestApp,
} from '../../test-support/app.ts'
import { describeEachStore } from '../../test-support/stores.ts'

describeEachStore('GET /api/schools ($name)', (factory) => {
  let server: TestApp
  beforeEach(async () => {
    server = await startTestApp(factory)
  })
  afterEach(async () => server.close())

  const get = async (account?: string) => {
    const headers = account ? bearer((await login(server, account)).accessToken) : {}
    return sender(server)('GET', '/api/schools', headers)
  }

  it('lists the other schools, by id and name, to staff', async () => {
    const teacher = await get(TEACHER)
    expect(teacher.statusCode).toBe(200)
    expect(teacher.json<SchoolList>().schools).toEqual([{ id: 'demo2', name: '第二示范学校' }])
    const other = await get(OTHER_SCHOOL_ADMIN)
    expect(other.json<SchoolList>().schools.map((school) => school.id)).toEqual(['demo'])
  })

  it('is refused to families (403) and without a login (401)', async () => {
    expect((await get(GUARDIAN)).statusCode).toBe(403)
    expect((await get()).statusCode).toBe(401)
  })
})
