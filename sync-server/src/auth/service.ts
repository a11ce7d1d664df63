import { randomUUID } from 'node:crypto'
import type {
  DeviceSession,
  Identity,
  LoginResult,
  SessionDevice,
  SessionTokens,
} from '../../../domain/auth/auth-wire.ts'
import { MIN_PASSWORD_LENGTH, type PasswordProblem } from '../../../domain/auth/password-rules.ts'
import { passwordProblem, type PasswordContext } from '../../../domain/auth/password-strength.ts'
import type { SessionUser } from '../../../domain/auth/roles.ts'
import { badRequest, forbidden, notFound, tooManyRequests, unauthorized } from '../errors.ts'
import {
  sessionExpired,
  type Account,
  type AccountWithSchool,
  type SessionLimits,
  type Store,
} from '../store/index.ts'
import { verifyAccountPassword } from './accounts.ts'
import { FailureLimiter, type FailureCounter, type FailureLimit } from './failure-limiter.ts'
import { LoginThrottle, type AccountThrottle, type LoginThrottleOptions } from './login-throttle.ts'
import { scryptHasher, type PasswordHasher } from './passwords.ts'
import { hashRefreshToken, newRandomToken, signAccessToken, verifyAccessToken } from './tokens.ts'

export interface AuthOptions {
  secret: string
  /** Lifetime of access tokens; DESIGN §6 allows at most 15 minutes. */
  accessTokenTtlSeconds: number
  loginFailureLimit: FailureLimit
  /** Where failures are counted; default this process's memory (`loginFailureLimit` by `clock`). */
  failureCounter?: FailureCounter
  /** Failed logins per account across addresses: a growing wait (issue 11 §4). */
  loginThrottle: LoginThrottleOptions
  /** Where that wait is counted; default this process's memory (`loginThrottle` by `clock`). */
  accountThrottle?: AccountThrottle
  /** Default scrypt. */
  hasher?: PasswordHasher
  /** A session whose refresh token goes unused this long ends (issue 11 §10). */
  sessionIdleMs: number
  /** A session ends this long after its login, however often it is used. */
  sessionMaxAgeMs: number
  /** The clock sessions are opened, used and expired by, and login limits count by (ms). */
  clock: () => number
  /** Told of every session this service ends, so their open streams end at once. */
  onSessionsEnded?: (sessionIds: readonly string[]) => void
}

export interface LoginRequest {
  account: string
  password: string
  identityId?: string
  /** Failures are counted per account and address, and per account. */
  ip: string
  device: SessionDevice
}

/** Who a request acts as, from its access token. */
export interface Authenticated {
  user: SessionUser
  sessionId: string
  /** When the access token expires (ms since the epoch). */
  expiresAt: number
  /** The account is on an initial or reset password: only changing it, logging out and `me` are allowed. */
  mustChangePassword: boolean
}

const WRONG_CREDENTIALS = 'Wrong account or password'
const SESSION_ENDED = 'The session has ended; log in again'
const TOO_MANY_FAILURES = 'Too many failed attempts; try again later'
const DISABLED = 'This account is disabled; ask the school administrator'
const PASSWORD_PROBLEMS: Record<PasswordProblem, string> = {
  password_blank: 'The new password cannot be only spaces',
  password_too_short: `The new password needs at least ${MIN_PASSWORD_LENGTH} characters`,
  password_is_personal: 'The new password must not be built on your phone, staff or student number or school',
  password_too_weak: 'The new password is too easy to guess',
}

function sessionUser(account: Account): SessionUser {
  return { id: account.id, schoolId: account.schoolId, name: account.name, roles: account.roles }
}

function identity(account: AccountWithSchool): Identity {
  return { ...sessionUser(account), schoolName: account.schoolName }
}

/** Login, token refresh and rotation, logout and password changes (DESIGN §6). */
/**
 * Without a choice, a person with several identities logs in as staff: the desktop is the school's back
 * office, and the phone pages show the chooser anyway.
 */
function defaultIdentity<T extends { roles: readonly string[] }>(identities: T[]): T | undefined {
  return identities.find((a) => a.roles.includes('admin') || a.roles.includes('teacher')) ?? identities[0]
}

export class AuthService {
  readonly #store: Store
  readonly #options: AuthOptions
  readonly #failures: FailureCounter
  readonly #throttle: AccountThrottle
  readonly #hasher: PasswordHasher
  #decoyHash: Promise<string> | undefined

  constructor(store: Store, options: AuthOptions) {
    this.#store = store
    this.#options = options
    this.#failures = options.failureCounter ?? new FailureLimiter(options.loginFailureLimit, options.clock)
    this.#throttle = options.accountThrottle ?? new LoginThrottle(options.loginThrottle, options.clock)
    this.#hasher = options.hasher ?? scryptHasher
  }

