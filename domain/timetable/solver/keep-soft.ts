import {
  HARD_WEIGHT,
  isHard,
  item,
  type ConstraintKind,
  type Problem,
  type ProblemConstraint,
} from './problem.ts'

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

/** The activities a constraint of a kept kind is about. */
function activitiesOf(constraint: ProblemConstraint): number[] {
  if (constraint.kind === 'allowedStarts' || constraint.kind === 'endsStudentsDay')
    return [constraint.activity]
  if (constraint.kind === 'consecutive') return [constraint.first, constraint.second]
  return 'activities' in constraint ? constraint.activities : []
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

/** The share of the kept constraints a stalled search gives up at once (those whose activities it forced out most). */
const RELAXED_SHARE = 0.25

/** Indexes of the soft constraints kept as hard, and of those given up (weighed by the search, not kept). */
export interface SoftKeeping {
  kept: number[]
  given: number[]
}

/**
 * What a stalled search gives up: the kept constraints about the activities it could not place (`unplaced`), and
 * the quarter of them whose activities it forced out most often.
 */
export function relaxAround(
  problem: Problem,
  keeping: SoftKeeping,
  unplaced: readonly number[],
  evictions: (activity: number) => number,
): SoftKeeping {
  const activitiesOfKept = (index: number) => activitiesOf(item(problem.constraints, index))
  const heat = (index: number) => activitiesOfKept(index).reduce((sum, a) => sum + evictions(a), 0)
  const hottest = [...keeping.kept].sort((a, b) => heat(b) - heat(a) || a - b)
  const giving = new Set(hottest.slice(0, Math.max(1, Math.ceil(hottest.length * RELAXED_SHARE))))
  for (const index of keeping.kept)
    if (activitiesOfKept(index).some((activity) => unplaced.includes(activity))) giving.add(index)
  return {
    kept: keeping.kept.filter((index) => !giving.has(index)),
    given: [...keeping.given, ...giving],
  }
}
