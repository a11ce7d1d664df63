// lesson_generation_ms and timetable_week_render_ms (DESIGN §11): the large school's term in Chromium.
import { startProfiler, withBenchPage } from './page.ts'
import { median, percentile } from './stats.ts'

export interface GenerationNumbers {
  ms: number
  computeMs: number
  writeMs: number
  lessons: number
  runs: { computeMs: number; writeMs: number }[]
}

/**
 * Each run generates into a fresh replica. `BENCH_GENERATION_PROFILE=<file>` writes a CPU profile of one more
 * generation (not counted: the profiler slows the page down).
 */
export async function measureGeneration(runs: number): Promise<GenerationNumbers> {
  const results = await withBenchPage(async (page) => {
    const done = []
    for (let run = 0; run < runs; run++) {
      const result = await page.evaluate(() => window.bench.generateLessons())
      console.log(
        `lesson generation run ${run + 1}: ${result.lessons} lessons, planGeneration ${Math.round(result.computeMs)} ms, bulkPut ${Math.round(result.writeMs)} ms`,
      )
      done.push(result)
    }
    const profileFile = process.env.BENCH_GENERATION_PROFILE
    if (profileFile) {
      const stopProfiler = await startProfiler(page.context(), page)
      await page.evaluate(() => window.bench.generateLessons())
      await stopProfiler(profileFile)
    }
    return done
  })
  return {
    ms: median(results.map((r) => r.computeMs + r.writeMs)),
    computeMs: median(results.map((r) => r.computeMs)),
    writeMs: median(results.map((r) => r.writeMs)),
    lessons: results[0]?.lessons ?? 0,
    runs: results.map(({ computeMs, writeMs }) => ({ computeMs, writeMs })),
  }
}

export interface MigrationNumbers {
  lessons: number
  openMs: number[]
}

/** Each run opens a fresh version 0 replica of the term's lessons with the app's code (the migration to version 1). */
export async function measureMigration(runs: number): Promise<MigrationNumbers> {
  const results = await withBenchPage(async (page) => {
    const done = []
    for (let run = 0; run < runs; run++) {
      const result = await page.evaluate(() => window.bench.migrateLessons())
      console.log(
        `schema migration run ${run + 1}: ${result.lessons} lessons, open ${Math.round(result.openMs)} ms`,
      )
      done.push(result)
    }
    return done
  })
  return { lessons: results[0]?.lessons ?? 0, openMs: results.map((r) => r.openMs) }
}

export interface WeekRenderNumbers {
  p50: number
  p95: number
  firstRenderMs: number
  lessons: number
  switches: number[]
}

export async function measureWeekRender(switches: number): Promise<WeekRenderNumbers> {
  const run = await withBenchPage((page) => page.evaluate((n) => window.bench.weekRender(n), switches))
  console.log(
    `week render: first ${Math.round(run.firstRenderMs)} ms, switches ${run.switchesMs.map(Math.round).join(' ')} ms, ${run.lessons} lessons`,
  )
  return {
    p50: median(run.switchesMs),
    p95: percentile(run.switchesMs, 95),
    firstRenderMs: run.firstRenderMs,
    lessons: run.lessons,
    switches: run.switchesMs,
  }
}
