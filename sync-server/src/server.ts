// `npm run server`: reads the environment, opens the store, seeds the demo schools if asked, and listens.
import { Redis } from 'ioredis'
import { buildApp } from './app.ts'
import { loadConfig } from './config.ts'
import { RedisChangeBus } from './realtime/redis-change-bus.ts'
import { demoAccounts, seedDemo } from './seed/demo.ts'
import { logOutages } from './shared-redis.ts'
import { createStore } from './store/index.ts'

const config = loadConfig()
const store = await createStore(config.store)

if (
  config.demo &&
  (await seedDemo(store, Date.now(), {
    blobDir: config.blobDir,
    site: true,
    notices: true,
    timetable: config.demoTimetable,
  }))
) {
  console.log('Seeded the demo schools. Accounts (password in the last column):')
  for (const a of demoAccounts()) {
    const note = a.mustChangePassword ? ' (initial password, to be changed)' : ''
    console.log(`  ${a.schoolName}  ${a.account}  ${a.name} ${a.roles.join(',')}  ${a.password}${note}`)
  }
}
if (config.demo) console.log(`Micro-site of the demo school: ${config.publicUrl}/site/demo/`)

/** Open connections (a hung push, a client's idle socket) are cut this long after SIGTERM. */
const SHUTDOWN_GRACE_MS = 10_000

function daysInMs(days: number | undefined): number | undefined {
  return days === undefined ? undefined : days * 86_400_000
}

// Opened after seeding: its orders start from the seqs the store has now.
const changeBus = config.redis && (await RedisChangeBus.open(store, config.redis))
const redis = config.redis && { client: new Redis(config.redis.url), prefix: config.redis.prefix }
if (redis) logOutages(redis.client, 'shared state')

const app = await buildApp(
  {
    store,
    changeBus,
    redis,
    authSecret: config.authSecret,
    rendererDir: config.rendererDir,
    publicUrl: config.publicUrl,
    qrTicketTtlMs: config.qrTicketTtlMs,
    blobDir: config.blobDir,
    blobMaxBytes: config.blobMaxBytes,
    sessionIdleMs: daysInMs(config.sessionIdleDays),
    sessionMaxAgeMs: daysInMs(config.sessionMaxAgeDays),
    shutdownGraceMs: SHUTDOWN_GRACE_MS,
    streamCoalesceMs: config.streamCoalesceMs,
  },
  { logger: { level: process.env.LOG_LEVEL ?? 'info' }, trustProxy: config.trustProxy },
)

let closing = false
/**
 * Streams get a `resync` and end, new connections are refused, in-flight requests finish (cut after the grace
 * period), then the change bus, Redis and the store close. A store or Redis that hangs cannot hold the process.
 */
async function shutdown(signal: string): Promise<void> {
  if (closing) return
  closing = true
  app.log.info(`${signal}: closing`)
  setTimeout(() => {
    app.log.error('shutdown did not finish in time')
    process.exit(1)
  }, 2 * SHUTDOWN_GRACE_MS).unref()
  try {
    await app.close()
    await redis?.client.quit()
    await store.close()
    process.exit(0)
  } catch (error) {
    app.log.error(error)
    process.exit(1)
  }
}
process.once('SIGINT', () => void shutdown('SIGINT'))
process.once('SIGTERM', () => void shutdown('SIGTERM'))

await app.listen({ port: config.port, host: config.host, backlog: config.listenBacklog })
app.log.info(`sync server (${store.kind}) at ${config.publicUrl}`)
