import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { FetPlacement } from '../../domain/timetable/fet/fet-model.ts'
import { lockFetSolution } from '../../domain/timetable/fet/write-fet-solution.ts'

/** Debian's `fet` and `fet-data` packages: FET's command line and its example schools. */
export const FET_CL = '/usr/bin/fet-cl'
export const FET_EXAMPLES = '/usr/share/doc/fet-data/examples'
export const fetInstalled = existsSync(FET_CL) && existsSync(FET_EXAMPLES)

export interface FetRun {
  /** fet-cl's exit code: 0 when it generated a timetable. */
  code: number
  output: string
  /** FET's solution (`<name>_activities.xml`), when it wrote one. */
  activitiesXml: string | null
}

/**
 * Runs fet-cl on `inputFile`, writing into `outputDir`; only the XML timetables are written. It is stopped after
 * `stopAfterSeconds` (SIGTERM: it then exits 0 without `<name>_activities.xml`), a safety net beyond its own limit,
 * which it does not honour while it retries a locked activity it cannot place.
 */
export function runFetCl(
  inputFile: string,
  outputDir: string,
  timeLimitSeconds: number,
  stopAfterSeconds = timeLimitSeconds + 60,
): Promise<FetRun> {
  const args = [
    `--inputfile=${inputFile}`,
    `--outputdir=${outputDir}`,
    `--timelimitseconds=${timeLimitSeconds}`,
    '--htmllevel=0',
    // Fixed seeds: the same run each time.
    ...['10', '11', '12', '20', '21', '22'].map((component) => `--randomseeds${component}=${component}`),
  ]
  return new Promise((resolve) => {
    execFile(FET_CL, args, { timeout: stopAfterSeconds * 1000 }, (error, stdout, stderr) => {
      const name = basename(inputFile, '.fet')
      const solution = join(outputDir, 'timetables', name, `${name}_activities.xml`)
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
      const read = code === 0 && existsSync(solution) ? readFile(solution, 'utf8') : Promise.resolve(null)
      void read.then((activitiesXml) => resolve({ code, output: stdout + stderr, activitiesXml }))
    })
  })
}

/**
 * Runs fet-cl on `fetText` with every placement locked in (`lockFetSolution`), as `<workDir>/<name>.fet`, writing
 * into `<workDir>/<name>`: FET accepts it exactly when the placements are valid.
 */
export async function runFetClLocked(
  fetText: string,
  placements: FetPlacement[],
  workDir: string,
  name: string,
  timeLimitSeconds: number,
  stopAfterSeconds?: number,
): Promise<FetRun> {
  const file = join(workDir, `${name}.fet`)
  await writeFile(file, lockFetSolution(fetText, placements))
  return runFetCl(file, join(workDir, name), timeLimitSeconds, stopAfterSeconds)
}
