import Fastify, { type FastifyInstance, type FastifyPluginAsync, type FastifyServerOptions } from 'fastify'
import fp from 'fastify-plugin'
import type { FailureLimit } from './auth/failure-limiter.ts'
import type { LoginThrottleOptions } from './auth/login-throttle.ts'
import { RedisFailureLimiter } from './auth/redis-failure-limiter.ts'
import { RedisLoginThrottle } from './auth/redis-login-throttle.ts'
import type { SharedRedis } from './shared-redis.ts'
import { defaultUploadAllowances, type UploadAllowances } from './blobs/allowance.ts'
import type { PasswordHasher } from './auth/passwords.ts'
import accounts from './plugins/accounts.ts'
import auth from './plugins/auth.ts'
import cors from './plugins/cors.ts'
import errors from './plugins/errors.ts'
import qrLogin from './plugins/qr-login.ts'
import rateLimit, { type RateLimit } from './plugins/rate-limit.ts'
import realtime from './plugins/realtime.ts'
import renderer from './plugins/renderer.ts'
import storePlugin from './plugins/store.ts'
import type { ChangeBus } from './realtime/change-bus.ts'
import adminRoutes from './routes/api/admin/index.ts'
import authRoutes from './routes/api/auth/index.ts'
import blobRoutes from './routes/api/blobs/index.ts'
import qrRoutes from './routes/api/auth/qr.ts'
import health from './routes/api/health.ts'
import courseRoutes from './routes/api/courses/index.ts'
import schoolRoutes from './routes/api/schools.ts'
import syncRoutes from './routes/api/sync/index.ts'
import mobileRoutes from './routes/api/m/index.ts'
import mobilePages from './routes/m/index.ts'
import notices from './plugins/notices.ts'
import site from './plugins/site.ts'
import siteApi from './routes/api/site/index.ts'
import sitePages from './routes/site/index.ts'
import { intervalScheduler, type Scheduler } from './notices/scheduler.ts'
import type { Store } from './store/index.ts'

export interface AppOptions {
  /** Opened and closed by the caller: closing the app leaves it open. */
  store: Store
  /** HS256 key of access tokens; without one, a key is generated once and kept in the store. */
  authSecret?: string
  /** At most 15 minutes (DESIGN §6). Default 900. */
  accessTokenTtlSeconds?: number
  /** A session whose refresh token goes unused this long ends. Default 14 days. */
  sessionIdleMs?: number
  /** A session ends this long after its login, however often it is used. Default 90 days. */
  sessionMaxAgeMs?: number
  /** Failed logins (and password checks) per account and address before 429. Default 5 per 15 minutes. */
  loginFailureLimit?: FailureLimit
  /**
   * Failed logins per account across addresses: free ones, then a wait doubling from 1 s to 5 min, forgotten after
   * a quiet day; addresses the owner logged in from in the last 30 days never wait.
   */
  loginThrottle?: LoginThrottleOptions
  /** How passwords are hashed and checked. Default scrypt (tests count the checks with a stand-in). */
  passwordHasher?: PasswordHasher
  /** Requests per address to the login, refresh and password routes. Default 300 per minute. */
  authRateLimit?: RateLimit
  /** Where phones reach this server (QR codes). Default: the origin the desktop's request came to. */
  publicUrl?: string
  /** Lifetime of a QR login ticket. Default 120 s. */
  qrTicketTtlMs?: number
  /** The longest a QR login poll waits for a change. Default 25 s. */
  qrPollMaxWaitMs?: number
  /** The clock QR tickets expire by (tests move it forward). Default `Date.now`. */
  qrClock?: () => number
  /** QR login tickets created per address. Default 60 per minute. */
  qrCreateRateLimit?: RateLimit
  /** QR login polls per address. Default 600 per minute (one desktop polls about 3 times a minute). */
  qrPollRateLimit?: RateLimit
  /** Interval of the sync stream's heartbeat comments. Default 15 s. */
  heartbeatMs?: number
  /** How long a school's commits are gathered into one stream event per collection; 0: each at once. Default 10 ms. */
  streamCoalesceMs?: number
  /**
   * Several server instances (issue 16): short-lived state they must share (login failures, QR tickets) lives in this Redis.
   * Default this process's memory. Opened and closed by the caller.
   */
  redis?: SharedRedis
  /** Carries commits to the sync streams; default in-process (one server instance). */
  changeBus?: ChangeBus
  /**
   * On close, connections still open after this long are cut (in-flight pushes are retried by RxDB, and a
   * client's idle socket would otherwise hold the shutdown for a minute). Default 5 s.
   */
  shutdownGraceMs?: number
  /** Where blob bytes are kept; without one, `/api/blobs` is not served. */
  blobDir?: string
  /** The largest blob accepted. Default 50 MiB. */
  blobMaxBytes?: number
  /** What staff, guardians and students may upload. Default `defaultUploadAllowances(blobMaxBytes)`. */
  blobAllowances?: UploadAllowances
  /** Folder of the built renderer to serve under /app/ (web mode); nothing is served when it has no index.html. */
  rendererDir?: string
  /** The server's clock (ms): delivery times and the recall window of notices, login limits, session lifetimes. Default `Date.now`. */
  clock?: () => number
  /** Runs the check for scheduled notices; default a timer. */
  noticeScheduler?: Scheduler
  /** How often scheduled notices are checked. Default 5 s. */
  noticeCheckEveryMs?: number
  /** Comments one address may post on the public micro-site. Default 10 per 10 minutes. */
  siteCommentLimit?: FailureLimit
  /** How often the micro-site's counted page views are saved. Default 5 s. */
  siteViewFlushMs?: number
}

