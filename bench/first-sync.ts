// first_sync_ms and first_sync_vs_raw_dexie (DESIGN §11): the large school into an empty replica in Chromium.
import type { Browser } from 'playwright-core'
import { buildBenchPage, launchChromium, openBenchPage, PAGE_DIR, startProfiler } from './page.ts'
import { startBenchServer } from './server.ts'
import { BENCH_ADMIN, seedLargeSchool } from './seed.ts'
import { median } from './stats.ts'

export interface FirstSyncNumbers {
  firstSyncMs: number
  ratio: number
  /** The first sync against RxDB's own `bulkInsert` of the same documents into the same storage. */
  ratioToBulkInsert: number
  rawDexieMs: number
  rxdbBulkInsertMs: number
  documents: number
  runs: { firstSyncMs: number; rawDexieMs: number; rxdbBulkInsertMs: number }[]
}

/**
 * `runs` first syncs, each followed by the reference writes of the same documents. `BENCH_FIRST_SYNC_PROFILE=<file>`
 * writes a CPU profile of one more first sync (not counted: the profiler slows the page down).
 */
export async function measureFirstSync(runs: number): Promise<FirstSyncNumbers> {
  await buildBenchPage()
  const server = await startBenchServer(seedLargeSchool, PAGE_DIR)
  const browser = await launchChromium()
  const results: FirstSyncNumbers['runs'] = []
  let documents = 0
  try {
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext()
      const page = await openBenchPage(context, server.url)
      const sync = await page.evaluate(
        ({ account, password }) => window.bench.firstSync(account, password),
        BENCH_ADMIN,
      )
      const raw = await page.evaluate(
        ({ account, password }) => window.bench.referenceWrites(account, password),
        BENCH_ADMIN,
      )
      if (sync.documents !== raw.documents)
        throw new Error(`replica has ${sync.documents} documents, the server ${raw.documents}`)
      documents = sync.documents
      results.push({
        firstSyncMs: sync.ms,
        rawDexieMs: raw.rawDexieMs,
        rxdbBulkInsertMs: raw.rxdbBulkInsertMs,
      })
      console.log(
        `first sync run ${run + 1}: ${Math.round(sync.ms)} ms, raw Dexie bulkPut ${Math.round(raw.rawDexieMs)} ms, RxDB bulkInsert ${Math.round(raw.rxdbBulkInsertMs)} ms, ${documents} documents`,
      )
      await context.close()
    }
    const profileFile = process.env.BENCH_FIRST_SYNC_PROFILE
    if (profileFile) await profiledFirstSync(browser, server.url, profileFile)
  } finally {
    await browser.close()
    await server.close()
  }
  return {
    firstSyncMs: median(results.map((r) => r.firstSyncMs)),
    rawDexieMs: median(results.map((r) => r.rawDexieMs)),
    rxdbBulkInsertMs: median(results.map((r) => r.rxdbBulkInsertMs)),
    ratio: median(results.map((r) => r.firstSyncMs / r.rawDexieMs)),
    ratioToBulkInsert: median(results.map((r) => r.firstSyncMs / r.rxdbBulkInsertMs)),
    documents,
    runs: results,
  }
}

async function profiledFirstSync(browser: Browser, serverUrl: string, file: string): Promise<void> {
  const context = await browser.newContext()
  const page = await openBenchPage(context, serverUrl)
  const stopProfiler = await startProfiler(context, page)
  await page.evaluate(({ account, password }) => window.bench.firstSync(account, password), BENCH_ADMIN)
  await stopProfiler(file)
  await context.close()
}
