import { HARD_WEIGHT, isHard, type ConstraintKind, type Problem, type ProblemConstraint } from './problem.ts'

/**
 * Soft constraints of at least this weight are kept as if hard while the search can keep them. FET keeps a soft
 * constraint of weight w at each placement with probability w, so it practically never accepts (nor, locked, takes
 * back) a timetable breaking dozens of 95 % ones.
 */
export const KEEP_SOFT_WEIGHT = 90

/** Kinds about single activities or pairs of them; whole-week limits (gaps, daily hours…) stay soft. */
const KEPT_KINDS: ReadonlySet<ConstraintKind> = new Set<ConstraintKind>([
  'allowedStarts',
  'preferredRooms',
  'minDaysBetween',
  'sameStartingTime',
  'notOverlapping',
  'consecutive',
  'endsStudentsDay',
])

/**
 * Indexes (into `problem.constraints`) of the soft constraints to keep as hard: of a kept kind and weight, and not
 * plainly impossible on their own (min days between more activities than their allowed days can space out).
 */
export function softConstraintsToKeep(
  problem: Problem,
  allowedDays: (activity: number) => Set<number>,
): number[] {
  return problem.constraints.flatMap((constraint, index) =>
    keepable(constraint) && (constraint.kind !== 'minDaysBetween' || spreadable(constraint, allowedDays))
      ? [index]
      : [],
  )
}

function keepable(constraint: ProblemConstraint): boolean {
  return !isHard(constraint) && constraint.weight >= KEEP_SOFT_WEIGHT && KEPT_KINDS.has(constraint.kind)
}

/** Whether the days the activities may start on hold as many days, each `minDays` after the one before. */
function spreadable(
  c: { activities: number[]; minDays: number },
  allowedDays: (activity: number) => Set<number>,
): boolean {
  const days = [...new Set(c.activities.flatMap((activity) => [...allowedDays(activity)]))].sort(
    (a, b) => a - b,
  )
  let spread = 0
  let last = -Infinity
  for (const day of days) if (day - last >= c.minDays) [spread, last] = [spread + 1, day]
  return spread >= c.activities.length
}

/** The problem with the constraints at `kept` (indexes) made hard; the others as they are. */
export function withKeptAsHard(problem: Problem, kept: readonly number[]): Problem {
  if (kept.length === 0) return problem
  const hardened = new Set(kept)
  return {
    ...problem,
    constraints: problem.constraints.map((constraint, index) =>
      hardened.has(index) ? { ...constraint, weight: HARD_WEIGHT } : constraint,
    ),
  }
}