  async login(request: LoginRequest): Promise<LoginResult> {
    const failureKey = `login:${request.account}:${request.ip}`
    const waitMs = Math.max(
      await this.#failures.blockedForMs(failureKey),
      await this.#throttle.waitMs(request.account, request.ip),
    )
    if (waitMs > 0) throw tooManyRequests(TOO_MANY_FAILURES, waitMs)
    const candidates = await this.#store.findAccountsByLogin(request.account)
    // An unknown account costs a hash check too, so timing does not tell which accounts exist.
    if (candidates.length === 0) await this.#hasher.verify(request.password, await this.#decoy())
    // A disabled identity answers like a wrong password: initial passwords are guessable, and a distinct
    // answer would tell anyone who has left the school.
    const enabled = (await this.#matching(candidates, request.password)).filter((a) => !a.disabled)
    if (enabled.length === 0) {
      await this.#failures.recordFailure(failureKey)
      await this.#throttle.recordFailure(request.account)
      await this.#audit(null, 'login.failed', { account: request.account, ip: request.ip })
      throw unauthorized(WRONG_CREDENTIALS)
    }
    await this.#failures.reset(failureKey)
    await this.#throttle.recordSuccess(request.account, request.ip)
    const chosen = request.identityId
      ? enabled.find((a) => a.id === request.identityId)
      : defaultIdentity(enabled)
    if (!chosen) throw badRequest(`Identity ${request.identityId} is not one of this account's identities`)
    const tokens = await this.#startSession(chosen, request.device, request.ip)
    await this.#audit(chosen, 'login', { ip: request.ip })
    return { ...tokens, identities: enabled.map(identity) }
  }

  /** A new session of an identity whose owner proved who they are elsewhere (a QR login confirmed on a phone). */
  async startSessionFor(
    accountId: string,
    opened: { device: SessionDevice; address: string },
    detail: Record<string, unknown>,
  ): Promise<SessionTokens> {
    const account = await this.#store.getAccount(accountId)
    if (!account) throw unauthorized(SESSION_ENDED)
    if (account.disabled) throw forbidden(DISABLED)
    const tokens = await this.#startSession(account, opened.device, opened.address)
    await this.#audit(account, 'login', detail)
    return tokens
  }

  /**
   * A new token pair for a refresh token, which is used up; an already used one ends its session. `address` is
   * where the request came from: the session's device list shows it.
   */
  async refresh(refreshToken: string, address: string): Promise<SessionTokens> {
    const next = newRandomToken()
    const outcome = await this.#store.rotateRefreshToken(
      hashRefreshToken(refreshToken),
      hashRefreshToken(next),
      this.#limits(),
      address,
    )
    if (outcome.status === 'reused') {
      this.#ended([outcome.sessionId])
      await this.#audit(null, 'refresh.reused')
    }
    if (outcome.status === 'expired') await this.#audit(null, 'session.expired')
    if (outcome.status !== 'rotated') throw unauthorized(SESSION_ENDED)
    const account = await this.#store.getAccount(outcome.accountId)
    if (!account || account.disabled) {
      await this.#revoke(outcome.sessionId)
      throw unauthorized(SESSION_ENDED)
    }
    return {
      accessToken: this.#accessToken(account, outcome.sessionId),
      refreshToken: next,
      user: sessionUser(account),
      mustChangePassword: account.mustChangePassword,
    }
  }

  async logout(user: SessionUser, sessionId: string): Promise<void> {
    await this.#revoke(sessionId)
    await this.#audit(user, 'logout')
  }

