// import_3000_students_ms: an admin's import of 3,000 students with 2 guardians each, in Chromium.
import { withBenchPage } from './page.ts'
import { median } from './stats.ts'

export interface ImportNumbers {
  ms: number
  readMs: number
  planMs: number
  writeMs: number
  gateMs: number
  students: number
  guardians: number
  documents: number
  runs: { readMs: number; planMs: number; writeMs: number }[]
}

/** Each run imports the same file into a fresh replica holding only the demo classes. */
export async function measureImport(runs: number): Promise<ImportNumbers> {
  const results = await withBenchPage(async (page) => {
    const done = []
    for (let run = 0; run < runs; run++) {
      const result = await page.evaluate(() => window.bench.importStudents())
      const ms = (value: number) => `${Math.round(value)} ms`
      console.log(
        `import run ${run + 1}: ${result.students} students + ${result.guardians} guardians, readTables ${ms(result.readMs)}, plan ${ms(result.planMs)}, gate + bulkPut ${ms(result.writeMs)} (gate ${ms(result.gateMs)})`,
      )
      done.push(result)
    }
    return done
  })
  const [first] = results
  if (!first) throw new Error('no import run')
  return {
    ms: median(results.map((r) => r.readMs + r.planMs + r.writeMs)),
    readMs: median(results.map((r) => r.readMs)),
    planMs: median(results.map((r) => r.planMs)),
    writeMs: median(results.map((r) => r.writeMs)),
    gateMs: median(results.map((r) => r.gateMs)),
    students: first.students,
    guardians: first.guardians,
    documents: first.documents,
    runs: results.map(({ readMs, planMs, writeMs }) => ({ readMs, planMs, writeMs })),
  }
}
