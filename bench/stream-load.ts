// The load of the scale-out benches (issue 16): many authenticated sync streams read by one light client (bare sockets,
// `raw-event-stream.ts`, the raw bytes scanned for the pushed ids, no decoding or JSON parsing), and subjects pushed at a steady rate through the real push endpoint, while the server
// processes' CPU and memory are sampled from /proc.
import { loadavg } from 'node:os'
import type { RunningServer } from '../e2e/server.ts'
import { DEMO_PASSWORD } from '../sync-server/src/seed/demo.ts'
import { subject } from '../sync-server/src/test-support/documents.ts'
import { seededRandom } from '../test/support/seeded-random.ts'
import { DeliveryLog } from './delivery.ts'
import { processUsage, type ProcessUsage } from './process-usage.ts'
import { PushedIdScanner } from './pushed-id-scanner.ts'
import { openRawEventStream } from './raw-event-stream.ts'
import { round } from './stats.ts'

const ADMIN = '13800000001'
// Logins cost a scrypt each and are limited to 300 a minute per address: streams share sessions, as a school's
// many windows would not, but the hub treats every stream alike whatever its session.
const STREAMS_PER_SESSION = 50
const OPENED_AT_ONCE = 50
// After the last push, how long stragglers may take before the missing pairs are counted.
const DRAIN_LIMIT_MS = 30_000
// The warm-up's documents are named apart from the timed ones (`bench-push-<n>`), so the streams' reader skips them.
const WARM_UP_ID_PREFIX = 'bench-warm-'
const TIMED_ID_PREFIX = 'bench-push-'
// After the warm-up's last push, before the timed pushes start: its deliveries end well within this.
const WARM_UP_SETTLE_MS = 1_000

export interface PushPlan {
  streams: number
  documentsPerSecond: number
  seconds: number
  /** Documents per push request (one commit, one stream event). */
  batch: number
  /**
   * Pushes at the same rate before the timed ones, not timed: the servers and this client reach their steady state
   * (compiled push path, open connections) as a server that has run for a while has, so the timed window measures
   * that state and not each process's first second.
   */
  warmUpSeconds: number
}

export function pushPlanFromEnv(streams: number): PushPlan {
  return {
    streams,
    documentsPerSecond: Number(process.env.BENCH_PUSH_RATE ?? 200),
    seconds: Number(process.env.BENCH_PUSH_SECONDS ?? 20),
    batch: Number(process.env.BENCH_PUSH_BATCH ?? 1),
    warmUpSeconds: Number(process.env.BENCH_PUSH_WARMUP_SECONDS ?? 2),
  }
}

interface LoadStream {
  server: number
  ended: boolean
  resyncs: number
  received: number
  close(): void
}

export interface ServerLoad {
  streams: number
  /** Stream events carrying a pushed document, received per second from this server. */
  documentsDeliveredPerSecond: number
  cpuPercent: number
  /** Server CPU per (document, stream) delivered: what a stream costs, whatever share of the cores it got. */
  cpuMicrosecondsPerDelivery: number
  rssBytes: number
  peakRssBytes: number
}

export interface LoadRun {
  log: DeliveryLog
  /** Pushed documents per second actually sent (the client may fall behind the plan). */
  documentsPushedPerSecond: number
  failedPushes: number
  droppedStreams: number
  resyncEvents: number
  servers: ServerLoad[]
  /** CPU of this process (the streams' reader and the pusher). */
  loadGeneratorCpuPercent: number
  /** This process's CPU per (document, stream) delivered: what reading a delivery costs the measuring client. */
  loadGeneratorCpuMicrosecondsPerDelivery: number
  loadAverage: { before: number[]; after: number[] }
}

async function logIn(url: string): Promise<string> {
  const response = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account: ADMIN, password: DEMO_PASSWORD }),
  })
  if (!response.ok) throw new Error(`bench login answered ${response.status}`)
  return ((await response.json()) as { accessToken: string }).accessToken
}

