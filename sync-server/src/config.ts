import { join, resolve } from 'node:path'
import { storeConfigFor, type StoreConfig } from './store/index.ts'

export interface ServerConfig {
  port: number
  host: string
  dataDir: string
  store: StoreConfig
  /** The address phones use (QR codes, links). */
  publicUrl: string
  /** Seed the demo schools into an empty store. */
  demo: boolean
  /** With `demo`: also their scheduling plan and timetable (`DEMO_TIMETABLE`, on unless `0`; e2e specs opt in). */
  demoTimetable: boolean
  /** The built renderer, served under /app/ when the folder exists (web mode). */
  rendererDir: string
  /** Without one, a secret is generated once and kept in the store. */
  authSecret: string | undefined
  /** Lifetime of a QR login ticket (`QR_TICKET_TTL_MS`); the app's default (120 s) when unset. */
  qrTicketTtlMs: number | undefined
  /** Where blob bytes are kept (`BLOB_DIR`, default `<dataDir>/blobs`); shared storage for several instances. */
  blobDir: string
  /** The largest blob accepted (`BLOB_MAX_BYTES`); the app's default (50 MiB) when unset. */
  blobMaxBytes: number | undefined
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (per-address rate limits). */
  trustProxy: boolean
  /** `SESSION_IDLE_DAYS`: a session unused this long ends; the app's default (14) when unset. */
  sessionIdleDays: number | undefined
  /** `REDIS_URL`: several instances share commits (and short-lived state) through this Redis; unset: one process. */
  redis: { url: string; prefix: string } | undefined
  /** `SESSION_MAX_AGE_DAYS`: a session ends this long after its login; the app's default (90) when unset. */
  sessionMaxAgeDays: number | undefined
  /** `STREAM_COALESCE_MS`: how long a school's commits are gathered into one stream event per collection; 0: off. */
  streamCoalesceMs: number
  /** `LISTEN_BACKLOG`: connections the kernel queues while the server is busy; Node's default (511) when unset. */
  listenBacklog: number | undefined
}

function port(value: string | undefined): number {
  if (value === undefined || value === '') return 7420
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535)
    throw new Error(`PORT is not a port: ${value}`)
  return parsed
}

function integerAtLeast(
  min: number,
  name: string,
  unit: string,
  value: string | undefined,
): number | undefined {
  if (value === undefined || value === '') return undefined
  const parsed = Number(value)
  if (!Number.isSafeInteger(parsed) || parsed < min)
    throw new Error(`${name} is not a number of ${unit}: ${value}`)
  return parsed
}

function positiveInteger(name: string, unit: string, value: string | undefined): number | undefined {
  return integerAtLeast(1, name, unit, value)
}

function flag(value: string | undefined): boolean {
  return value === '1' || value === 'true'
}

/** The server's configuration from environment variables (see docs/sync-server.md). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const listenPort = port(env.PORT)
  const dataDir = resolve(env.DATA_DIR || './data')
  return {
    port: listenPort,
    host: env.HOST || '0.0.0.0',
    dataDir,
    store: storeConfigFor(dataDir, env.DATABASE_URL),
    publicUrl: (env.PUBLIC_URL || `http://localhost:${listenPort}`).replace(/\/+$/, ''),
    demo: flag(env.DEMO),
    demoTimetable: env.DEMO_TIMETABLE !== '0',
    rendererDir: resolve(env.RENDERER_DIR || 'out/renderer'),
    authSecret: env.AUTH_SECRET || undefined,
    qrTicketTtlMs: positiveInteger('QR_TICKET_TTL_MS', 'milliseconds', env.QR_TICKET_TTL_MS),
    blobDir: resolve(env.BLOB_DIR || join(dataDir, 'blobs')),
    blobMaxBytes: positiveInteger('BLOB_MAX_BYTES', 'bytes', env.BLOB_MAX_BYTES),
    trustProxy: flag(env.TRUST_PROXY),
    sessionIdleDays: positiveInteger('SESSION_IDLE_DAYS', 'days', env.SESSION_IDLE_DAYS),
    sessionMaxAgeDays: positiveInteger('SESSION_MAX_AGE_DAYS', 'days', env.SESSION_MAX_AGE_DAYS),
    streamCoalesceMs: integerAtLeast(0, 'STREAM_COALESCE_MS', 'milliseconds', env.STREAM_COALESCE_MS) ?? 10,
    listenBacklog: positiveInteger('LISTEN_BACKLOG', 'connections', env.LISTEN_BACKLOG),
    redis: env.REDIS_URL ? { url: env.REDIS_URL, prefix: env.REDIS_PREFIX || 'campus-desk:' } : undefined,
  }
}
