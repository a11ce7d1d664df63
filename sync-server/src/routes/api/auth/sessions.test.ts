import { afterEach, describe, expect, it } from 'vitest'
import type { DeviceSession, LoginResult } from '../../../../../domain/auth/auth-wire.ts'
import { DEMO_PASSWORD } from '../../../seed/demo.ts'
import {
  ADMIN,
  bearer,
  sender,
  startTestApp,
  TEACHER,
  type TestApp,
  type TestAppOptions,
} from '../../../test-support/app.ts'
import { SseClient } from '../../../test-support/sse.ts'
import { describeEachStore } from '../../../test-support/stores.ts'

const DAY = 86_400_000
const PHONE_STREAM = '/api/m/stream'
const WINDOWS_CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36'
const ANDROID_WECHAT =
  'Mozilla/5.0 (Linux; Android 14; V2219A) AppleWebKit/537.36 (KHTML, like Gecko) Mobile Safari/537.36 MicroMessenger/8.0.50'

/** Where this test's requests come from, as the server records it for each device. */
const LOOPBACK = expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$|^::1$/)

describeEachStore('signed-in devices and session lifetimes ($name)', (factory) => {
  let server: TestApp
  let now = 1_000_000
  const streams: SseClient[] = []

  async function start(options: TestAppOptions = {}): Promise<void> {
    now = 1_000_000
    server = await startTestApp(factory, { listen: true, heartbeatMs: 60_000, clock: () => now, ...options })
  }
  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close()
    await server.close()
  })

  async function loginFrom(userAgent: string, account = TEACHER, deviceName?: string): Promise<LoginResult> {
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': userAgent },
      body: JSON.stringify({ account, password: DEMO_PASSWORD, ...(deviceName && { deviceName }) }),
    })
    if (response.status !== 200) throw new Error(`login failed: ${await response.text()}`)
    return (await response.json()) as LoginResult
  }
  const send = (method: 'GET' | 'POST', path: string, session: LoginResult, payload?: object) =>
    sender(server)(method, `/api/auth/${path}`, bearer(session.accessToken), payload)
  const devicesOf = async (session: LoginResult) =>
    (await send('GET', 'sessions', session)).json<{ sessions: DeviceSession[] }>().sessions
  const pullStatus = async (session: LoginResult) =>
    (await sender(server)('GET', '/api/sync/catalog/pull', bearer(session.accessToken))).statusCode
  const refresh = (session: LoginResult) =>
    sender(server)('POST', '/api/auth/refresh', {}, { refreshToken: session.refreshToken })

  /** The desktop's sync stream, or with `phone` the phone pages' notice stream. */
  async function openStream(session: LoginResult, path = '/api/sync/stream'): Promise<SseClient> {
    const { client } = await SseClient.connect(`${server.url}${path}`, session.accessToken)
    if (!client) throw new Error('stream refused')
    streams.push(client)
    await client.next((m) => m.event === 'comment' && m.data === 'connected')
    return client
  }

  describe('signed-in devices', () => {
    it('lists each device with its kind, when it logged in and was last used, this one marked', async () => {
      await start()
      const pc = await loginFrom(WINDOWS_CHROME)
      now += 60_000
      const phone = await loginFrom(ANDROID_WECHAT)
      now += 60_000
      await refresh(pc)
      expect(await devicesOf(phone)).toEqual([
        {
          id: expect.any(String),
          device: { name: 'Chrome · Windows', kind: 'browser' },
          createdAt: 1_000_000,
          lastUsedAt: 1_120_000,
          address: LOOPBACK,
          current: false,
        },
        {
          id: expect.any(String),
          device: { name: 'WeChat · Android', kind: 'phone' },
          createdAt: 1_060_000,
          lastUsedAt: 1_060_000,
          address: LOOPBACK,
          current: true,
        },
      ])
    })

    it('takes the name a client gives itself', async () => {
      await start()
      const pc = await loginFrom(WINDOWS_CHROME, TEACHER, 'Campus Desk · 教务处-PC')
      expect((await devicesOf(pc))[0]?.device.name).toBe('Campus Desk · 教务处-PC')
    })

    it("signs one device out: its tokens and its open stream end at once, the others' do not", async () => {
      await start()
      const [pc, phone, laptop] = [
        await loginFrom(WINDOWS_CHROME),
        await loginFrom(ANDROID_WECHAT),
        await loginFrom(WINDOWS_CHROME),
      ]
      const [phoneStream, laptopStream] = [await openStream(phone), await openStream(laptop)]
      const phoneId = (await devicesOf(phone)).find((d) => d.current)?.id
      const revoke = await send('POST', 'sessions/revoke', pc, { sessionId: phoneId })
      expect(revoke.json()).toEqual({ ok: true })
      await phoneStream.whenEnded
      expect(await pullStatus(phone)).toBe(401)
      expect((await refresh(phone)).statusCode).toBe(401)
      expect(laptopStream.ended).toBe(false)
      expect(await pullStatus(laptop)).toBe(200)
      expect((await devicesOf(pc)).map((d) => d.id)).not.toContain(phoneId)
    })

    it("ends the signed-out device's phone stream (/api/m/stream) at once, and only that one", async () => {
      await start()
      const [pc, phone, tablet] = [
        await loginFrom(WINDOWS_CHROME),
        await loginFrom(ANDROID_WECHAT),
        await loginFrom(ANDROID_WECHAT),
      ]
      const [phoneStream, tabletStream] = [
        await openStream(phone, PHONE_STREAM),
        await openStream(tablet, PHONE_STREAM),
      ]
      const phoneId = (await devicesOf(phone)).find((d) => d.current)?.id
      expect((await send('POST', 'sessions/revoke', pc, { sessionId: phoneId })).statusCode).toBe(200)
      await phoneStream.whenEnded
      expect(tabletStream.ended).toBe(false)
      await send('POST', 'sessions/revoke-others', pc)
      await tabletStream.whenEnded
    })

    it('ends the streams of every session that logging out, a password change or reset ends', async () => {
      await start()
      const [pc, phone, laptop] = [
        await loginFrom(WINDOWS_CHROME),
        await loginFrom(ANDROID_WECHAT),
        await loginFrom(WINDOWS_CHROME),
      ]
      const [pcSync, pcPhone] = [await openStream(pc), await openStream(pc, PHONE_STREAM)]
      const [phoneSync, laptopSync] = [await openStream(phone, PHONE_STREAM), await openStream(laptop)]
      expect((await send('POST', 'logout', pc)).statusCode).toBe(200)
      await Promise.all([pcSync.whenEnded, pcPhone.whenEnded])
      expect([phoneSync.ended, laptopSync.ended]).toEqual([false, false])

      const password = { oldPassword: DEMO_PASSWORD, newPassword: 'a-much-better-one-2026' }
      expect((await send('POST', 'password', laptop, password)).statusCode).toBe(200)
      await phoneSync.whenEnded
      expect(laptopSync.ended).toBe(false)

      const admin = await loginFrom(WINDOWS_CHROME, ADMIN)
      const reset = await sender(server)(
        'POST',
        '/api/admin/accounts/demo-staff-li/reset-password',
        bearer(admin.accessToken),
      )
      expect(reset.statusCode).toBe(200)
      await laptopSync.whenEnded
    })

    it('ends the stream of a session whose refresh token is replayed', async () => {
      await start()
      const pc = await loginFrom(WINDOWS_CHROME)
      const renewed = (await refresh(pc)).json<LoginResult>()
      const stream = await openStream(renewed, PHONE_STREAM)
      expect((await refresh(pc)).statusCode).toBe(401)
      await stream.whenEnded
    })

    it('signs out every other device and keeps this one', async () => {
      await start()
      const [pc, phone, laptop] = [
        await loginFrom(WINDOWS_CHROME),
        await loginFrom(ANDROID_WECHAT),
        await loginFrom(WINDOWS_CHROME),
      ]
      const streamOfPhone = await openStream(phone)
      const response = await send('POST', 'sessions/revoke-others', pc)
      expect(response.json()).toEqual({ revoked: 2 })
      await streamOfPhone.whenEnded
      expect([await pullStatus(pc), await pullStatus(phone), await pullStatus(laptop)]).toEqual([
        200, 401, 401,
      ])
      expect((await devicesOf(pc)).map((d) => d.current)).toEqual([true])
    })

    it("cannot sign out someone else's device (the same 404 as an unknown one), nor without a session id", async () => {
      await start()
      const [teacher, admin] = [await loginFrom(WINDOWS_CHROME), await loginFrom(WINDOWS_CHROME, ADMIN)]
      const adminSession = (await devicesOf(admin))[0]?.id
      expect((await send('POST', 'sessions/revoke', teacher, { sessionId: adminSession })).statusCode).toBe(
        404,
      )
      expect((await send('POST', 'sessions/revoke', teacher, { sessionId: 'nope' })).statusCode).toBe(404)
      expect((await send('POST', 'sessions/revoke', teacher, {})).statusCode).toBe(400)
      expect(await pullStatus(admin)).toBe(200)
      expect((await sender(server)('GET', '/api/auth/sessions')).statusCode).toBe(401)
    })
  })

  describe('session lifetimes', () => {
    it('ends a session whose refresh token went unused longer than the idle timeout', async () => {
      await start({ sessionIdleMs: 7 * DAY, sessionMaxAgeMs: 30 * DAY })
      const [idle, active] = [await loginFrom(WINDOWS_CHROME), await loginFrom(ANDROID_WECHAT)]
      now += 6 * DAY
      const renewed = (await refresh(active)).json<LoginResult>()
      now += 2 * DAY
      expect((await refresh(idle)).statusCode).toBe(401)
      expect((await refresh(renewed)).statusCode).toBe(200)
      expect((await devicesOf(renewed)).map((d) => d.device.kind)).toEqual(['phone'])
    })

    it('ends a session after its absolute lifetime however often it was refreshed', async () => {
      await start({ sessionIdleMs: 7 * DAY, sessionMaxAgeMs: 20 * DAY })
      let session = await loginFrom(WINDOWS_CHROME)
      for (let day = 5; day <= 20; day += 5) {
        now += 5 * DAY
        const response = await refresh(session)
        expect(response.statusCode).toBe(200)
        session = response.json<LoginResult>()
      }
      now += 1
      expect((await refresh(session)).statusCode).toBe(401)
    })
  })
})
