// `npm run bench`: the budgets of DESIGN §11 that exist so far, written to bench/results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { measureFirstSync } from './first-sync.ts'
import { measurePropagation } from './propagation.ts'
import { round } from './stats.ts'

interface Result {
  value: number
  unit: 'ms' | 'x'
  budget: number
}

const FIRST_SYNC_RUNS = Number(process.env.BENCH_FIRST_SYNC_RUNS ?? 5)
const PROPAGATION_SAMPLES = Number(process.env.BENCH_PROPAGATION_SAMPLES ?? 200)

const firstSync = await measureFirstSync(FIRST_SYNC_RUNS)
const propagation = await measurePropagation(PROPAGATION_SAMPLES)

const results: Record<string, Result> = {
  first_sync_ms: { value: round(firstSync.firstSyncMs, 0), unit: 'ms', budget: 15_000 },
  first_sync_vs_raw_dexie: { value: round(firstSync.ratio, 2), unit: 'x', budget: 2.5 },
  propagation_p50_ms: { value: round(propagation.p50), unit: 'ms', budget: 100 },
  propagation_p99_ms: { value: round(propagation.p99), unit: 'ms', budget: 500 },
}

const report = {
  ...results,
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}`,
  date: new Date().toISOString(),
  details: {
    first_sync: {
      documents: firstSync.documents,
      raw_dexie_ms: round(firstSync.rawDexieMs, 0),
      rxdb_bulk_insert_ms: round(firstSync.rxdbBulkInsertMs, 0),
      runs: firstSync.runs,
    },
    propagation: { samples: propagation.samples, other_clients: 50 },
  },
}

mkdirSync('bench/results', { recursive: true })
writeFileSync('bench/results/latest.json', `${JSON.stringify(report, null, 2)}\n`)
for (const [key, { value, unit, budget }] of Object.entries(results)) {
  console.log(
    `${key.padEnd(26)} ${String(value).padStart(9)} ${unit}   budget ${budget} ${value <= budget ? 'ok' : 'OVER'}`,
  )
}
console.log('written to bench/results/latest.json')
