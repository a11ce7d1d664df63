// `npm run bench`: the budgets of DESIGN §11 that exist so far, written to bench/results/latest.json.
// BENCH_ONLY=generation,week (names of BENCHES) runs some of them; latest.json then holds only those.
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { measureNoticeFanout } from './fanout.ts'
import { benchRedisUrl, INSTANCES, measureInstanceFanout } from './fanout-instances.ts'
import { measureCourseTreeRender } from './course-tree.ts'
import { measureFirstSync } from './first-sync.ts'
import { measureImport } from './import.ts'
import { measurePropagation } from './propagation.ts'
import { measureQuestionListSearch } from './question-list.ts'
import { measureQuestionSearch } from './questions.ts'
import { measureReceiptToDesktop } from './receipts.ts'
import {
  benchDatabaseUrl,
  measureServerPush,
  measureStreamSteps,
  streamLimit,
  type ServerPushNumbers,
} from './server-push.ts'
import { measureSiteHome } from './site.ts'
import { measureStart } from './start.ts'
import { median, round } from './stats.ts'
import { loadDetails } from './stream-load.ts'
import { measureGeneration, measureMigration, measureWeekRender } from './timetable.ts'
import { FET_SCHOOLS, measureSolveVsFet } from './timetable-vs-fet.ts'
import { resultTable, schoolDetails, unsolvedSchools, worstRatio } from './timetable-vs-fet-report.ts'
import { fetInstalled } from '../test/timetable/fet-cl.ts'

interface Result {
  value: number
  unit: 'ms' | 'x' | 'bytes' | 'count'
  budget: number
}

interface Measured {
  results: Record<string, Result>
  details: Record<string, unknown>
}

const runs = (name: string, fallback: number) => Number(process.env[name] ?? fallback)

const SERVER_PUSH_BUDGET_MS = 100
const NO_POSTGRES = 'skipped: neither BENCH_DATABASE_URL nor TEST_DATABASE_URL is set'

const serverPushDetails = (push: ServerPushNumbers) => ({
  p50_ms: round(push.p50),
  ...loadDetails(push.plan, push.run),
})

async function measureServerPushes(): Promise<Measured> {
  const streams = runs('BENCH_PUSH_STREAMS', 500)
  const results: Record<string, Result> = {}
  const details: Record<string, unknown> = {}
  for (const store of ['sqlite', 'postgres'] as const) {
    if (store === 'postgres' && !benchDatabaseUrl()) {
      details.server_push_postgres = NO_POSTGRES
      continue
    }
    const push = await measureServerPush(store, streams)
    results[`server_push_p99_ms_${store}`] = {
      value: round(push.p99),
      unit: 'ms',
      budget: SERVER_PUSH_BUDGET_MS,
    }
    details[`server_push_${store}`] = serverPushDetails(push)
  }
  const steps = process.env.BENCH_STREAM_STEPS?.split(',').map(Number)
  if (steps) {
    const measured = await measureStreamSteps(steps)
    details.server_push_stream_limit = {
      store: 'sqlite',
      streams_within_budget: streamLimit(measured, SERVER_PUSH_BUDGET_MS),
      steps: measured.map((step) => ({
        streams: step.streams,
        p99_ms: round(step.p99),
        dropped_streams: step.droppedStreams,
        missing_deliveries: step.missing,
        server_cpu_percent: round(step.serverCpuPercent, 0),
      })),
    }
  }
  return { results, details }
}

async function measureTimetableSolveVsFet(): Promise<Measured> {
  if (!fetInstalled)
    return {
      results: {},
      details: { timetable_solve_vs_fet: 'skipped: Debian fet and fet-data are not installed' },
    }
  const loadBefore = loadavg()
  const schools = await measureSolveVsFet({
    schools: process.env.BENCH_FET_SCHOOLS?.split(',').map((name) => name.trim()) ?? Object.keys(FET_SCHOOLS),
    fetLimitSeconds: runs('BENCH_FET_LIMIT_SECONDS', 600),
    solveLimitSeconds: process.env.BENCH_SOLVE_LIMIT_SECONDS
      ? runs('BENCH_SOLVE_LIMIT_SECONDS', 0)
      : undefined,
    verifyLimitSeconds: runs('BENCH_FET_VERIFY_SECONDS', 120),
    seed: runs('BENCH_SOLVE_SEED', 1),
  })
  console.log(resultTable(schools))
  const unsolved = unsolvedSchools(schools)
  return {
    results: {
      timetable_solve_vs_fet: { value: round(worstRatio(schools), 2), unit: 'x', budget: 1 },
      timetable_solve_vs_fet_unsolved: { value: unsolved.length, unit: 'count', budget: 0 },
    },
    details: {
      timetable_solve_vs_fet: {
        unsolved,
        load_average_1_5_15_min: {
          before: loadBefore.map((load) => round(load, 2)),
          after: loadavg().map((load) => round(load, 2)),
        },
        schools: Object.fromEntries(schools.map((run) => [run.school, schoolDetails(run)])),
      },
    },
  }
}

