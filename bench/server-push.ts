// server_push_p99_ms_sqlite / server_push_p99_ms_postgres (DESIGN §11): one real server process (so the load
// generator's CPU is not the server's) holding the demo school, 500 of the admin's sync streams, 200 subjects pushed
// a second; each (document, stream) timed from the push sent until that stream has the document.
import { startServer } from '../e2e/server.ts'
import { freshDatabase, type FreshDatabase } from '../test/support/fresh-database.ts'
import { percentile } from './stats.ts'
import { pushPlanFromEnv, runPushLoad, type LoadRun, type PushPlan } from './stream-load.ts'

export type StoreKind = 'sqlite' | 'postgres'

export interface ServerPushNumbers {
  p50: number
  p99: number
  plan: PushPlan
  run: LoadRun
}

/**
 * The pushes do not wait for each other: while the server is starved of CPU, hundreds of their connections wait to be
 * accepted, past Node's default listen backlog (511), and the kernel resets them (`ECONNRESET`).
 */
export const BENCH_LISTEN_BACKLOG = '4096'

export const benchDatabaseUrl = () => process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL

/** Runs the push load against one server on `store`; PostgreSQL gets a fresh database of its own. */
export async function measureServerPush(store: StoreKind, streams: number): Promise<ServerPushNumbers> {
  const adminUrl = benchDatabaseUrl()
  if (store === 'postgres' && !adminUrl) throw new Error('no PostgreSQL: BENCH_DATABASE_URL is not set')
  let database: FreshDatabase | undefined
  if (store === 'postgres') database = await freshDatabase(adminUrl as string, 'campus_desk_bench')
  try {
    const server = await startServer({
      DEMO: '1',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database?.url ?? '',
      REDIS_URL: '',
      LISTEN_BACKLOG: BENCH_LISTEN_BACKLOG,
    })
    try {
      const plan = pushPlanFromEnv(streams)
      const run = await runPushLoad([server], plan)
      const latencies = run.log.pairLatencies()
      return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), plan, run }
    } finally {
      await server.stop()
    }
  } finally {
    await database?.drop()
  }
}

export interface StreamStep {
  streams: number
  p99: number
  droppedStreams: number
  missing: number
  serverCpuPercent: number
}

/** The push load on SQLite at growing stream counts (`BENCH_STREAM_STEPS`), each on a fresh server. */
export async function measureStreamSteps(steps: number[]): Promise<StreamStep[]> {
  const measured: StreamStep[] = []
  for (const streams of steps) {
    const { p99, run } = await measureServerPush('sqlite', streams)
    measured.push({
      streams,
      p99,
      droppedStreams: run.droppedStreams,
      missing: run.log.missing,
      serverCpuPercent: run.servers[0]?.cpuPercent ?? 0,
    })
  }
  return measured
}

/** The most streams of `steps` whose p99 stayed within `budgetMs` with nothing dropped or missing. */
export function streamLimit(steps: readonly StreamStep[], budgetMs: number): number | null {
  const held = steps.filter((step) => step.p99 <= budgetMs && step.droppedStreams === 0 && step.missing === 0)
  return held.length ? Math.max(...held.map((step) => step.streams)) : null
}