  /** The caller's signed-in devices (open sessions within their limits), newest use first (AUTH-6). */
  async sessions(user: SessionUser, currentSessionId: string): Promise<DeviceSession[]> {
    const limits = this.#limits()
    const open = (await this.#store.listSessions(user.id)).filter((s) => !sessionExpired(s, limits))
    return open.map((session) => ({ ...session, current: session.id === currentSessionId }))
  }

  /** Signs one of the caller's own devices out; 404 for a session that is not theirs or no longer open. */
  async revokeDevice(user: SessionUser, sessionId: string): Promise<void> {
    const own = await this.#store.listSessions(user.id)
    if (!own.some((s) => s.id === sessionId)) throw notFound('No such signed-in device')
    await this.#revoke(sessionId)
    await this.#audit(user, 'session.revoked', { sessionId })
  }

  /** Signs every other device of the caller out; returns their session ids. */
  async revokeOtherDevices(user: SessionUser, currentSessionId: string): Promise<string[]> {
    const revoked = await this.#revokeOthers(user.id, currentSessionId)
    await this.#audit(user, 'session.revoked-others', { count: revoked.length })
    return revoked
  }

  /** Changes the password of the caller's identity and ends their other sessions. */
  async changePassword(
    user: SessionUser,
    sessionId: string,
    oldPassword: string,
    newPassword: string,
    ip: string,
  ): Promise<void> {
    const failureKey = `password:${user.id}:${ip}`
    const blockedMs = await this.#failures.blockedForMs(failureKey)
    if (blockedMs > 0) throw tooManyRequests(TOO_MANY_FAILURES, blockedMs)
    const account = await this.#store.getAccount(user.id)
    if (!account) throw unauthorized(SESSION_ENDED)
    if (!(await verifyAccountPassword(oldPassword, account, this.#hasher, await this.#decoy()))) {
      await this.#failures.recordFailure(failureKey)
      throw badRequest('The current password is wrong', 'wrong_password')
    }
    if (newPassword === oldPassword) {
      throw badRequest('The new password must differ from the current one', 'password_unchanged')
    }
    const problem = passwordProblem(newPassword, await this.#passwordContext(account))
    if (problem) throw badRequest(PASSWORD_PROBLEMS[problem], problem)
    await this.#store.updatePassword(user.id, await this.#hasher.hash(newPassword), false)
    await this.#revokeOthers(user.id, sessionId)
    await this.#audit(user, 'password.changed')
  }

  /** The caller of a valid access token whose session is still open; 401 otherwise. */
  async authenticate(accessToken: string): Promise<Authenticated> {
    const claims = verifyAccessToken(accessToken, this.#options.secret, Date.now() / 1000)
    if (!claims) throw unauthorized('Invalid or expired access token')
    const status = await this.#store.sessionStatus(claims.sid)
    if (!status) throw unauthorized(SESSION_ENDED)
    return {
      user: { id: claims.sub, schoolId: claims.school, name: claims.name, roles: claims.roles },
      sessionId: claims.sid,
      expiresAt: claims.exp * 1000,
      mustChangePassword: status.mustChangePassword,
    }
  }

  /** What a guesser who knows the person would try: their logins, name and school (issue 11 §10). */
  async #passwordContext(account: Account): Promise<PasswordContext> {
    const school = (await this.#store.listSchools()).find((s) => s.id === account.schoolId)
    return { ...account, schoolName: school?.name }
  }

  async #revoke(sessionId: string): Promise<void> {
    await this.#store.revokeSession(sessionId)
    this.#ended([sessionId])
  }

  async #revokeOthers(accountId: string, keptSessionId: string): Promise<string[]> {
    const revoked = await this.#store.revokeOtherSessions(accountId, keptSessionId)
    this.#ended(revoked)
    return revoked
  }

  #ended(sessionIds: readonly string[]): void {
    this.#options.onSessionsEnded?.(sessionIds)
  }

  #limits(): SessionLimits {
    const { clock, sessionIdleMs, sessionMaxAgeMs } = this.#options
    return { now: clock(), idleMs: sessionIdleMs, maxAgeMs: sessionMaxAgeMs }
  }

  async #startSession(account: Account, device: SessionDevice, address: string): Promise<SessionTokens> {
    const sessionId = randomUUID()
    const refreshToken = newRandomToken()
    const at = this.#options.clock()
    await this.#store.createSession(sessionId, account.id, hashRefreshToken(refreshToken), {
      device,
      at,
      address,
    })
    await this.#store.recordLogin(account.id, at)
    return {
      accessToken: this.#accessToken(account, sessionId),
      refreshToken,
      user: sessionUser(account),
      mustChangePassword: account.mustChangePassword,
    }
  }

  #accessToken(account: Account, sessionId: string): string {
    const iat = Math.floor(Date.now() / 1000)
    return signAccessToken(
      {
        sub: account.id,
        sid: sessionId,
        school: account.schoolId,
        name: account.name,
        roles: account.roles,
        iat,
        exp: iat + this.#options.accessTokenTtlSeconds,
      },
      this.#options.secret,
    )
  }

  async #matching(accounts: AccountWithSchool[], password: string): Promise<AccountWithSchool[]> {
    const decoy = await this.#decoy()
    const verdicts = await Promise.all(
      accounts.map((a) => verifyAccountPassword(password, a, this.#hasher, decoy)),
    )
    return accounts.filter((_, i) => verdicts[i])
  }

  /** The hash of a random secret that failed checks run against, so they cost what a real check costs. */
  #decoy(): Promise<string> {
    this.#decoyHash ??= this.#hasher.hash(newRandomToken())
    return this.#decoyHash
  }

  #audit(account: SessionUser | null, action: string, detail?: Record<string, unknown>): Promise<void> {
    return this.#store.audit({
      schoolId: account?.schoolId ?? null,
      accountId: account?.id ?? null,
      action,
      detail,
    })
  }
}
