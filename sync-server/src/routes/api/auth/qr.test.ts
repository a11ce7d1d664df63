import { Redis } from 'ioredis'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { QrPollAnswer } from '../../../../../domain/auth/auth-wire.ts'
import { QR_MESSAGES } from '../../../auth/qr-login.ts'
import type { LoginResult } from '../../../../../domain/auth/auth-wire.ts'
import { buildApp } from '../../../app.ts'
import {
  ADMIN,
  bearer,
  login,
  startTestApp,
  TEACHER,
  TEST_SECRET,
  type TestApp,
  type TestAppOptions,
} from '../../../test-support/app.ts'
import type { SharedRedis } from '../../../shared-redis.ts'
import { describeEachStore, SQLITE_FACTORY, type StoreFactory } from '../../../test-support/stores.ts'

interface NewTicket {
  ticketId: string
  scanUrl: string
  pollToken: string
  expiresAt: number
}

const SHORT_WAIT = { qrPollMaxWaitMs: 300 }
/** A poll's longest wait, far beyond the test's own limit: whatever answers such a poll, its wait did not. */
const NEVER_MS = 10 * 60_000

/** Real time plus whatever a test skipped: tickets expire by it, without the test sleeping. */
function skippableClock() {
  let skipped = 0
  return {
    now: () => Date.now() + skipped,
    skip: (ms: number) => {
      skipped += ms
    },
  }
}

/** Resolves once the server's QR service has taken `count` polls (a poll starts waiting as it is taken). */
function pollsTaken(server: TestApp, count: number): Promise<void> {
  const poll = vi.spyOn(server.app.qrLogin, 'poll')
  return vi.waitFor(() => expect(poll).toHaveBeenCalledTimes(count), { timeout: 10_000 })
}

/** A QR login client of one test app: the desktop's and the phone's requests. */
function qrClient(server: TestApp) {
  const inject = (method: 'GET' | 'POST', url: string, headers = {}, payload?: object) =>
    server.app.inject({ method, url, headers, payload })
  return {
    create: async (deviceName = '教务处-PC1') => {
      const response = await inject('POST', '/api/auth/qr', {}, { deviceName })
      expect(response.statusCode).toBe(200)
      return response.json<NewTicket>()
    },
    poll: (ticket: NewTicket, after = 'pending', pollToken = ticket.pollToken) =>
      inject('GET', `/api/auth/qr/${ticket.ticketId}?after=${after}`, { 'x-poll-token': pollToken }),
    phone: (action: 'scan' | 'confirm' | 'reject', ticket: NewTicket, phone: LoginResult) =>
      inject('POST', `/api/auth/qr/${ticket.ticketId}/${action}`, bearer(phone.accessToken)),
  }
}

const statusAndMessage = (response: { statusCode: number; json(): unknown }) => [
  response.statusCode,
  (response.json() as { message: string }).message,
]

const REDIS_URL = process.env.TEST_REDIS_URL

