import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import type { WireDocument } from '../../../domain/documents.ts'
import type { Staff } from '../../../domain/org/staff.ts'
import {
  ADMIN,
  bearer,
  pullAll,
  startTestApp,
  syncClient,
  TEACHER,
  type SyncClient,
  type TestApp,
} from '../test-support/app.ts'
import { creations, staff } from '../test-support/documents.ts'
import { SseClient } from '../test-support/sse.ts'
import { describeEachStore } from '../test-support/stores.ts'

const TEACHER_ID = 'demo-staff-li'

const staffWithPhone = (id: string, phone: string): WireDocument<Staff> => ({ ...staff(id), phone })

describeEachStore('accounts follow the address book ($name)', (factory) => {
  let server: TestApp
  let admin: SyncClient

  beforeEach(async () => {
    server = await startTestApp(factory, { listen: true })
    admin = await syncClient(server, ADMIN)
  })
  afterEach(() => server.close())

  const get = (url: string, accessToken?: string) =>
    server.app.inject({ method: 'GET', url, headers: accessToken ? bearer(accessToken) : {} })

  async function pushOrg(rows: Parameters<SyncClient['push']>[1]): Promise<void> {
    const response = await admin.push('org', rows)
    expect(response.json(), response.body).toEqual([])
    await server.app.accounts.settled('demo')
  }

  it('stores a pushed document without _deleted as live, and keeps deriving accounts', async () => {
    const { _deleted: _, ...withoutFlag } = staffWithPhone('t-no-flag', '13712340010')
    // What the wire allows: a document without its tombstone flag.
    await pushOrg([
      { assumedMasterState: null, newDocumentState: withoutFlag as Partial<WireDocument> as WireDocument },
    ])
    const stored = (await pullAll(admin, 'org', 1000)).documents.find((d) => d.id === 't-no-flag')
    expect(stored?._deleted).toBe(false)
    await pushOrg(creations([staffWithPhone('t-next', '13712340011')]))
    expect(await server.store.getAccount('t-no-flag')).toMatchObject({ disabled: false })
    expect(await server.store.getAccount('t-next')).toMatchObject({ disabled: false })
    expect((await get('/api/health')).json()).toMatchObject({ accounts: { failingSchools: 0 } })
  })

  it('shows a failed reconciliation on /api/health and to the admin until one succeeds', async () => {
    const failure = new Error('disk full')
    const save = vi.spyOn(server.store, 'saveAccountProfiles').mockRejectedValueOnce(failure)
    await pushOrg(creations([staffWithPhone('t-a', '13712340012')]))
    expect((await get('/api/health')).json()).toMatchObject({ ok: true, accounts: { failingSchools: 1 } })
    const status = await get('/api/admin/status', admin.session.accessToken)
    expect(status.json()).toEqual({
      accounts: { ok: false, failedAt: expect.any(Number), message: 'Error: disk full' },
    })
    const teacher = await syncClient(server, TEACHER)
    expect((await get('/api/admin/status', teacher.session.accessToken)).statusCode).toBe(403)

    await pushOrg(creations([staffWithPhone('t-b', '13712340013')]))
    expect(save).toHaveBeenCalledTimes(2)
    expect((await get('/api/admin/status', admin.session.accessToken)).json()).toEqual({
      accounts: { ok: true },
    })
    expect((await get('/api/health')).json()).toMatchObject({ accounts: { failingSchools: 0 } })
    expect(await server.store.getAccount('t-a')).toMatchObject({ disabled: false })
  })

  it('ends the sessions, tokens and open streams of a deleted staff member at once', async () => {
    const teacher = await syncClient(server, TEACHER)
    const { client: stream } = await SseClient.connect(
      `${server.url}/api/sync/stream`,
      teacher.session.accessToken,
    )
    if (!stream) throw new Error('stream refused')
    await stream.next((m) => m.event === 'comment' && m.data === 'connected')

    const stored = (await pullAll(admin, 'org', 1000)).documents.find((d) => d.id === TEACHER_ID)
    if (!stored) throw new Error('no demo teacher')
    await pushOrg([{ assumedMasterState: stored, newDocumentState: { ...stored, _deleted: true } }])

    await stream.whenEnded
    expect((await teacher.pull('catalog')).statusCode).toBe(401)
    const refresh = await server.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: teacher.session.refreshToken },
    })
    expect(refresh.statusCode).toBe(401)
  })
})
