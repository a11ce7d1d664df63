// start_to_interactive_ms (DESIGN §11): the app in web mode, from navigation start to the home screen with every
// store loaded, the large school's replica already on disk. One first sync fills a kept Chromium profile; each run
// is then a fresh browser on that profile (a PC switched on again), the server reachable.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { HOME_INTERACTIVE, START_MARK_PREFIX } from '../renderer/src/app/start-marks.ts'
import { APP_DIR, buildApp, launchChromiumProfile, openApp, startProfiler } from './page.ts'
import type { Term } from '../domain/catalog/term.ts'
import type { WireDocument } from '../domain/documents.ts'
import { holidayRanges, type CalendarEvent } from '../domain/events/calendar-event.ts'
import { planGeneration } from '../domain/timetable/generate.ts'
import type { PlanEntry } from '../domain/timetable/plan-entry.ts'
import type { Store } from '../sync-server/src/store/index.ts'
import { generateLargeSchool } from './large-school.ts'
import { BENCH_ADMIN, BENCH_SCHOOL, seedLargeSchool, writeInChunks } from './seed.ts'
import { startBenchServer } from './server.ts'
import { median, percentile } from './stats.ts'

const FIRST_SYNC_TIMEOUT_MS = 600_000
const START_TIMEOUT_MS = 120_000

export interface StartRun {
  interactiveMs: number
  firstPaintMs: number | null
  /** The app's start marks (renderer/src/app/start-marks.ts), ms since navigation start. */
  marks: Record<string, number>
}

export interface StartNumbers {
  p50: number
  p95: number
  runs: StartRun[]
  /** IndexedDB on disk after the first sync: the replica the starts open. */
  replicaBytes: number
  /** The replica holds the term's generated lessons too (`BENCH_START_LESSONS=1`). */
  withLessons: boolean
  electron: string
}

const ofKind = <T>(docs: readonly WireDocument[] | undefined, kind: string) =>
  (docs ?? []).filter((doc) => doc.kind === kind) as unknown as T[]

/**
 * The large school with its autumn term's 41,160 lessons generated, as a school's replica holds them once the
 * timetable is made (`BENCH_START_LESSONS=1`): they are not among the 70,000 documents of DESIGN §11.
 */
async function seedLargeSchoolWithLessons(store: Store): Promise<number> {
  const written = await seedLargeSchool(store)
  const school = generateLargeSchool(BENCH_SCHOOL.id)
  const [term] = ofKind<Term>(school.catalog, 'term')
  if (!term) throw new Error('the large school has no term')
  const { writes } = planGeneration({
    term,
    entries: ofKind<PlanEntry>(school.timetable, 'plan_entry'),
    holidays: holidayRanges(ofKind<CalendarEvent>(school.events, 'calendar_event')),
    existing: [],
    from: term.start,
  })
  const lessons = writes.map((lesson) => ({
    ...lesson,
    schoolId: BENCH_SCHOOL.id,
    updatedAt: term.updatedAt,
    _deleted: false,
  }))
  return written + (await writeInChunks(store, BENCH_SCHOOL.id, 'timetable', lessons))
}

/** The first sync of the large school into the profile; returns the IndexedDB bytes it left on disk. */
async function firstSyncInto(userDataDir: string, serverUrl: string): Promise<number> {
  const context = await launchChromiumProfile(userDataDir)
  try {
    const page = await openApp(context, serverUrl)
    await page.click('[data-test=login-tab-password]')
    await page.fill('[data-test=login-account]', BENCH_ADMIN.account)
    await page.fill('[data-test=login-password]', BENCH_ADMIN.password)
    await page.click('[data-test=login-submit]')
    await page.waitForSelector('[data-test=sync-status][data-phase=synced]', {
      timeout: FIRST_SYNC_TIMEOUT_MS,
    })
    await page.waitForSelector('[data-test=home-page][data-interactive=true]')
    return await page.evaluate(async () => {
      const estimate = await navigator.storage.estimate()
      return (estimate as { usageDetails?: { indexedDB?: number } }).usageDetails?.indexedDB ?? 0
    })
  } finally {
    await context.close()
  }
}

function readStart({ prefix }: { prefix: string }) {
  const marks = Object.fromEntries(
    performance
      .getEntriesByType('mark')
      .filter((entry) => entry.name.startsWith(prefix))
      .map((entry) => [entry.name.slice(prefix.length), Math.round(entry.startTime)]),
  )
  const paint = performance.getEntriesByName('first-contentful-paint')[0]
  return { marks, firstPaintMs: paint ? Math.round(paint.startTime) : null }
}

async function coldStart(userDataDir: string, serverUrl: string, profileFile?: string): Promise<StartRun> {
  const context = await launchChromiumProfile(userDataDir)
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    page.on('pageerror', (error) => console.error('app page error:', error))
    const stopProfiler = profileFile ? await startProfiler(context, page) : undefined
    await page.goto(`${serverUrl}/app/`)
    await page.waitForSelector('[data-test=home-page][data-interactive=true]', { timeout: START_TIMEOUT_MS })
    const { marks, firstPaintMs } = await page.evaluate(readStart, { prefix: START_MARK_PREFIX })
    await stopProfiler?.(profileFile as string)
    const interactiveMs = marks[HOME_INTERACTIVE]
    if (interactiveMs === undefined)
      throw new Error(`the home screen showed without its ${HOME_INTERACTIVE} mark`)
    return { interactiveMs, firstPaintMs, marks }
  } finally {
    await context.close()
  }
}

/** The desktop build needs Electron's binary, which `npm ci` fetches only where downloads are allowed. */
function electronStart(): string {
  const binary = resolve('node_modules/electron/dist')
  return existsSync(binary)
    ? 'skipped: this bench drives web mode only; the Electron start is not measured yet'
    : 'skipped: no Electron binary on this machine (node_modules/electron/dist is missing)'
}

/**
 * `runs` cold starts after one first sync. `BENCH_START_PROFILE=<file>` writes a CPU profile of one more start
 * (not counted: the profiler slows the page down).
 */
export async function measureStart(runs: number): Promise<StartNumbers> {
  buildApp()
  const withLessons = process.env.BENCH_START_LESSONS === '1'
  const server = await startBenchServer(withLessons ? seedLargeSchoolWithLessons : seedLargeSchool, APP_DIR)
  const userDataDir = mkdtempSync(join(tmpdir(), 'campus-desk-start-'))
  try {
    const replicaBytes = await firstSyncInto(userDataDir, server.url)
    const results: StartRun[] = []
    for (let run = 1; run <= runs; run++) {
      const start = await coldStart(userDataDir, server.url)
      console.log(`start run ${run}: interactive ${start.interactiveMs} ms`, start.marks)
      results.push(start)
    }
    const profileFile = process.env.BENCH_START_PROFILE
    if (profileFile) await coldStart(userDataDir, server.url, profileFile)
    const times = results.map((run) => run.interactiveMs)
    return {
      p50: median(times),
      p95: percentile(times, 95),
      runs: results,
      replicaBytes,
      withLessons,
      electron: electronStart(),
    }
  } finally {
    await server.close()
    rmSync(userDataDir, { recursive: true, force: true })
  }
}