/** The QR login rules, with tickets in memory or, given `redisUrl`, in Redis as several instances keep them. */
function qrLoginSuite(factory: StoreFactory, redisUrl?: string) {
  let server: TestApp
  let qr: ReturnType<typeof qrClient>
  let teacher: LoginResult
  let admin: LoginResult
  let clock: ReturnType<typeof skippableClock>
  const redisClients: Redis[] = []

  function sharedRedis(): SharedRedis | undefined {
    if (!redisUrl) return undefined
    const client = new Redis(redisUrl)
    redisClients.push(client)
    return { client, prefix: `test-${crypto.randomUUID()}:` }
  }

  async function start(options: TestAppOptions = {}) {
    clock = skippableClock()
    const redis = sharedRedis()
    server = await startTestApp(factory, { ...SHORT_WAIT, qrClock: clock.now, redis, ...options })
    qr = qrClient(server)
    teacher = await login(server, TEACHER)
    admin = await login(server, ADMIN)
  }
  beforeEach(() => start())
  afterEach(async () => {
    await server.close()
    for (const client of redisClients.splice(0)) client.disconnect()
  })

  it('logs the desktop in as the phone user who scanned and confirmed, handing the tokens over once', async () => {
    const audit = vi.spyOn(server.store, 'audit')
    const ticket = await qr.create()
    expect(ticket.scanUrl).toBe(`http://localhost:80/m/qr/${ticket.ticketId}`)
    expect(ticket.scanUrl).not.toContain(ticket.pollToken)
    expect(ticket.expiresAt).toBeGreaterThan(Date.now() + 100_000)
    expect((await qr.poll(ticket)).json()).toEqual({ state: 'pending' })

    const scan = await qr.phone('scan', ticket, teacher)
    expect(scan.json()).toEqual({
      deviceName: '教务处-PC1',
      createdAt: expect.any(Number),
      expiresAt: ticket.expiresAt,
      clientAddress: '127.0.0.*',
    })
    expect((await qr.poll(ticket)).json()).toEqual({ state: 'scanned', scannedBy: { name: '李老师' } })

    expect((await qr.phone('confirm', ticket, teacher)).json()).toEqual({ ok: true })
    const confirmed = (await qr.poll(ticket, 'scanned')).json<QrPollAnswer>()
    expect(confirmed).toMatchObject({
      state: 'confirmed',
      scannedBy: { name: '李老师' },
      tokens: { user: teacher.user, mustChangePassword: false },
    })
    const tokens = confirmed.tokens
    if (!tokens) throw new Error('no tokens')
    expect(tokens.accessToken).not.toBe(teacher.accessToken)
    const pull = await server.app.inject({
      method: 'GET',
      url: '/api/sync/catalog/pull',
      headers: bearer(tokens.accessToken),
    })
    expect(pull.statusCode).toBe(200)
    const refreshed = await server.app.inject({
      method: 'POST',
      url: '/api/auth/refresh',
      payload: { refreshToken: tokens.refreshToken },
    })
    expect(refreshed.statusCode).toBe(200)

    expect(statusAndMessage(await qr.poll(ticket, 'scanned'))).toEqual([410, QR_MESSAGES.used])
    expect(statusAndMessage(await qr.poll(ticket, 'confirmed'))).toEqual([410, QR_MESSAGES.used])
    expect(audit).toHaveBeenCalledWith({
      schoolId: 'demo',
      accountId: 'demo-staff-li',
      action: 'qr.confirmed',
      detail: { deviceName: '教务处-PC1', ip: '127.0.0.1' },
    })
    expect(audit).toHaveBeenCalledWith(
      expect.objectContaining({
        accountId: 'demo-staff-li',
        action: 'login',
        detail: expect.objectContaining({ via: 'qr' }),
      }),
    )
  })

  it('answers a poll as soon as the state changes, and after the longest wait otherwise', async () => {
    await server.close()
    // Longer than the test may run: only the scan can answer this poll.
    await start({ qrPollMaxWaitMs: NEVER_MS })
    const ticket = await qr.create()
    const taken = pollsTaken(server, 1)
    const waiting = qr.poll(ticket)
    await taken
    await qr.phone('scan', ticket, teacher)
    expect((await waiting).json()).toEqual({ state: 'scanned', scannedBy: { name: '李老师' } })

    await server.close()
    await start({ qrPollMaxWaitMs: 300 })
    const idle = await qr.create()
    const before = Date.now()
    expect((await qr.poll(idle)).json()).toEqual({ state: 'pending' })
    expect(Date.now() - before).toBeGreaterThanOrEqual(250)
  })

  it('gives the tokens to only one of two polls waiting at the moment of confirmation', async () => {
    await server.close()
    await start({ qrPollMaxWaitMs: NEVER_MS })
    const ticket = await qr.create()
    await qr.phone('scan', ticket, teacher)
    const taken = pollsTaken(server, 2)
    const answered: number[] = []
    const polls = [qr.poll(ticket, 'scanned'), qr.poll(ticket, 'scanned')].map((poll) =>
      poll.then((answer) => answered.push(answer.statusCode)),
    )
    await taken
    expect(answered).toEqual([])
    await qr.phone('confirm', ticket, teacher)
    await Promise.all(polls)
    expect(answered.sort()).toEqual([200, 410])
  })

  it('lets only the user who scanned confirm or reject, and only after the scan', async () => {
    const ticket = await qr.create()
    expect(statusAndMessage(await qr.phone('confirm', ticket, teacher))).toEqual([
      409,
      QR_MESSAGES.notScanned,
    ])
    expect(statusAndMessage(await qr.phone('reject', ticket, teacher))).toEqual([409, QR_MESSAGES.notScanned])

    expect((await qr.phone('scan', ticket, teacher)).statusCode).toBe(200)
    expect((await qr.phone('scan', ticket, teacher)).statusCode).toBe(200)
    expect(statusAndMessage(await qr.phone('scan', ticket, admin))).toEqual([409, QR_MESSAGES.scannedByOther])
    expect(statusAndMessage(await qr.phone('confirm', ticket, admin))).toEqual([403, QR_MESSAGES.notScanner])
    expect(statusAndMessage(await qr.phone('reject', ticket, admin))).toEqual([403, QR_MESSAGES.notScanner])
    expect((await qr.poll(ticket, 'pending')).json()).toEqual({
      state: 'scanned',
      scannedBy: { name: '李老师' },
    })

    expect((await qr.phone('confirm', ticket, teacher)).statusCode).toBe(200)
    expect(statusAndMessage(await qr.phone('confirm', ticket, teacher))).toEqual([410, QR_MESSAGES.used])
    expect(statusAndMessage(await qr.phone('reject', ticket, teacher))).toEqual([410, QR_MESSAGES.used])
    expect(statusAndMessage(await qr.phone('scan', ticket, teacher))).toEqual([410, QR_MESSAGES.used])
  })

  it('ends a rejected ticket: the desktop hears it, the phone cannot confirm it any more', async () => {
    const ticket = await qr.create()
    await qr.phone('scan', ticket, teacher)
    expect((await qr.phone('reject', ticket, teacher)).json()).toEqual({ ok: true })
    const rejected = { state: 'rejected', scannedBy: { name: '李老师' } }
    expect((await qr.poll(ticket, 'scanned')).json()).toEqual(rejected)
    expect((await qr.poll(ticket, 'rejected')).json()).toEqual(rejected)
    expect(statusAndMessage(await qr.phone('confirm', ticket, teacher))).toEqual([410, QR_MESSAGES.rejected])
    expect(statusAndMessage(await qr.phone('scan', ticket, teacher))).toEqual([410, QR_MESSAGES.rejected])
  })

  it('expires tickets after their lifetime, ending a waiting poll at expiry', async () => {
    await server.close()
    await start({ qrTicketTtlMs: 300, qrPollMaxWaitMs: NEVER_MS })
    const ticket = await qr.create()
    await qr.phone('scan', ticket, teacher)
    expect((await qr.poll(ticket, 'scanned')).json()).toEqual({
      state: 'expired',
      scannedBy: { name: '李老师' },
    })
    expect(statusAndMessage(await qr.phone('confirm', ticket, teacher))).toEqual([410, QR_MESSAGES.expired])

    const unscanned = await qr.create()
    clock.skip(300)
    expect((await qr.poll(unscanned)).json()).toEqual({ state: 'expired' })
    expect(statusAndMessage(await qr.phone('scan', unscanned, teacher))).toEqual([410, QR_MESSAGES.expired])

    // Some time after expiry a ticket is forgotten.
    clock.skip(300)
    expect(statusAndMessage(await qr.poll(unscanned))).toEqual([404, QR_MESSAGES.unknown])
  })

  it('does not hand out tokens of a confirmed ticket after it expired', async () => {
    await server.close()
    await start({ qrTicketTtlMs: 300 })
    const ticket = await qr.create()
    await qr.phone('scan', ticket, teacher)
    await qr.phone('confirm', ticket, teacher)
    clock.skip(300)
    expect((await qr.poll(ticket, 'scanned')).json()).toEqual({
      state: 'expired',
      scannedBy: { name: '李老师' },
    })
  })

  it('needs the right poll token, a known ticket and a logged-in phone', async () => {
    const ticket = await qr.create()
    const missing = await server.app.inject({ method: 'GET', url: `/api/auth/qr/${ticket.ticketId}` })
    expect(missing.statusCode).toBe(400)
    expect(missing.json<{ message: string }>().message).toContain('x-poll-token')
    const other = await qr.create()
    expect(statusAndMessage(await qr.poll(ticket, 'pending', other.pollToken))).toEqual([
      403,
      QR_MESSAGES.wrongPollToken,
    ])
    expect(statusAndMessage(await qr.poll(ticket, 'pending', 'x'))).toEqual([403, QR_MESSAGES.wrongPollToken])
    const unknown = { ...ticket, ticketId: 'no-such-ticket' }
    expect(statusAndMessage(await qr.poll(unknown))).toEqual([404, QR_MESSAGES.unknown])
    expect(statusAndMessage(await qr.phone('scan', unknown, teacher))).toEqual([404, QR_MESSAGES.unknown])
    expect((await qr.poll(ticket, 'nonsense')).statusCode).toBe(400)

    const anonymous = await server.app.inject({ method: 'POST', url: `/api/auth/qr/${ticket.ticketId}/scan` })
    expect(anonymous.statusCode).toBe(401)
    const noName = await server.app.inject({
      method: 'POST',
      url: '/api/auth/qr',
      payload: { deviceName: '' },
    })
    expect(noName.statusCode).toBe(400)
  })

  it('rate-limits ticket creation and polling per address', async () => {
    await server.close()
    await start({
      qrCreateRateLimit: { max: 2, timeWindowMs: 60_000 },
      qrPollRateLimit: { max: 3, timeWindowMs: 60_000 },
      qrPollMaxWaitMs: 0,
    })
    const ticket = await qr.create()
    await qr.create()
    const third = await server.app.inject({
      method: 'POST',
      url: '/api/auth/qr',
      payload: { deviceName: 'PC' },
    })
    expect(third.statusCode).toBe(429)
    const statuses = []
    for (let i = 0; i < 4; i++) statuses.push((await qr.poll(ticket)).statusCode)
    expect(statuses).toEqual([200, 200, 200, 429])
  })

  it('puts the public address in the scan URL', async () => {
    await server.close()
    await start({ publicUrl: 'https://school.example' })
    const ticket = await qr.create()
    expect(ticket.scanUrl).toBe(`https://school.example/m/qr/${ticket.ticketId}`)
  })
}