/** Reports every pushed document's number as soon as the stream holds the whole event naming it. */
async function openCountingStream(
  url: string,
  token: string,
  server: number,
  onDocument: (document: number) => void,
): Promise<LoadStream> {
  const stream: LoadStream = { server, ended: false, resyncs: 0, received: 0, close: () => undefined }
  const scanner = new PushedIdScanner({
    onDocument: (document) => {
      stream.received++
      onDocument(document)
    },
    onResync: () => stream.resyncs++,
  })
  const raw = await openRawEventStream(
    `${url}/api/sync/stream`,
    { authorization: `Bearer ${token}` },
    { onBody: (bytes) => scanner.scan(bytes), onClose: () => (stream.ended = true) },
  )
  stream.close = () => raw.close()
  return stream
}

/** `count` streams dealt round-robin over `urls`, every `STREAMS_PER_SESSION` of a server on one login. */
async function openStreams(urls: string[], count: number, log: DeliveryLog): Promise<LoadStream[]> {
  const sessions: string[][] = []
  for (const [server, url] of urls.entries()) {
    const ownStreams = Math.ceil((count - server) / urls.length)
    sessions.push([])
    for (let i = 0; i < Math.ceil(ownStreams / STREAMS_PER_SESSION); i++)
      sessions[server]?.push(await logIn(url))
  }
  const open = (index: number) => {
    const server = index % urls.length
    const token = sessions[server]?.[Math.floor(index / urls.length / STREAMS_PER_SESSION)] as string
    return openCountingStream(urls[server] as string, token, server, (document) =>
      log.received(document, performance.now()),
    )
  }
  const streams: LoadStream[] = []
  for (let first = 0; first < count; first += OPENED_AT_ONCE) {
    const indexes = Array.from({ length: Math.min(OPENED_AT_ONCE, count - first) }, (_, i) => first + i)
    streams.push(...(await Promise.all(indexes.map(open))))
  }
  return streams
}

interface PushOutcome {
  failed: number
  elapsedMs: number
}

/**
 * Pushes the plan's subjects on schedule, each request to a random server; never waits for an answer to go on. A
 * request refused or cut off (the server's backlog overflowing) counts as failed. Only timed pushes go to `log`.
 */
