// start_to_interactive_ms (DESIGN §11): the app in web mode, from navigation start to the home screen with every
// store loaded, the large school's replica already on disk. One first sync fills a kept Chromium profile; each run
// is then a fresh browser on that profile (a PC switched on again), the server reachable.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { HOME_INTERACTIVE, START_MARK_PREFIX } from '../renderer/src/app/start-marks.ts'
import { APP_DIR, buildApp, launchChromiumProfile, openApp, startProfiler } from './page.ts'
import type { Term } from '../domain/catalog/term.ts'
import type { BaseDocument, WireDocument } from '../domain/documents.ts'
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
  /** The server holds this many school years of lessons (`BENCH_START_YEARS`), the replica its window's. */
  schoolYears: number | null
  electron: string
}

const ofKind = <T extends BaseDocument>(docs: readonly WireDocument[] | undefined, kind: string) =>
  (docs ?? []).filter((doc) => doc.kind === kind) as unknown as WireDocument<T>[]

/** The term of `base` `years` school years later (negative: earlier), under another id and name. */
function shiftedTerm(base: WireDocument<Term>, years: number, id: string, name: string): WireDocument<Term> {
  const shift = (date: string) => `${Number(date.slice(0, 4)) + years}${date.slice(4)}`
  return { ...base, id, name, start: shift(base.start), end: shift(base.end) }
}

/**
 * The terms of a school's `years` school years, the last being this one: the large school's autumn term
 * (current) and the spring term after it (next); an autumn and a spring term each earlier year.
 */
function schoolYearTerms(autumn: WireDocument<Term>, years: number): WireDocument<Term>[] {
  const spring = { ...autumn, start: '2027-02-22', end: '2027-07-02' }
  return Array.from({ length: years }, (_, i) => i + 1 - years).flatMap((shift) => {
    const year = Number(autumn.start.slice(0, 4)) + shift
    return [
      shift === 0 ? autumn : shiftedTerm(autumn, shift, `term-${year}-autumn`, `${year}学年第一学期`),
      shiftedTerm(spring, shift, `term-${year + 1}-spring`, `${year}学年第二学期`),
    ]
  })
}

/** A term's generated lessons from its plan entries, as the timetable screen writes them. */
function termLessons(
  term: WireDocument<Term>,
  entries: readonly PlanEntry[],
  holidays: readonly CalendarEvent[],
): WireDocument[] {
  const { writes } = planGeneration({
    term,
    entries,
    holidays: holidayRanges(holidays),
    existing: [],
    from: term.start,
  })
  return writes.map((lesson) => ({
    ...lesson,
    schoolId: BENCH_SCHOOL.id,
    updatedAt: term.updatedAt,
    _deleted: false,
  }))
}

/**
 * The large school with generated lessons, as a school's replica holds them once the timetable is made (they are
 * not among the 70,000 documents of DESIGN §11): `BENCH_START_LESSONS=1` its autumn term's 41,160 lessons;
 * `BENCH_START_YEARS=n` the terms of n school years (two a year, each with its own plan), the server holding
 * every term's lessons and the replica's window (issue 18) the current and the next term's.
 */
function seedLargeSchoolWithLessons(years: number | undefined) {
  return async (store: Store): Promise<number> => {
    const written = await seedLargeSchool(store)
    const school = generateLargeSchool(BENCH_SCHOOL.id)
    const [autumn] = ofKind<Term>(school.catalog, 'term')
    if (!autumn) throw new Error('the large school has no term')
    const entries = ofKind<PlanEntry>(school.timetable, 'plan_entry')
    const holidays = ofKind<CalendarEvent>(school.events, 'calendar_event')
    const terms = years === undefined ? [autumn] : schoolYearTerms(autumn, years)
    let added = 0
    for (const term of terms) {
      const termEntries =
        term.id === autumn.id
          ? entries
          : entries.map((e) => ({ ...e, id: `${e.id}-${term.id}`, termId: term.id }))
      if (term.id !== autumn.id) {
        added += await writeInChunks(store, BENCH_SCHOOL.id, 'catalog', [term])
        added += await writeInChunks(store, BENCH_SCHOOL.id, 'timetable', termEntries)
      }
      added += await writeInChunks(
        store,
        BENCH_SCHOOL.id,
        'timetable',
        termLessons(term, termEntries, holidays),
      )
    }
    return written + added
  }
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
  const years = process.env.BENCH_START_YEARS ? Number(process.env.BENCH_START_YEARS) : undefined
  const withLessons = process.env.BENCH_START_LESSONS === '1' || years !== undefined
  const seed = withLessons ? seedLargeSchoolWithLessons(years) : seedLargeSchool
  const server = await startBenchServer(seed, APP_DIR)
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
      schoolYears: years ?? null,
      electron: electronStart(),
    }
  } finally {
    await server.close()
    rmSync(userDataDir, { recursive: true, force: true })
  }
}