const DEFAULTS = {
  accessTokenTtlSeconds: 15 * 60,
  sessionIdleMs: 14 * 86_400_000,
  sessionMaxAgeMs: 90 * 86_400_000,
  loginFailureLimit: { maxFailures: 5, windowMs: 15 * 60_000 },
  loginThrottle: {
    freeFailures: 10,
    baseDelayMs: 1_000,
    maxDelayMs: 5 * 60_000,
    forgetAfterMs: 24 * 60 * 60_000,
    knownAddressMs: 30 * 24 * 60 * 60_000,
  },
  // Generous: a whole school often shares one public address.
  authRateLimit: { max: 300, timeWindowMs: 60_000 },
  qrTicketTtlMs: 120_000,
  qrPollMaxWaitMs: 25_000,
  qrCreateRateLimit: { max: 60, timeWindowMs: 60_000 },
  qrPollRateLimit: { max: 600, timeWindowMs: 60_000 },
  heartbeatMs: 15_000,
  streamCoalesceMs: 10,
  shutdownGraceMs: 5_000,
  maxStreamBufferBytes: 8 * 1024 * 1024,
  blobMaxBytes: 50 * 1024 * 1024,
  noticeCheckEveryMs: 5_000,
  siteCommentLimit: { maxFailures: 10, windowMs: 10 * 60_000 },
  siteViewFlushMs: 5_000,
} as const

