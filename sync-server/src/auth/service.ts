import { randomUUID } from 'node:crypto'
import type { Identity, LoginResult, SessionTokens } from '../../../domain/auth/auth-wire.ts'
import type { SessionUser } from '../../../domain/auth/roles.ts'
import { badRequest, forbidden, tooManyRequests, unauthorized } from '../errors.ts'
import type { Account, AccountWithSchool, Store } from '../store/index.ts'
import { verifyAccountPassword } from './accounts.ts'
import { FailureLimiter, type FailureLimit } from './failure-limiter.ts'
import { LoginThrottle, type LoginThrottleOptions } from './login-throttle.ts'
import { scryptHasher, type PasswordHasher } from './passwords.ts'
import { hashRefreshToken, newRandomToken, signAccessToken, verifyAccessToken } from './tokens.ts'

export interface AuthOptions {
  secret: string
  /** Lifetime of access tokens; DESIGN §6 allows at most 15 minutes. */
  accessTokenTtlSeconds: number
  loginFailureLimit: FailureLimit
  /** Failed logins per account across addresses: a growing wait (issue 11 §4). */
  loginThrottle: LoginThrottleOptions
  /** The clock of both limits. Default `Date.now`. */
  now?: () => number
  /** Default scrypt. */
  hasher?: PasswordHasher
}

export interface LoginRequest {
  account: string
  password: string
  identityId?: string
  /** Failures are counted per account and address, and per account. */
  ip: string
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
export const MIN_PASSWORD_LENGTH = 8

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
  readonly #failures: FailureLimiter
  readonly #throttle: LoginThrottle
  readonly #hasher: PasswordHasher
  #decoyHash: Promise<string> | undefined

  constructor(store: Store, options: AuthOptions) {
    this.#store = store
    this.#options = options
    this.#failures = new FailureLimiter(options.loginFailureLimit, options.now)
    this.#throttle = new LoginThrottle(options.loginThrottle, options.now)
    this.#hasher = options.hasher ?? scryptHasher
  }

  async login(request: LoginRequest): Promise<LoginResult> {
    const failureKey = `login:${request.account}:${request.ip}`
    const waitMs = Math.max(
      this.#failures.blockedForMs(failureKey),
      this.#throttle.waitMs(request.account, request.ip),
    )
    if (waitMs > 0) throw tooManyRequests(TOO_MANY_FAILURES, waitMs)
    const candidates = await this.#store.findAccountsByLogin(request.account)
    // An unknown account costs a hash check too, so timing does not tell which accounts exist.
    if (candidates.length === 0) await this.#hasher.verify(request.password, await this.#decoy())
    // A disabled identity answers like a wrong password: initial passwords are guessable, and a distinct
    // answer would tell anyone who has left the school.
    const enabled = (await this.#matching(candidates, request.password)).filter((a) => !a.disabled)
    if (enabled.length === 0) {
      this.#failures.recordFailure(failureKey)
      this.#throttle.recordFailure(request.account)
      await this.#audit(null, 'login.failed', { account: request.account, ip: request.ip })
      throw unauthorized(WRONG_CREDENTIALS)
    }
    this.#failures.reset(failureKey)
    this.#throttle.recordSuccess(request.account, request.ip)
    const chosen = request.identityId
      ? enabled.find((a) => a.id === request.identityId)
      : defaultIdentity(enabled)
    if (!chosen) throw badRequest(`Identity ${request.identityId} is not one of this account's identities`)
    const tokens = await this.#startSession(chosen)
    await this.#audit(chosen, 'login', { ip: request.ip })
    return { ...tokens, identities: enabled.map(identity) }
  }

  /** A new session of an identity whose owner proved who they are elsewhere (a QR login confirmed on a phone). */
  async startSessionFor(accountId: string, detail: Record<string, unknown>): Promise<SessionTokens> {
    const account = await this.#store.getAccount(accountId)
    if (!account) throw unauthorized(SESSION_ENDED)
    if (account.disabled) throw forbidden(DISABLED)
    const tokens = await this.#startSession(account)
    await this.#audit(account, 'login', detail)
    return tokens
  }

  /** A new token pair for a refresh token, which is used up; an already used one ends its session. */
  async refresh(refreshToken: string): Promise<SessionTokens> {
    const next = newRandomToken()
    const outcome = await this.#store.rotateRefreshToken(
      hashRefreshToken(refreshToken),
      hashRefreshToken(next),
    )
    if (outcome.status === 'reused') await this.#audit(null, 'refresh.reused')
    if (outcome.status !== 'rotated') throw unauthorized(SESSION_ENDED)
    const account = await this.#store.getAccount(outcome.accountId)
    if (!account || account.disabled) {
      await this.#store.revokeSession(outcome.sessionId)
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
    await this.#store.revokeSession(sessionId)
    await this.#audit(user, 'logout')
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
    const blockedMs = this.#failures.blockedForMs(failureKey)
    if (blockedMs > 0) throw tooManyRequests(TOO_MANY_FAILURES, blockedMs)
    const account = await this.#store.getAccount(user.id)
    if (!account) throw unauthorized(SESSION_ENDED)
    if (!(await verifyAccountPassword(oldPassword, account, this.#hasher, await this.#decoy()))) {
      this.#failures.recordFailure(failureKey)
      throw badRequest('The current password is wrong', 'wrong_password')
    }
    if (newPassword.length < MIN_PASSWORD_LENGTH) {
      throw badRequest(
        `The new password needs at least ${MIN_PASSWORD_LENGTH} characters`,
        'password_too_short',
      )
    }
    if (newPassword === oldPassword) {
      throw badRequest('The new password must differ from the current one', 'password_unchanged')
    }
    await this.#store.updatePassword(user.id, await this.#hasher.hash(newPassword), false)
    await this.#store.revokeOtherSessions(user.id, sessionId)
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

  async #startSession(account: Account): Promise<SessionTokens> {
    const sessionId = randomUUID()
    const refreshToken = newRandomToken()
    await this.#store.createSession(sessionId, account.id, hashRefreshToken(refreshToken))
    await this.#store.recordLogin(account.id, Date.now())
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