describeEachStore('QR login API ($name)', (factory) => qrLoginSuite(factory))
describe.skipIf(!REDIS_URL)(
  `QR login API (sqlite, tickets in Redis)${REDIS_URL ? '' : ': skipped, TEST_REDIS_URL is not set'}`,
  () => qrLoginSuite(SQLITE_FACTORY, REDIS_URL),
)

describeEachStore('QR login across a restart ($name)', (factory: StoreFactory) => {
  it('forgets pending tickets: the desktop is told the ticket is unknown and asks for a fresh one', async () => {
    const first = await startTestApp(factory, SHORT_WAIT)
    const teacher = await login(first, TEACHER)
    const ticket = await qrClient(first).create()
    await qrClient(first).phone('scan', ticket, teacher)
    await first.app.close()

    const app = await buildApp({ store: first.store, authSecret: TEST_SECRET, ...SHORT_WAIT })
    try {
      const qr = qrClient({ ...first, app })
      expect(statusAndMessage(await qr.poll(ticket, 'scanned'))).toEqual([404, QR_MESSAGES.unknown])
      expect(statusAndMessage(await qr.phone('confirm', ticket, teacher))).toEqual([404, QR_MESSAGES.unknown])
      const fresh = await qr.create()
      expect((await qr.poll(fresh)).json()).toEqual({ state: 'pending' })
    } finally {
      await app.close()
      await first.close()
    }
  })

  it('lets a waiting poll answer when the server closes', async () => {
    const server = await startTestApp(factory, { qrPollMaxWaitMs: NEVER_MS })
    const ticket = await qrClient(server).create()
    const taken = pollsTaken(server, 1)
    const waiting = qrClient(server).poll(ticket)
    await taken
    await server.close()
    expect((await waiting).json()).toEqual({ state: 'pending' })
  })
})
