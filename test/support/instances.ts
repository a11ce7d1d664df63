// Several real server processes on one PostgreSQL database and one Redis (issue 16), for test/instances/.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Redis } from 'ioredis'
import { freePort, startServer, type RunningServer } from '../../e2e/server.ts'
import { subject } from '../../sync-server/src/test-support/documents.ts'
import { freshDatabase } from './fresh-database.ts'
import { post, waitFor } from './server-calls.ts'

/** Is the `redis-server` binary installed (the Redis-restart test starts one of its own)? */
export const HAS_REDIS_SERVER = spawnSync('redis-server', ['--version']).status === 0

export const DATABASE_URL = process.env.TEST_DATABASE_URL
export const REDIS_URL = process.env.TEST_REDIS_URL

/** The services an instance test lacks, for `describe.skipIf` and a title that says why it was skipped. */
export function missingServices(redis: 'shared' | 'own' = 'shared'): string[] {
  const missing = [
    !DATABASE_URL && 'TEST_DATABASE_URL is not set',
    redis === 'shared' && !REDIS_URL && 'TEST_REDIS_URL is not set',
    redis === 'own' && !HAS_REDIS_SERVER && 'redis-server is not installed',
  ]
  return missing.filter((reason): reason is string => typeof reason === 'string')
}

export function titleWithSkipReason(title: string, missing: readonly string[]): string {
  return missing.length ? `${title}: skipped, ${missing.join(' and ')}` : title
}

export interface Deployment {
  databaseUrl: string
  /** The `BLOB_DIR` the instances share. */
  blobDir: string
  instances: RunningServer[]
  stop(): Promise<void>
}

/**
 * `count` server processes on a fresh database and their own Redis prefix. The first seeds the demo schools and
 * makes the shared token key, so the others start after it.
 */
export async function startInstances(count: number, redisUrl: string): Promise<Deployment> {
  const database = await freshDatabase(DATABASE_URL as string)
  const blobDir = mkdtempSync(join(tmpdir(), 'campus-desk-shared-blobs-'))
  const env = {
    DATABASE_URL: database.url,
    BLOB_DIR: blobDir,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `test-${crypto.randomUUID()}:`,
    LOG_LEVEL: 'warn',
  }
  const first = await startServer({ ...env, DEMO: '1' })
  const others = await Promise.all(
    Array.from({ length: count - 1 }, () => startServer({ ...env, DEMO: '0' })),
  )
  const instances = [first, ...others]
  return {
    databaseUrl: database.url,
    blobDir,
    instances,
    stop: async () => {
      await Promise.all(instances.map((instance) => instance.stop()))
      await database.drop()
      rmSync(blobDir, { recursive: true, force: true })
    },
  }
}

/** Pushes one new subject with `id`; resolves with the answer's status (a refused connection throws). */
export async function pushSubject(server: RunningServer, token: string, id: string): Promise<number> {
  const { status } = await post(
    server,
    '/api/sync/catalog/push',
    [{ assumedMasterState: null, newDocumentState: subject('demo', id) }],
    token,
  )
  return status
}

/** Pushes a new subject for each id, one by one; fails unless each is acknowledged with 200. Returns the ids. */
export async function pushSubjects(
  server: RunningServer,
  token: string,
  ids: readonly string[],
): Promise<string[]> {
  for (const id of ids) {
    const status = await pushSubject(server, token, id)
    if (status !== 200) throw new Error(`the push of ${id} answered ${status}`)
  }
  return [...ids]
}

/**
 * How far each stream event's checkpoint moved past the one before it. When every document is written once, in a
 * commit of its own, a stream with no gap and no duplicate moves it by exactly the documents the event brings
 * (commits within the coalescing window share one event).
 */
export function spansOf(changes: readonly { checkpoint: { seq: number } }[]): number[] {
  const seqs = changes.map((change) => change.checkpoint.seq)
  return seqs.slice(1).map((seq, k) => seq - (seqs[k] ?? seq))
}

/** A Redis server of the test's own (no persistence) that it can stop and start again on the same port. */
export interface OwnRedis {
  url: string
  stop(): Promise<void>
  start(): Promise<void>
}

export async function startOwnRedis(): Promise<OwnRedis> {
  const port = await freePort()
  const url = `redis://127.0.0.1:${port}`
  let child: ChildProcess | undefined
  const start = async () => {
    child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    )
    await waitFor(() => answersPing(url), `redis on port ${port}`)
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve()
      child.once('exit', () => resolve())
      child.kill('SIGKILL')
    })
  await start()
  return { url, start, stop }
}

/** Does a Redis server answer on `url` (one connection attempt)? */
async function answersPing(url: string): Promise<boolean> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
  probe.on('error', () => {})
  const answer = await probe.ping().catch(() => '')
  probe.disconnect()
  return answer === 'PONG'
}
