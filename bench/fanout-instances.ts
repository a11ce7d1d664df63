// fanout_p99_ms_3_instances (issue 16): three real server processes on one PostgreSQL database and one Redis,
// 1,500 of the admin's sync streams dealt round-robin over them, 200 subjects pushed a second to random instances;
// each document timed from the push sent until the last stream has it.
import { startServer, type RunningServer } from '../e2e/server.ts'
import { freshDatabase } from '../test/support/fresh-database.ts'
import { BENCH_LISTEN_BACKLOG, benchDatabaseUrl } from './server-push.ts'
import { percentile } from './stats.ts'
import { pushPlanFromEnv, runPushLoad, type LoadRun, type PushPlan } from './stream-load.ts'

export const INSTANCES = 3

export interface InstanceFanoutNumbers {
  p99: number
  pairP99: number
  plan: PushPlan
  run: LoadRun
}

export const benchRedisUrl = () => process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL

export async function measureInstanceFanout(streams: number): Promise<InstanceFanoutNumbers> {
  const databaseUrl = benchDatabaseUrl()
  const redisUrl = benchRedisUrl()
  if (!databaseUrl || !redisUrl) throw new Error('BENCH_DATABASE_URL and BENCH_REDIS_URL are needed')
  const database = await freshDatabase(databaseUrl, 'campus_desk_bench')
  const servers: RunningServer[] = []
  try {
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      REDIS_PREFIX: `bench-${crypto.randomUUID()}:`,
      LOG_LEVEL: 'warn',
      LISTEN_BACKLOG: BENCH_LISTEN_BACKLOG,
    }
    // One after the other: the first seeds the demo school and makes the shared token key.
    for (let i = 0; i < INSTANCES; i++) servers.push(await startServer({ ...env, DEMO: i === 0 ? '1' : '0' }))
    const plan = pushPlanFromEnv(streams)
    const run = await runPushLoad(servers, plan)
    return {
      p99: percentile(run.log.lastArrivalLatencies(), 99),
      pairP99: percentile(run.log.pairLatencies(), 99),
      plan,
      run,
    }
  } finally {
    await Promise.all(servers.map((server) => server.stop()))
    await database.drop()
  }
}
