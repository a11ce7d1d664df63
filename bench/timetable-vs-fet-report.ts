// The pure part of `timetable_solve_vs_fet` (bench/timetable-vs-fet.ts): time limits, ratios and the report.
import type { FetPlacement } from '../domain/timetable/fet/fet-model.ts'
import { round } from './stats.ts'

/** One side's run on one school, its result judged by our checker. */
export interface SideRun {
  seconds: number
  placed: number
  hardViolations: number
  softCost: number
}

export interface SchoolRun {
  school: string
  activities: number
  /** fet-cl generated a timetable within its limit (its time is otherwise only a lower bound). */
  fetComplete: boolean
  fet: SideRun
  ours: SideRun & {
    seed: number
    limitSeconds: number
    /** fet-cl on the file with our placements locked in; null when not asked (our result was incomplete). */
    acceptedByFet: boolean | null
  }
}

const MIN_SOLVE_LIMIT_SECONDS = 60
const SOLVE_LIMIT_PER_FET_SECOND = 3

/** Timers and AbortSignal.timeout() take whole milliseconds: a fractional delay throws. */
export const wholeMilliseconds = (seconds: number) => Math.ceil(seconds * 1000)

/** fet-cl's --timelimitseconds is an integer. */
export const wholeSeconds = (seconds: number) => Math.ceil(seconds)

/** Our limit: the one set, else 3 × FET's time but at least 60 s. */
export function solveLimitSeconds(fetSeconds: number, setSeconds?: number): number {
  return setSeconds ?? Math.max(SOLVE_LIMIT_PER_FET_SECOND * fetSeconds, MIN_SOLVE_LIMIT_SECONDS)
}

/**
 * What fet-cl returned for a locked file keeps what we gave it, in any order: every activity at the same time, and in
 * the same room where we gave one. An activity we gave no room is not locked to one (`lockFetSolution`), and FET puts
 * it in a room when a soft preferred-room constraint asks for one (130 of Bethlen's activities): that adds to our
 * placement, it does not refuse it.
 */
export function keepsPlacements(returned: FetPlacement[], given: FetPlacement[]): boolean {
  const key = (p: FetPlacement, room: string) => JSON.stringify([p.id, p.day, p.hour, room])
  const givenKeys = new Set(given.map((p) => key(p, p.room)))
  const roomless = new Set(given.filter((p) => p.room === '').map((p) => p.id))
  return (
    returned.length === given.length &&
    returned.every((p) => givenKeys.has(key(p, roomless.has(p.id) ? '' : p.room)))
  )
}

/** Every activity placed, no hard constraint broken, and fet-cl accepting it. */
export function solved(run: SchoolRun): boolean {
  const { ours } = run
  return ours.placed === run.activities && ours.hardViolations === 0 && ours.acceptedByFet === true
}

export const ratio = (run: SchoolRun) => run.ours.seconds / run.fet.seconds

/** The result: the worst ratio (an unsolved school counts with the whole time we spent on it). */
export function worstRatio(runs: SchoolRun[]): number {
  if (runs.length === 0) throw new Error('no schools measured')
  return Math.max(...runs.map(ratio))
}

export const unsolvedSchools = (runs: SchoolRun[]) =>
  runs.filter((run) => !solved(run)).map((run) => run.school)

const sideDetails = (side: SideRun) => ({
  seconds: round(side.seconds),
  placed: side.placed,
  hard_violations: side.hardViolations,
  soft_cost: round(side.softCost),
})

export function schoolDetails(run: SchoolRun) {
  return {
    activities: run.activities,
    ratio: round(ratio(run), 2),
    fet: { ...sideDetails(run.fet), complete: run.fetComplete },
    ours: {
      ...sideDetails(run.ours),
      seed: run.ours.seed,
      limit_seconds: round(run.ours.limitSeconds),
      accepted_by_fet: run.ours.acceptedByFet,
    },
  }
}

const acceptance = (accepted: boolean | null) => (accepted === null ? 'not asked' : accepted ? 'yes' : 'no')

/** A markdown table of the run, for docs/benchmarks.md. */
export function resultTable(runs: SchoolRun[]): string {
  const rows = runs.map((run) => {
    const { fet, ours } = run
    return [
      run.school,
      `${round(fet.seconds)} s${run.fetComplete ? '' : ' (no timetable)'}`,
      `${round(ours.seconds)} s`,
      round(ratio(run), 2).toFixed(2),
      `${fet.placed} / ${ours.placed} of ${run.activities}`,
      `${fet.hardViolations} / ${ours.hardViolations}`,
      `${round(fet.softCost)} / ${round(ours.softCost)}`,
      acceptance(ours.acceptedByFet),
    ]
  })
  const header = [
    'school',
    'fet-cl',
    'ours',
    'ratio',
    'placed (FET / ours)',
    'hard',
    'soft cost',
    'FET accepts',
  ]
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n')
}