async function pushOnSchedule(
  urls: string[],
  plan: PushPlan,
  log: DeliveryLog | null,
  idPrefix = TIMED_ID_PREFIX,
): Promise<PushOutcome> {
  const tokens = await Promise.all(urls.map(logIn))
  const pickServer = seededRandom(16)
  const requests = Math.round((plan.documentsPerSecond * plan.seconds) / plan.batch)
  const intervalMs = (plan.batch * 1000) / plan.documentsPerSecond
  const answers: Promise<boolean>[] = []
  const started = performance.now()
  for (let request = 0; request < requests; request++) {
    const wait = started + request * intervalMs - performance.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
    const server = Math.floor(pickServer() * urls.length)
    const numbers = Array.from({ length: plan.batch }, (_, i) => request * plan.batch + i)
    const changes = numbers.map((n) => ({
      assumedMasterState: null,
      newDocumentState: subject('demo', `${idPrefix}${n}`, { name: '压测科目' }),
    }))
    const sentAt = performance.now()
    for (const n of numbers) log?.sent(n, sentAt)
    answers.push(
      fetch(`${urls[server]}/api/sync/catalog/push`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[server]}` },
        body: JSON.stringify(changes),
      })
        .then(async (response) => response.ok && ((await response.json()) as unknown[]).length === 0)
        .catch(() => false),
    )
  }
  const failed = (await Promise.all(answers)).filter((ok) => !ok).length
  return { failed, elapsedMs: performance.now() - started }
}

async function waitForDelivery(log: DeliveryLog): Promise<void> {
  const until = performance.now() + DRAIN_LIMIT_MS
  while (log.missing > 0 && performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

function serverLoads(
  servers: RunningServer[],
  streams: LoadStream[],
  before: ProcessUsage[],
  after: ProcessUsage[],
  wallMs: number,
): ServerLoad[] {
  return servers.map((_, i) => {
    const own = streams.filter((stream) => stream.server === i)
    const end = after[i] as ProcessUsage
    const deliveries = own.reduce((sum, s) => sum + s.received, 0)
    const cpuMs = end.cpuMs - (before[i] as ProcessUsage).cpuMs
    return {
      streams: own.length,
      documentsDeliveredPerSecond: (deliveries * 1000) / wallMs,
      cpuPercent: (100 * cpuMs) / wallMs,
      cpuMicrosecondsPerDelivery: (cpuMs * 1000) / deliveries,
      rssBytes: end.rssBytes,
      peakRssBytes: end.peakRssBytes,
    }
  })
}

const usageOf = (servers: RunningServer[]) =>
  Promise.all(
    servers.map((server) => {
      if (server.pid === undefined) throw new Error(`no process for ${server.url}`)
      return processUsage(server.pid)
    }),
  )

/** Opens the plan's streams over `servers`, pushes on schedule, waits until every stream has every document. */
export async function runPushLoad(servers: RunningServer[], plan: PushPlan): Promise<LoadRun> {
  const urls = servers.map((server) => server.url)
  const log = new DeliveryLog(plan.streams)
  const streams = await openStreams(urls, plan.streams, log)
  try {
    if (plan.warmUpSeconds > 0) {
      await pushOnSchedule(urls, { ...plan, seconds: plan.warmUpSeconds }, null, WARM_UP_ID_PREFIX)
      await new Promise((resolve) => setTimeout(resolve, WARM_UP_SETTLE_MS))
    }
    const loadBefore = loadavg()
    const usageBefore = await usageOf(servers)
    const cpuBefore = process.cpuUsage()
    const started = performance.now()
    const pushed = await pushOnSchedule(urls, plan, log)
    await waitForDelivery(log)
    const wallMs = performance.now() - started
    const cpu = process.cpuUsage(cpuBefore)
    const usageAfter = await usageOf(servers)
    return {
      log,
      documentsPushedPerSecond: (log.documentsSent * 1000) / pushed.elapsedMs,
      failedPushes: pushed.failed,
      droppedStreams: streams.filter((stream) => stream.ended).length,
      resyncEvents: streams.reduce((sum, stream) => sum + stream.resyncs, 0),
      servers: serverLoads(servers, streams, usageBefore, usageAfter, wallMs),
      loadGeneratorCpuPercent: (100 * (cpu.user + cpu.system)) / 1000 / wallMs,
      loadGeneratorCpuMicrosecondsPerDelivery: (cpu.user + cpu.system) / log.pairLatencies().length,
      loadAverage: { before: loadBefore, after: loadavg() },
    }
  } finally {
    streams.forEach((stream) => stream.close())
  }
}

/** What `details` says of a load run (rounded), shared by the scale-out benches. */
export function loadDetails(plan: PushPlan, run: LoadRun): Record<string, unknown> {
  const mib = (bytes: number) => round(bytes / 2 ** 20, 0)
  return {
    streams: plan.streams,
    seconds: plan.seconds,
    warm_up_seconds: plan.warmUpSeconds,
    documents_per_push: plan.batch,
    documents_pushed: run.log.documentsSent,
    documents_pushed_per_second: round(run.documentsPushedPerSecond),
    failed_pushes: run.failedPushes,
    dropped_streams: run.droppedStreams,
    missing_deliveries: run.log.missing,
    resync_events: run.resyncEvents,
    instances: run.servers.map((server) => ({
      streams: server.streams,
      deliveries_per_second: round(server.documentsDeliveredPerSecond, 0),
      cpu_percent: round(server.cpuPercent, 0),
      cpu_us_per_delivery: round(server.cpuMicrosecondsPerDelivery),
      rss_mib: mib(server.rssBytes),
      peak_rss_mib: mib(server.peakRssBytes),
    })),
    load_generator_cpu_percent: round(run.loadGeneratorCpuPercent, 0),
    load_generator_cpu_us_per_delivery: round(run.loadGeneratorCpuMicrosecondsPerDelivery),
    load_average_before: run.loadAverage.before.map((load) => round(load, 2)),
    load_average_after: run.loadAverage.after.map((load) => round(load, 2)),
  }
}