/** The whole server as one plugin: plugins first (external, then the app's own), then routes by URL prefix. */
const campusDeskPlugin: FastifyPluginAsync<AppOptions> = async (app, options) => {
  const graceMs = options.shutdownGraceMs ?? DEFAULTS.shutdownGraceMs
  app.addHook('preClose', async () => {
    setTimeout(() => app.server.closeAllConnections(), graceMs).unref()
  })
  await app.register(errors)
  await app.register(cors)
  await app.register(rateLimit, { redis: options.redis })
  await app.register(storePlugin, { store: options.store })
  await app.register(realtime, {
    heartbeatMs: options.heartbeatMs ?? DEFAULTS.heartbeatMs,
    maxBufferedBytes: DEFAULTS.maxStreamBufferBytes,
    coalesceMs: options.streamCoalesceMs ?? DEFAULTS.streamCoalesceMs,
    changeBus: options.changeBus,
  })
  await app.register(accounts)
  const clock = options.clock ?? Date.now
  const loginFailureLimit = options.loginFailureLimit ?? DEFAULTS.loginFailureLimit
  const loginThrottle = options.loginThrottle ?? DEFAULTS.loginThrottle
  await app.register(auth, {
    secret: options.authSecret,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? DEFAULTS.accessTokenTtlSeconds,
    loginFailureLimit,
    failureCounter:
      options.redis && new RedisFailureLimiter(options.redis, 'login-failures', loginFailureLimit),
    hasher: options.passwordHasher,
    loginThrottle,
    accountThrottle: options.redis && new RedisLoginThrottle(options.redis, loginThrottle, clock),
    sessionIdleMs: options.sessionIdleMs ?? DEFAULTS.sessionIdleMs,
    sessionMaxAgeMs: options.sessionMaxAgeMs ?? DEFAULTS.sessionMaxAgeMs,
    clock,
  })
  await app.register(notices, {
    clock,
    scheduler: options.noticeScheduler ?? intervalScheduler,
    checkEveryMs: options.noticeCheckEveryMs ?? DEFAULTS.noticeCheckEveryMs,
    heartbeatMs: options.heartbeatMs ?? DEFAULTS.heartbeatMs,
    redis: options.redis,
  })
  await app.register(site, { clock, viewFlushMs: options.siteViewFlushMs ?? DEFAULTS.siteViewFlushMs })
  await app.register(qrLogin, {
    ticketTtlMs: options.qrTicketTtlMs ?? DEFAULTS.qrTicketTtlMs,
    pollMaxWaitMs: options.qrPollMaxWaitMs ?? DEFAULTS.qrPollMaxWaitMs,
    now: options.qrClock,
    redis: options.redis,
  })

  await app.register(health, { prefix: '/api' })
  await app.register(schoolRoutes, { prefix: '/api' })
  await app.register(authRoutes, {
    prefix: '/api/auth',
    rateLimit: options.authRateLimit ?? DEFAULTS.authRateLimit,
  })
  await app.register(qrRoutes, {
    prefix: '/api/auth/qr',
    createRateLimit: options.qrCreateRateLimit ?? DEFAULTS.qrCreateRateLimit,
    pollRateLimit: options.qrPollRateLimit ?? DEFAULTS.qrPollRateLimit,
    publicUrl: options.publicUrl,
  })
  await app.register(syncRoutes, { prefix: '/api/sync' })
  await app.register(adminRoutes, { prefix: '/api/admin' })
  if (options.blobDir)
    await app.register(blobRoutes, {
      prefix: '/api/blobs',
      dir: options.blobDir,
      allowances:
        options.blobAllowances ?? defaultUploadAllowances(options.blobMaxBytes ?? DEFAULTS.blobMaxBytes),
      clock,
    })
  await app.register(courseRoutes, { prefix: '/api/courses', blobDir: options.blobDir })
  await app.register(mobileRoutes, { prefix: '/api/m', clock, blobDir: options.blobDir })
  await app.register(mobilePages, { prefix: '/m' })
  await app.register(siteApi, { prefix: '/api/site', publicUrl: options.publicUrl })
  await app.register(sitePages, {
    prefix: '/site',
    publicUrl: options.publicUrl,
    blobDir: options.blobDir,
    commentLimit: options.siteCommentLimit ?? DEFAULTS.siteCommentLimit,
    redis: options.redis,
  })
  if (options.rendererDir) await app.register(renderer, { dir: options.rendererDir })
}

export const campusDesk = fp(campusDeskPlugin, { name: 'campus-desk' })

/** A ready-to-listen (or `inject`) Fastify instance of the sync server. */
export async function buildApp(
  options: AppOptions,
  fastifyOptions: FastifyServerOptions = {},
): Promise<FastifyInstance> {
  const app = Fastify({ logger: false, ...fastifyOptions })
  await app.register(campusDesk, options)
  await app.ready()
  return app
}
