// `timetable_solve_vs_fet` (issue 17): fet-cl and our solver on the same FET example schools, in the same run; our
// result locked into the file and given back to fet-cl. Results are judged by our checker (docs/benchmarks.md).
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FetPlacement } from '../domain/timetable/fet/fet-model.ts'
import { assignmentFromFet, problemFromFet } from '../domain/timetable/fet/fet-to-problem.ts'
import { readFet, readFetSolution } from '../domain/timetable/fet/read-fet.ts'
import { fetPlacements } from '../domain/timetable/fet/write-fet-solution.ts'
import { check } from '../domain/timetable/solver/check.ts'
import type { Assignment, Problem } from '../domain/timetable/solver/problem.ts'
import { solve } from '../domain/timetable/solver/solve.ts'
import { FET_EXAMPLES, runFetCl, runFetClLocked } from '../test/timetable/fet-cl.ts'
import {
  keepsPlacements,
  solveLimitSeconds,
  wholeMilliseconds,
  wholeSeconds,
  type SchoolRun,
  type SideRun,
} from './timetable-vs-fet-report.ts'
import { round } from './stats.ts'

/** The five schools of issue 17, under fet-data's FET-5-official examples. */
export const FET_SCHOOLS: Record<string, string> = {
  Brazil: 'Brazil/1/Brazil.fet',
  Romania: 'Romania/Pedagogic-High-School-Tg-Mures/2007-2008_sem1-d.fet',
  Spain: 'Spain/2-secondary-school/secondary-school.fet',
  Bethlen: 'Hungary/Bethlen/2008-2009/2-newer/Bethlen-2008-2009.fet',
  GYR: 'Germany/secondary-school-2/GYR.fet',
}

export interface SolveVsFetSettings {
  schools: string[]
  fetLimitSeconds: number
  /** Our time limit; by default 3 × FET's time, at least 60 s. */
  solveLimitSeconds?: number
  verifyLimitSeconds: number
  seed: number
}

const secondsSince = (start: number) => (performance.now() - start) / 1000

function judged(problem: Problem, assignment: Assignment, seconds: number): SideRun {
  const result = check(problem, assignment)
  return {
    seconds,
    placed: assignment.filter((placement) => placement !== null).length,
    hardViolations: result.hard.length,
    softCost: result.softCost,
  }
}

async function runFet(file: string, problem: Problem, outputDir: string, limitSeconds: number) {
  const start = performance.now()
  const run = await runFetCl(file, outputDir, wholeSeconds(limitSeconds))
  const seconds = secondsSince(start)
  const placements = run.activitiesXml === null ? [] : readFetSolution(run.activitiesXml)
  return {
    complete: run.activitiesXml !== null,
    side: judged(problem, assignmentFromFet(problem, placements), seconds),
  }
}

/** Our solver in this process, timed from the file's text (FET's time includes reading the file too). */
async function runOurs(fetText: string, limitSeconds: number, seed: number) {
  const start = performance.now()
  const problem = problemFromFet(readFet(fetText))
  const result = await solve(problem, { seed, signal: AbortSignal.timeout(wholeMilliseconds(limitSeconds)) })
  const seconds = secondsSince(start)
  return {
    complete: result.complete,
    placements: fetPlacements(problem, result.assignment),
    side: judged(problem, result.assignment, seconds),
  }
}

async function acceptedByFet(
  fetText: string,
  placements: FetPlacement[],
  workDir: string,
  limitSeconds: number,
) {
  const run = await runFetClLocked(fetText, placements, workDir, 'locked', wholeSeconds(limitSeconds))
  return run.activitiesXml !== null && keepsPlacements(readFetSolution(run.activitiesXml), placements)
}

function schoolFile(school: string): string {
  const path = FET_SCHOOLS[school]
  if (path === undefined)
    throw new Error(`unknown school ${school} (known: ${Object.keys(FET_SCHOOLS).join(', ')})`)
  return join(FET_EXAMPLES, 'FET-5-official', path)
}

async function measureSchool(
  school: string,
  file: string,
  settings: SolveVsFetSettings,
  workDir: string,
): Promise<SchoolRun> {
  const fetText = await readFile(file, 'utf8')
  const problem = problemFromFet(readFet(fetText))
  const fet = await runFet(file, problem, join(workDir, 'fet'), settings.fetLimitSeconds)
  const limitSeconds = solveLimitSeconds(fet.side.seconds, settings.solveLimitSeconds)
  const ours = await runOurs(fetText, limitSeconds, settings.seed)
  const accepted = ours.complete
    ? await acceptedByFet(fetText, ours.placements, workDir, settings.verifyLimitSeconds)
    : null
  return {
    school,
    activities: problem.activities.length,
    fetComplete: fet.complete,
    fet: fet.side,
    ours: { ...ours.side, seed: settings.seed, limitSeconds, acceptedByFet: accepted },
  }
}

/** Each school in turn: fet-cl, then ours with a limit from FET's time, then fet-cl on our locked result. */
export async function measureSolveVsFet(settings: SolveVsFetSettings): Promise<SchoolRun[]> {
  const schools = settings.schools.map((school) => ({ school, file: schoolFile(school) }))
  const runs: SchoolRun[] = []
  for (const { school, file } of schools) {
    const workDir = await mkdtemp(join(tmpdir(), 'solve-vs-fet-'))
    try {
      const run = await measureSchool(school, file, settings, workDir)
      console.error(`${school}: fet-cl ${round(run.fet.seconds)} s, ours ${round(run.ours.seconds)} s`)
      runs.push(run)
    } finally {
      await rm(workDir, { recursive: true, force: true })
    }
  }
  return runs
}
