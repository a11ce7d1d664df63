import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAccount } from '../../../auth/accounts.ts'
import { scryptHasher, type PasswordHasher } from '../../../auth/passwords.ts'
import type { LoginResult, SessionTokens } from '../../../../../domain/auth/auth-wire.ts'
import { signAccessToken, type AccessClaims } from '../../../auth/tokens.ts'
import { DEMO_PASSWORD } from '../../../seed/demo.ts'
import {
  ADMIN,
  bearer,
  login,
  startTestApp,
  TEACHER,
  TEST_SECRET,
  type TestApp,
} from '../../../test-support/app.ts'
import { describeEachStore } from '../../../test-support/stores.ts'

/** 刘家长 of the demo: still on the initial password `000002`. */
const INITIAL_PASSWORD_GUARDIAN = '13900000002'
/** 孙老师 of the demo, disabled by the test that needs it. */
const DISABLED_TEACHER = '13800000005'

describeEachStore('auth API ($name)', (factory) => {
  let server: TestApp
  beforeEach(async () => {
    server = await startTestApp(factory)
  })
  afterEach(() => server.close())

  const post = (url: string, payload: unknown, accessToken?: string) =>
    server.app.inject({
      method: 'POST',
      url: `/api/auth/${url}`,
      payload: payload as object,
      headers: accessToken ? bearer(accessToken) : {},
    })
  const pullStatus = async (accessToken: string) =>
    (await server.app.inject({ method: 'GET', url: '/api/sync/catalog/pull', headers: bearer(accessToken) }))
      .statusCode
  const refresh = (refreshToken: string) => post('refresh', { refreshToken })

  describe('login', () => {
    it('returns tokens, the user and their identities', async () => {
      const session = await login(server, TEACHER)
      expect(session).toMatchObject({
        user: { id: 'demo-staff-li', schoolId: 'demo', name: '李老师', roles: ['teacher'] },
        mustChangePassword: false,
        identities: [{ id: 'demo-staff-li', schoolId: 'demo', schoolName: '示范学校', roles: ['teacher'] }],
      })
      expect(await pullStatus(session.accessToken)).toBe(200)
    })

    it('answers an unknown account and a wrong password the same way', async () => {
      const unknown = await post('login', { account: '13000000000', password: DEMO_PASSWORD })
      const wrong = await post('login', { account: TEACHER, password: 'wrong-password' })
      expect(unknown.statusCode).toBe(401)
      expect(wrong.statusCode).toBe(401)
      expect(unknown.json()).toEqual(wrong.json())
      expect((await post('login', { account: TEACHER })).statusCode).toBe(400)
    })

    it('refuses text PostgreSQL cannot store (U+0000, a lone surrogate) in any field with 400', async () => {
      for (const account of [`${TEACHER}\u0000`, '\ud800', 'a\udc00']) {
        const response = await post('login', { account, password: DEMO_PASSWORD })
        expect(response.statusCode, JSON.stringify(account)).toBe(400)
      }
      expect((await post('login', { account: TEACHER, password: 'pass\u0000word' })).statusCode).toBe(400)
      expect((await post('login', { account: TEACHER, password: `${DEMO_PASSWORD}` })).statusCode).toBe(200)
      const emoji = await server.app.inject({
        method: 'POST',
        url: '/api/auth/qr',
        payload: { deviceName: '教务处 📐' },
      })
      expect(emoji.statusCode).toBe(200)
    })

    it('blocks an account and address after repeated failures, even with the right password', async () => {
      for (let i = 0; i < 5; i++) {
        expect((await post('login', { account: TEACHER, password: `wrong-${i}` })).statusCode).toBe(401)
      }
      const blocked = await post('login', { account: TEACHER, password: DEMO_PASSWORD })
      expect(blocked.statusCode).toBe(429)
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(14 * 60)
      expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60)
      expect(blocked.json()).toEqual({ error: 'Too Many Requests', message: expect.any(String) })
      expect((await post('login', { account: ADMIN, password: DEMO_PASSWORD })).statusCode).toBe(200)
    })

    it('costs every failed login one password hash check: unknown, initial, own or disabled account', async () => {
      const checks: string[] = []
      const countingHasher: PasswordHasher = {
        hash: scryptHasher.hash,
        verify: (password, stored) => {
          checks.push(password)
          return scryptHasher.verify(password, stored)
        },
      }
      const counted = await startTestApp(factory, { passwordHasher: countingHasher })
      const checksOf = async (account: string, password: string) => {
        checks.length = 0
        const response = await counted.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { account, password },
        })
        return [response.statusCode, checks.length]
      }
      try {
        await counted.store.setAccountDisabled('demo-staff-sun', true)
        expect(await checksOf('13000000000', 'guess-1')).toEqual([401, 1])
        expect(await checksOf(INITIAL_PASSWORD_GUARDIAN, 'guess-2')).toEqual([401, 1])
        expect(await checksOf(TEACHER, 'guess-3')).toEqual([401, 1])
        expect(await checksOf(DISABLED_TEACHER, DEMO_PASSWORD)).toEqual([401, 1])
        expect(await checksOf(INITIAL_PASSWORD_GUARDIAN, '000002')).toEqual([200, 1])
      } finally {
        await counted.close()
      }
    })

    it('slows guessing one account from many addresses more with each failure, never shutting its owner out', async () => {
      let now = 1_000_000
      const throttled = await startTestApp(factory, { clock: () => now, qrPollMaxWaitMs: 300 })
      const attempt = (password: string, remoteAddress: string) =>
        throttled.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { account: TEACHER, password },
          remoteAddress,
        })
      const waitOf = async (remoteAddress: string) => {
        const response = await attempt(DEMO_PASSWORD, remoteAddress)
        expect(response.statusCode).toBe(429)
        return Number(response.headers['retry-after'])
      }
      try {
        const phone = (await attempt(DEMO_PASSWORD, '10.1.0.1')).json<LoginResult>()
        for (let i = 0; i < 10; i++) {
          expect((await attempt(`guess-${i}`, `10.2.0.${i}`)).statusCode).toBe(401)
        }
        expect((await attempt('guess-10', '10.2.0.10')).statusCode).toBe(401)
        const waits = [await waitOf('10.2.0.11')]
        for (let i = 0; i < 4; i++) {
          now += (waits[i] ?? 0) * 1000
          expect((await attempt(`guess-${11 + i}`, `10.2.1.${i}`)).statusCode).toBe(401)
          waits.push(await waitOf('10.2.2.1'))
        }
        expect(waits).toEqual([1, 2, 4, 8, 16])
        now += 15_000
        expect(await waitOf('10.2.2.1')).toBe(1)

        expect((await attempt(DEMO_PASSWORD, '10.1.0.1')).statusCode).toBe(200)
        const ticket = (
          await throttled.app.inject({ method: 'POST', url: '/api/auth/qr', payload: { deviceName: 'PC' } })
        ).json<{ ticketId: string; pollToken: string }>()
        for (const action of ['scan', 'confirm']) {
          const url = `/api/auth/qr/${ticket.ticketId}/${action}`
          const answer = await throttled.app.inject({
            method: 'POST',
            url,
            headers: bearer(phone.accessToken),
          })
          expect(answer.statusCode).toBe(200)
        }
        const poll = await throttled.app.inject({
          method: 'GET',
          url: `/api/auth/qr/${ticket.ticketId}?after=scanned`,
          headers: { 'x-poll-token': ticket.pollToken },
        })
        expect(poll.json()).toMatchObject({ state: 'confirmed', tokens: { user: { id: 'demo-staff-li' } } })
      } finally {
        await throttled.close()
      }
    })

    it('lets one person choose between identities with the same phone', async () => {
      await createAccount(server.store, {
        id: 'demo2-guardian-li',
        schoolId: 'demo2',
        name: '李老师 (家长)',
        roles: ['guardian'],
        phone: TEACHER,
        password: DEMO_PASSWORD,
      })
      const first = await login(server, TEACHER)
      expect(first.user.id).toBe('demo-staff-li')
      expect(first.identities.map((i) => [i.id, i.schoolName])).toEqual([
        ['demo-staff-li', '示范学校'],
        ['demo2-guardian-li', '第二示范学校'],
      ])
      const chosen = await post('login', {
        account: TEACHER,
        password: DEMO_PASSWORD,
        identityId: 'demo2-guardian-li',
      })
      expect(chosen.json<LoginResult>().user).toMatchObject({ schoolId: 'demo2', roles: ['guardian'] })
      const foreign = await post('login', {
        account: TEACHER,
        password: DEMO_PASSWORD,
        identityId: 'demo-staff-wang',
      })
      expect(foreign.statusCode).toBe(400)
    })

    it('refuses a disabled account like a wrong password and ends its sessions', async () => {
      const session = await login(server, TEACHER)
      await server.store.setAccountDisabled('demo-staff-li', true)
      const response = await post('login', { account: TEACHER, password: DEMO_PASSWORD })
      const wrong = await post('login', { account: TEACHER, password: 'wrong-password' })
      expect(response.statusCode).toBe(401)
      expect(response.json()).toEqual(wrong.json())
      expect(await pullStatus(session.accessToken)).toBe(401)
    })

    it('starts a new account on the last 6 digits of its phone, to be changed', async () => {
      await createAccount(server.store, {
        id: 'demo-staff-new',
        schoolId: 'demo',
        name: '新老师',
        roles: ['teacher'],
        phone: '13712345678',
      })
      const session = await login(server, '13712345678', '345678')
      expect(session.mustChangePassword).toBe(true)
      await post('password', { oldPassword: '345678', newPassword: 'a-better-one' }, session.accessToken)
      expect((await login(server, '13712345678', 'a-better-one')).mustChangePassword).toBe(false)
    })
  })

  describe('a session that must change its password', () => {
    async function initialPasswordSession(roles: ('admin' | 'teacher')[]) {
      await createAccount(server.store, {
        id: 'demo-staff-new',
        schoolId: 'demo',
        name: '新老师',
        roles,
        phone: '13712345678',
      })
      return login(server, '13712345678', '345678')
    }

    it('may only read who it is, change the password and log out: everything else is 403 with a code', async () => {
      const session = await initialPasswordSession(['admin', 'teacher'])
      const headers = bearer(session.accessToken)
      const refused: [string, string, object?][] = [
        ['GET', '/api/sync/catalog/pull'],
        ['POST', '/api/sync/catalog/push', []],
        ['GET', '/api/sync/stream'],
        ['GET', '/api/admin/accounts'],
        ['POST', '/api/auth/qr/some-ticket/scan'],
      ]
      for (const [method, url, payload] of refused) {
        const response = await server.app.inject({ method: method as 'GET', url, headers, payload })
        expect(response.statusCode, url).toBe(403)
        expect(response.json(), url).toEqual({
          error: 'password_change_required',
          message: expect.any(String),
        })
      }
      const me = await server.app.inject({ method: 'GET', url: '/api/auth/me', headers })
      expect(me.json()).toEqual({ user: session.user, mustChangePassword: true })

      const change = await post(
        'password',
        { oldPassword: '345678', newPassword: 'a-better-one' },
        session.accessToken,
      )
      expect(change.statusCode).toBe(200)
      // The same access token works at once: the session's state is read on every request.
      expect(await pullStatus(session.accessToken)).toBe(200)
      expect((await server.app.inject({ method: 'GET', url: '/api/auth/me', headers })).json()).toMatchObject(
        {
          mustChangePassword: false,
        },
      )
      expect((await post('logout', {}, session.accessToken)).statusCode).toBe(200)
    })

    it('can log out before changing it', async () => {
      const session = await initialPasswordSession(['teacher'])
      expect((await post('logout', {}, session.accessToken)).statusCode).toBe(200)
      expect(await pullStatus(session.accessToken)).toBe(401)
    })
  })

  describe('tokens', () => {
    it('rotates refresh tokens', async () => {
      const session = await login(server, TEACHER)
      const first = await refresh(session.refreshToken)
      expect(first.statusCode).toBe(200)
      const rotated = first.json<SessionTokens>()
      expect(rotated.refreshToken).not.toBe(session.refreshToken)
      expect(rotated.user.id).toBe('demo-staff-li')
      expect(await pullStatus(rotated.accessToken)).toBe(200)
      expect((await refresh(rotated.refreshToken)).statusCode).toBe(200)
      expect((await refresh('no-such-token')).statusCode).toBe(401)
    })

    it('revokes the whole session when a rotated refresh token is used again', async () => {
      const session = await login(server, TEACHER)
      const rotated = (await refresh(session.refreshToken)).json<SessionTokens>()
      expect((await refresh(session.refreshToken)).statusCode).toBe(401)
      expect((await refresh(rotated.refreshToken)).statusCode).toBe(401)
      expect(await pullStatus(rotated.accessToken)).toBe(401)
    })

    it('ends the session at logout', async () => {
      const session = await login(server, TEACHER)
      const other = await login(server, TEACHER)
      expect((await post('logout', {}, session.accessToken)).json()).toEqual({ ok: true })
      expect(await pullStatus(session.accessToken)).toBe(401)
      expect((await refresh(session.refreshToken)).statusCode).toBe(401)
      expect(await pullStatus(other.accessToken)).toBe(200)
      expect((await post('logout', {})).statusCode).toBe(401)
    })

    it('refuses expired, tampered and foreign tokens', async () => {
      const session = await login(server, TEACHER)
      const [header, payload] = session.accessToken.split('.') as [string, string]
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as AccessClaims
      const now = Math.floor(Date.now() / 1000)

      const expired = signAccessToken({ ...claims, iat: now - 1000, exp: now - 1 }, TEST_SECRET)
      const asAdmin = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url')
      const tampered = `${header}.${asAdmin}.${session.accessToken.split('.')[2]}`
      const foreign = signAccessToken(claims, 'some-other-secret')

      for (const token of [expired, tampered, foreign, 'garbage']) expect(await pullStatus(token)).toBe(401)
      expect(await pullStatus(session.accessToken)).toBe(200)
    })
  })

  describe('password change', () => {
    it('needs the current password and a new, different one of 8 characters or more', async () => {
      const { accessToken } = await login(server, TEACHER)
      const change = (oldPassword: string, newPassword: string) =>
        post('password', { oldPassword, newPassword }, accessToken)
      expect((await change('not-my-password', 'new-password-1')).statusCode).toBe(400)
      expect((await change(DEMO_PASSWORD, 'short')).statusCode).toBe(400)
      expect((await change(DEMO_PASSWORD, DEMO_PASSWORD)).statusCode).toBe(400)
      expect(
        (await post('password', { oldPassword: DEMO_PASSWORD, newPassword: 'x'.repeat(9) })).statusCode,
      ).toBe(401)
    })

    it('refuses blank, personal and guessable passwords with a code the desktop and /m/ translate', async () => {
      const { accessToken } = await login(server, TEACHER)
      const refusal = async (newPassword: string) => {
        const response = await post('password', { oldPassword: DEMO_PASSWORD, newPassword }, accessToken)
        return [response.statusCode, response.json<{ error: string }>().error]
      }
      expect(await refusal(' '.repeat(8))).toEqual([400, 'password_blank'])
      expect(await refusal(TEACHER)).toEqual([400, 'password_is_personal'])
      expect(await refusal('示范学校示范学校')).toEqual([400, 'password_is_personal'])
      expect(await refusal('12345678')).toEqual([400, 'password_too_weak'])
      expect(await refusal('short')).toEqual([400, 'password_too_short'])
      expect((await login(server, TEACHER)).user.id).toBe('demo-staff-li')
    })

    it('replaces the password and ends the other sessions', async () => {
      const current = await login(server, TEACHER)
      const elsewhere = await login(server, TEACHER)
      const response = await post(
        'password',
        { oldPassword: DEMO_PASSWORD, newPassword: 'new-password-1' },
        current.accessToken,
      )
      expect(response.json()).toEqual({ ok: true })

      expect((await post('login', { account: TEACHER, password: DEMO_PASSWORD })).statusCode).toBe(401)
      expect((await login(server, TEACHER, 'new-password-1')).user.id).toBe('demo-staff-li')
      expect(await pullStatus(current.accessToken)).toBe(200)
      expect(await pullStatus(elsewhere.accessToken)).toBe(401)
    })
  })

  it('rate-limits the auth routes per address', async () => {
    const limited = await startTestApp(factory, {
      demo: false,
      authRateLimit: { max: 3, timeWindowMs: 60_000 },
    })
    try {
      const statuses = []
      for (let i = 0; i < 4; i++) {
        const response = await limited.app.inject({
          method: 'POST',
          url: '/api/auth/refresh',
          payload: { refreshToken: 'whatever' },
        })
        statuses.push(response.statusCode)
      }
      expect(statuses).toEqual([401, 401, 401, 429])
    } finally {
      await limited.close()
    }
  })
})