const BENCHES: Record<string, () => Promise<Measured>> = {
  'first-sync': async () => {
    const firstSync = await measureFirstSync(runs('BENCH_FIRST_SYNC_RUNS', 5))
    return {
      results: {
        first_sync_ms: { value: round(firstSync.firstSyncMs, 0), unit: 'ms', budget: 15_000 },
        first_sync_vs_raw_dexie: { value: round(firstSync.ratio, 2), unit: 'x', budget: 2.5 },
      },
      details: {
        first_sync: {
          documents: firstSync.documents,
          raw_dexie_ms: round(firstSync.rawDexieMs, 0),
          rxdb_bulk_insert_ms: round(firstSync.rxdbBulkInsertMs, 0),
          first_sync_vs_rxdb_bulk_insert: round(firstSync.ratioToBulkInsert, 2),
          runs: firstSync.runs,
        },
      },
    }
  },
  start: async () => {
    const start = await measureStart(runs('BENCH_START_RUNS', 5))
    return {
      results: { start_to_interactive_ms: { value: round(start.p50, 0), unit: 'ms', budget: 3_000 } },
      details: {
        start_to_interactive: {
          p95_ms: round(start.p95, 0),
          replica_indexeddb_bytes: start.replicaBytes,
          with_generated_lessons: start.withLessons,
          school_years_of_lessons_on_server: start.schoolYears,
          runs: start.runs.map((run) => ({
            interactive_ms: run.interactiveMs,
            first_paint_ms: run.firstPaintMs,
            marks: run.marks,
          })),
          electron: start.electron,
        },
      },
    }
  },
  propagation: async () => {
    const propagation = await measurePropagation(runs('BENCH_PROPAGATION_SAMPLES', 200))
    return {
      results: {
        propagation_p50_ms: { value: round(propagation.p50), unit: 'ms', budget: 100 },
        propagation_p99_ms: { value: round(propagation.p99), unit: 'ms', budget: 500 },
      },
      details: { propagation: { samples: propagation.samples, other_clients: 50 } },
    }
  },
  receipts: async () => {
    const receipts = await measureReceiptToDesktop()
    return {
      results: { receipt_to_desktop_p99_ms: { value: round(receipts.p99), unit: 'ms', budget: 1_000 } },
      details: {
        receipt_to_desktop: {
          samples: receipts.samples,
          p50_ms: round(receipts.p50),
          read_p99_ms: round(receipts.readP99),
          answer_p99_ms: round(receipts.answerP99),
        },
      },
    }
  },
  fanout: async () => {
    const fanout = await measureNoticeFanout()
    return {
      results: { notice_fanout_ms: { value: round(fanout.ms, 0), unit: 'ms', budget: 2_000 } },
      details: { notice_fanout: { receipts: fanout.receipts } },
    }
  },
  'server-push': measureServerPushes,
  'fanout-instances': async (): Promise<Measured> => {
    if (!benchDatabaseUrl() || !benchRedisUrl()) {
      return {
        results: {},
        details: { fanout_3_instances: 'skipped: BENCH_DATABASE_URL / BENCH_REDIS_URL (or TEST_…) not set' },
      }
    }
    const fanout = await measureInstanceFanout(runs('BENCH_FANOUT_STREAMS', 1_500))
    return {
      results: { fanout_p99_ms_3_instances: { value: round(fanout.p99), unit: 'ms', budget: 250 } },
      details: {
        fanout_3_instances: {
          instances: INSTANCES,
          pair_p99_ms: round(fanout.pairP99),
          ...loadDetails(fanout.plan, fanout.run),
        },
      },
    }
  },
  generation: async () => {
    const generation = await measureGeneration(runs('BENCH_GENERATION_RUNS', 3))
    return {
      results: { lesson_generation_ms: { value: round(generation.ms, 0), unit: 'ms', budget: 5_000 } },
      details: {
        lesson_generation: {
          lessons: generation.lessons,
          compute_ms: round(generation.computeMs, 0),
          write_ms: round(generation.writeMs, 0),
          runs: generation.runs.map((run) => ({
            compute_ms: round(run.computeMs, 0),
            write_ms: round(run.writeMs, 0),
          })),
        },
      },
    }
  },
  migration: async () => {
    const migration = await measureMigration(runs('BENCH_MIGRATION_RUNS', 3))
    return {
      results: {},
      details: {
        timetable_schema_migration: {
          lessons: migration.lessons,
          median_ms: round(median(migration.openMs), 0),
          runs_ms: migration.openMs.map((ms) => round(ms, 0)),
        },
      },
    }
  },
  week: async () => {
    const week = await measureWeekRender(runs('BENCH_WEEK_SWITCHES', 20))
    return {
      results: { timetable_week_render_ms: { value: round(week.p50), unit: 'ms', budget: 200 } },
      details: {
        timetable_week_render: {
          lessons: week.lessons,
          p95_ms: round(week.p95),
          first_render_ms: round(week.firstRenderMs),
          switches_ms: week.switches.map((ms) => round(ms)),
        },
      },
    }
  },
  import: async () => {
    const imported = await measureImport(runs('BENCH_IMPORT_RUNS', 3))
    return {
      // The issue gives no budget for the import: 30 s is ours.
      results: { import_3000_students_ms: { value: round(imported.ms, 0), unit: 'ms', budget: 30_000 } },
      details: {
        import_3000_students: {
          students: imported.students,
          guardians: imported.guardians,
          documents: imported.documents,
          read_ms: round(imported.readMs, 0),
          plan_ms: round(imported.planMs, 0),
          write_ms: round(imported.writeMs, 0),
          gate_ms: round(imported.gateMs, 0),
          runs: imported.runs.map((run) => ({
            read_ms: round(run.readMs, 0),
            plan_ms: round(run.planMs, 0),
            write_ms: round(run.writeMs, 0),
          })),
        },
      },
    }
  },
  'course-tree': async () => {
    const tree = await measureCourseTreeRender(runs('BENCH_COURSE_TREE_OPENS', 10))
    return {
      results: { course_tree_render_ms: { value: round(tree.p50), unit: 'ms', budget: 200 } },
      details: {
        course_tree_render: {
          chapters: tree.chapters,
          p95_ms: round(tree.p95),
          first_open_ms: round(tree.firstMs),
          opens_ms: tree.opensMs.map((ms) => round(ms)),
        },
      },
    }
  },
  questions: async () => {
    const search = measureQuestionSearch(runs('BENCH_QUESTION_SEARCHES', 200))
    const list = await measureQuestionListSearch()
    return {
      results: {
        question_search_ms: { value: round(search.p50, 2), unit: 'ms', budget: 100 },
        question_list_search_ms: { value: round(list.p50), unit: 'ms', budget: 100 },
      },
      details: {
        question_search: {
          questions: search.questions,
          runs: search.runs,
          p95_ms: round(search.p95, 2),
          text_only_p50_ms: round(search.textOnlyP50, 2),
          after_one_change_p50_ms: round(search.afterChangeP50, 1),
          cold_index_ms: search.coldMs.map((ms) => round(ms, 0)),
          matches: search.matches,
        },
        question_list_search: {
          questions: list.questions,
          p95_ms: round(list.p95),
          dom_p50_ms: round(list.domP50),
          first_search_ms: round(list.firstSearchMs),
          subject_pick_p50_ms: round(list.subjectPickP50),
          open_ms: round(list.openMs),
          searches_ms: list.searchesMs.map((ms) => round(ms)),
          matches: list.matches,
        },
      },
    }
  },
  site: async () => {
    const site = await measureSiteHome(50, runs('BENCH_SITE_SECONDS', 10))
    return {
      results: {
        site_home_p99_ms: { value: round(site.p99), unit: 'ms', budget: 50 },
        site_page_bytes: { value: site.htmlBytes + site.cssBytes, unit: 'bytes', budget: 60_000 },
      },
      details: {
        site_home: {
          connections: 50,
          p50_ms: round(site.p50),
          requests_per_second: round(site.requestsPerSecond, 0),
          throughput_bytes_per_second: round(site.bytesPerSecond, 0),
          requests: site.requests,
          errors: site.errors,
          non_2xx: site.non2xx,
          article_cards_on_home: site.articles,
        },
        site_page_bytes: { html: site.htmlBytes, css: site.cssBytes },
      },
    }
  },
  'solve-vs-fet': measureTimetableSolveVsFet,
}

const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim())
const unknown = only?.filter((name) => !(name in BENCHES)) ?? []
if (unknown.length)
  throw new Error(`BENCH_ONLY: unknown ${unknown.join(', ')} (known: ${Object.keys(BENCHES).join(', ')})`)

const results: Record<string, Result> = {}
const details: Record<string, unknown> = {}
for (const [name, measure] of Object.entries(BENCHES)) {
  if (only && !only.includes(name)) continue
  const measured = await measure()
  Object.assign(results, measured.results)
  Object.assign(details, measured.details)
}

const report = {
  ...results,
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`,
  date: new Date().toISOString(),
  details,
}

mkdirSync('bench/results', { recursive: true })
writeFileSync('bench/results/latest.json', `${JSON.stringify(report, null, 2)}\n`)
for (const [key, { value, unit, budget }] of Object.entries(results)) {
  console.log(
    `${key.padEnd(26)} ${String(value).padStart(9)} ${unit}   budget ${budget} ${value <= budget ? 'ok' : 'OVER'}`,
  )
}
console.log('written to bench/results/latest.json')
