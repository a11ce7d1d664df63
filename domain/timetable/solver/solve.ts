import { ActivitySet } from './activity-set.ts'
import { check, type CheckResult } from './check.ts'
import { softConstraintsToKeep, withKeptAsHard } from './keep-soft.ts'
import { nextTurn } from './next-turn.ts'
import { polish } from './polish.ts'
import { dayOf, isHard, item, type Assignment, type Problem } from './problem.ts'
import { TimetableState } from './timetable-state.ts'

export interface SolveProgress {
  placed: number
  total: number
  /** Unplaced activities of the best assignment so far. */
  bestCost: number
  /** While a complete timetable is polished (`polish.ts`): its soft cost so far. */
  softCost?: number
}

export interface SolveOptions {
  seed?: number
  signal?: AbortSignal
  onProgress?: (progress: SolveProgress) => void
}

export interface SolveResult {
  /** Every activity placed and no hard constraint broken (verified by the checkers). */
  complete: boolean
  assignment: Assignment
  check: CheckResult
  iterations: number
}

/** Iterations between yields to the event loop (for cancel and progress). */
const BATCH = 500
/** Iterations during which a just-placed activity is expensive to force out again. */
const TABU_TENURE = 12
const TABU_COST = 1000
/**
 * Once the search has stalled (as many steps as there are activities without fewer unplaced than ever before), this
 * share of its steps take an unplaced activity at random instead of the most constrained one. Taking always the most
 * constrained starves the others: activities that force one another out (GYR's afternoon blocks and midday breaks of
 * a whole year) are forced out ever more often, so they stay the most constrained, and 300–400 activities that had
 * free slots were never placed at all (docs/timetabling.md, "GYR: why the search stalled"). Before the first stall the
 * search is as it was: random picks while it still progresses made Romania slower.
 */
const RANDOM_PICK = 0.5
/**
 * An hour over a hard weekly gap limit weighs as much as forcing out this many fresh activities. Little: a week that
 * could not close its gaps with the lessons it has left forces lessons out (`TimetableState.conflicts`), so a gap in a
 * partial week is only a hint (at 1,000 two activities could force each other out for ever, as in Bethlen).
 */
const GAP_COST = 1
/**
 * Once repair has begun, an hour short of a hard daily minimum, or a day beginning too late, weighs as much as forcing
 * out this many activities. Not before: while the week fills up every new day of a teacher starts short of its
 * minimum, and weighing that kept Romania's school from ever being placed whole.
 */
const SHAPE_COST = 2

/** A small seeded PRNG (mulberry32): the same seed gives the same timetable. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Ejection-chain search (FET's "recursive swapping" idea, flattened into a queue): take the most constrained
 * unplaced activity (or, once the search has stalled, at random steps any unplaced one, so that none starves), put it
 * where forcing others out costs least, and queue those others again. Activities forced out often, and ones placed in
 * the last few steps (tabu), are expensive to force out, so it does not cycle.
 */
class Search {
  readonly state: TimetableState
  private readonly random: () => number
  private readonly evictions: number[]
  private readonly placedAt: number[]
  private readonly unplaced: number[]
  /** The part of each activity's difficulty that does not change during the search. */
  private readonly staticDifficulty: Float64Array
  private shapeCost = 0
  private candidateOut: ActivitySet
  private bestOut: ActivitySet
  private readonly partnerOut: ActivitySet
  private fewestUnplaced = Infinity
  private fewestUnplacedAt = 0
  private stalled = false
  /** Per activity, the others that must start with it (hard same starting time): placed and moved as one block. */
  private readonly partners: number[][]
  iteration = 0

  /** Starts from `start` (placements that keep the problem's hard constraints), or from nothing. */
  constructor(problem: Problem, random: () => number, start?: Assignment, weighed: readonly number[] = []) {
    this.state = new TimetableState(problem, weighed)
    this.candidateOut = new ActivitySet(problem.activities.length)
    this.bestOut = new ActivitySet(problem.activities.length)
    this.partnerOut = new ActivitySet(problem.activities.length)
    this.random = random
    this.evictions = problem.activities.map(() => 0)
    this.placedAt = problem.activities.map(() => -TABU_TENURE)
    this.unplaced = problem.activities.map((_, index) => index).filter((index) => !start?.[index])
    start?.forEach((placement, index) => placement && this.state.place(index, placement.slot, placement.room))
    this.partners = sameStartPartners(problem)
    this.staticDifficulty = Float64Array.from(problem.activities, (_, index) => this.fixedDifficulty(index))
  }

  get unplacedCount(): number {
    return this.unplaced.length
  }

  /** Places one activity; false when every activity is placed. */
  step(): boolean {
    const activity = this.takeNext()
    if (activity === undefined) return false
    this.iteration++
    const move = this.bestMove(activity)
    if (move) this.apply(activity, move)
    else this.unplaced.push(activity)
    return true
  }

  /** Puts the timetable back to `assignment` (one it has held); how often each activity was forced out stays. */
  returnTo(assignment: Assignment): void {
    this.state.assignment.forEach((_, index) => this.state.remove(index))
    this.unplaced.length = 0
    assignment.forEach((placement, index) => {
      if (placement) this.state.place(index, placement.slot, placement.room)
      else this.unplaced.push(index)
    })
  }

  /** Forces out one of `over` (activities over a whole-week hard limit), for it to be placed again. */
  unsettle(over: number[]): void {
    this.shapeCost = SHAPE_COST
    const chosen = over[Math.floor(this.random() * over.length)]
    if (chosen !== undefined) this.evict(chosen)
  }

  /** The next unplaced activity to place, taken out of the queue: the most constrained, or, once stalled, at random. */
  private takeNext(): number | undefined {
    if (this.unplaced.length === 0) return undefined
    const index =
      this.hasStalled() && this.random() < RANDOM_PICK
        ? Math.floor(this.random() * this.unplaced.length)
        : this.mostConstrainedIndex()
    return this.unplaced.splice(index, 1)[0]
  }

  /** Whether the search has once gone as many steps as there are activities without fewer unplaced than ever before. */
  private hasStalled(): boolean {
    if (this.unplaced.length < this.fewestUnplaced)
      [this.fewestUnplaced, this.fewestUnplacedAt] = [this.unplaced.length, this.iteration]
    this.stalled ||= this.iteration - this.fewestUnplacedAt > this.state.problem.activities.length
    return this.stalled
  }

  /** The index in the queue of the unplaced activity forced out most often, then hardest to place. */
  private mostConstrainedIndex(): number {
    let best = 0
    let bestScore = -Infinity
    for (let i = 0; i < this.unplaced.length; i++) {
      const activity = item(this.unplaced, i)
      const score = item(this.evictions, activity) * 4 + (this.staticDifficulty[activity] ?? 0)
      if (score > bestScore) [best, bestScore] = [i, score]
    }
    return best
  }

  private fixedDifficulty(activity: number): number {
    const { duration, teachers, subgroups } = item(this.state.problem.activities, activity)
    const rule = item(this.state.rules, activity)
    const freedom =
      rule.allowed.reduce((sum, set) => sum + set, 0) * (rule.rooms ? Math.max(1, rule.rooms.length) : 8)
    return duration + rule.relations.length + teachers.length + subgroups.length - freedom / 8
  }

  private cost = (occupant: number): number =>
    1 +
    item(this.evictions, occupant) +
    (this.iteration - item(this.placedAt, occupant) < TABU_TENURE ? TABU_COST : 0)

  /** The cheapest slot for `activity`; its forced-out activities are left in `bestOut` (no set per slot). */
  private bestMove(activity: number) {
    const { allowed } = item(this.state.rules, activity)
    const partners = item(this.partners, activity)
    let best: { slot: number; room: number | null; out: ActivitySet; cost: number } | null = null
    for (let slot = 0; slot < this.state.slots; slot++) {
      if (!allowed[slot] || !partners.every((p) => item(this.state.rules, p).allowed[slot])) continue
      const out = this.state.directConflicts(activity, slot, this.candidateOut, this.cost)
      const room = this.state.bestRoom(activity, slot, this.cost)
      if (!room) continue
      const alone = partners.length === 0
      if (!alone && !this.addBlockConflicts(activity, partners, slot, room.occupant, out)) continue
      const random = this.random()
      // The rest of the cost only adds: a slot whose direct conflicts already cost as much as the best is dropped
      // before its week is weighed (the same choice as weighing it whole, in less time).
      if (best && this.plusEvictionCosts(random, out) >= best.cost) continue
      if (
        alone &&
        !this.addWeekConflicts(activity, slot, room.occupant, out, best ? best.cost - random : Infinity)
      )
        continue
      let cost = random + this.excessCost(activity, slot) + this.state.brokenSoft(activity, slot) * SOFT_COST
      for (const partner of partners) cost += this.excessCost(partner, slot)
      cost = this.plusEvictionCosts(cost, out)
      if (best && cost >= best.cost) continue
      ;[this.candidateOut, this.bestOut] = [this.bestOut, out]
      best = { slot, room: room.room, out, cost }
    }
    return best
  }

  /** `cost` plus the cost of forcing out each of `out`, added in its order. */
  private plusEvictionCosts(cost: number, out: ActivitySet): number {
    let total = cost
    for (let index = 0; index < out.size; index++) total += this.cost(out.at(index))
    return total
  }

  /**
   * Adds to the direct conflicts in `out` the rest of `conflicts`, then the room's occupant (-1: none); false as soon
   * as forcing them out is sure to cost `budget` or more (`TimetableState.limitAndCapacityConflicts`).
   */
  private addWeekConflicts(
    activity: number,
    slot: number,
    roomOccupant: number,
    out: ActivitySet,
    budget = Infinity,
  ): boolean {
    if (!this.state.limitAndCapacityConflicts(activity, slot, out, this.cost, budget)) return false
    if (roomOccupant >= 0) out.add(roomOccupant)
    return true
  }

  /** `addWeekConflicts`, then what the partners force out; false when one of them has no room at `slot`. */
  private addBlockConflicts(
    activity: number,
    partners: number[],
    slot: number,
    roomOccupant: number,
    out: ActivitySet,
  ): boolean {
    this.addWeekConflicts(activity, slot, roomOccupant, out)
    return this.addPartnerConflicts(activity, partners, slot, out)
  }

  private excessCost(activity: number, slot: number): number {
    const excess = this.state.weekExcess(activity, slot)
    return excess.gaps * GAP_COST + excess.shape * this.shapeCost
  }

  /** Adds what the partners would force out at `slot` to `out`; false when one of them has no room there. */
  private addPartnerConflicts(activity: number, partners: number[], slot: number, out: ActivitySet): boolean {
    for (const partner of partners) {
      const room = this.state.bestRoom(partner, slot, this.cost)
      if (!room) return false
      if (room.occupant >= 0) out.add(room.occupant)
      for (const occupant of this.state.conflicts(partner, slot, this.partnerOut, this.cost))
        out.add(occupant)
    }
    out.delete(activity)
    for (const partner of partners) out.delete(partner)
    return true
  }

  /**
   * Places `activity` as `move` says and its partners at the same slot. The partners leave their places first: the
   * move may put the activity in a partner's room (weighed as free, since the partner moves), and a partner taken out
   * afterwards would mark that room free under the activity.
   */
  private apply(activity: number, move: { slot: number; room: number | null; out: ActivitySet }): void {
    for (let index = 0; index < move.out.size; index++) this.evict(move.out.at(index))
    const partners = item(this.partners, activity)
    for (const partner of partners) this.state.remove(partner)
    this.state.place(activity, move.slot, move.room)
    this.placedAt[activity] = this.iteration
    for (const partner of partners) this.movePartner(activity, partner, move.slot)
  }

  /** Moves a partner of `activity` (out of the timetable) to its slot, forcing out what is still in the way. */
  private movePartner(activity: number, partner: number, slot: number): void {
    const queued = this.unplaced.indexOf(partner)
    if (queued >= 0) this.unplaced.splice(queued, 1)
    const inBlock = (other: number) => other === activity || item(this.partners, activity).includes(other)
    const room = this.state.bestRoom(partner, slot, this.cost)
    if (!room || (room.occupant >= 0 && inBlock(room.occupant))) {
      this.unplaced.push(partner)
      return
    }
    if (room.occupant >= 0) this.evict(room.occupant)
    for (const occupant of this.state.conflicts(partner, slot, this.partnerOut, this.cost))
      if (!inBlock(occupant)) this.evict(occupant)
    this.state.place(partner, slot, room.room)
    this.placedAt[partner] = this.iteration
  }

  private evict(activity: number): void {
    this.state.remove(activity)
    this.evictions[activity] = item(this.evictions, activity) + 1
    this.unplaced.push(activity)
  }
}

/** The days an activity may start on under the hard constraints. */
function allowedDays(problem: Problem): (activity: number) => Set<number> {
  const { rules } = new TimetableState(problem)
  return (activity) => {
    const days = new Set<number>()
    item(rules, activity).allowed.forEach((allowed, slot) => allowed && days.add(dayOf(problem, slot)))
    return days
  }
}

/** Per activity, every other activity tied to it by hard same-starting-time constraints, directly or through others. */
function sameStartPartners(problem: Problem): number[][] {
  const block = problem.activities.map((_, index) => [index])
  for (const c of problem.constraints) {
    if (c.kind !== 'sameStartingTime' || !isHard(c)) continue
    const merged = [...new Set(c.activities.flatMap((a) => item(block, a)))]
    for (const a of merged) block[a] = merged
  }
  return block.map((members, index) => members.filter((other) => other !== index))
}

/**
 * A soft relation the search kept as hard and then gave up (`keep-soft.ts`) weighs, broken, as much as forcing out
 * this many fresh activities (Romania, seed 1: 37 broken with 3, 35–41 with 6 or 12 but 3–4 × the CPU time).
 */
const SOFT_COST = 3
/**
 * Iterations without a better result after which a search keeping soft constraints gives them all up (weighs them).
 * Giving up only those about the unplaced activities and the quarter forced out most, stall after stall, took Romania
 * (seed 1) 16 stalls, most bringing nothing better, and broke as many of them in the end (docs/timetabling.md,
 * "Romania: where the time went").
 */
const STALL_ITERATIONS = 5_000

interface PhaseResult {
  best: Assignment
  solved: boolean
}

/**
 * Steps without a better result, as a multiple of the activities, after which the search goes back to its best
 * assignment: left alone it drifts to 10–20 unplaced and wanders there (Romania, seed 1: 39,000 steps from 7 unplaced
 * to none). The wait doubles at each return that brings nothing better, so that a best result that only a longer
 * walk can leave is left in the end (with a fixed wait, one Brazil seed in 20 found nothing in 120 s).
 * docs/timetabling.md, "Going back to the best".
 */
const RETURN_AFTER = 2

/** When a search that has found nothing better for a while should go back to its best result. */
export class ReturnSchedule {
  private readonly first: number
  private wait: number
  private since = 0

  constructor(activities: number) {
    this.first = RETURN_AFTER * activities
    this.wait = this.first
  }

  /** A better result at `iteration`: the wait starts anew. */
  improved(iteration: number): void {
    this.since = iteration
    this.wait = this.first
  }

  /** Whether to go back at `iteration`; when so, the next wait is twice as long. */
  due(iteration: number): boolean {
    if (iteration - this.since <= this.wait) return false
    this.since = iteration
    this.wait *= 2
    return true
  }
}

/**
 * Searches until every activity is placed with every hard constraint of `problem` kept, `signal` aborts, or (when
 * `stallIterations` is finite) that many iterations bring no better result; returns the best assignment found (the
 * most activities placed, then the fewest over a whole-week limit). A search that finds nothing better for a while
 * goes back to the best (`ReturnSchedule`).
 */
async function searchPhase(
  search: Search,
  total: number,
  stallIterations: number,
  options: SolveOptions,
): Promise<PhaseResult> {
  // Fewer unplaced is better; with all placed, fewer activities over a whole-week limit (at most `total`).
  const score = (unplaced: number, over: number) => unplaced * (total + 1) + over
  let best: Assignment = search.state.assignment.slice()
  let bestScore = Infinity
  let bestIteration = search.iteration
  const schedule = new ReturnSchedule(total)
  const keepIfBetter = (candidate: number) => {
    if (candidate >= bestScore) return
    ;[best, bestScore, bestIteration] = [search.state.assignment.slice(), candidate, search.iteration]
    schedule.improved(search.iteration)
  }
  const stalled = () => search.iteration - bestIteration > stallIterations
  let solved = false
  while (!solved && !stalled() && !options.signal?.aborted) {
    for (let i = 0; i < BATCH && !solved; i++) {
      keepIfBetter(score(search.unplacedCount, total))
      if (schedule.due(search.iteration)) search.returnTo(best)
      if (search.step()) continue
      const over = search.state.activitiesOverWeekLimits()
      keepIfBetter(score(0, over.length))
      solved = over.length === 0
      search.unsettle(over)
    }
    const bestCost = Math.floor(bestScore / (total + 1))
    options.onProgress?.({ placed: total - search.unplacedCount, total, bestCost })
    await nextTurn()
  }
  return { best, solved }
}

/** The result checked, and polished first (`polish.ts`) when it keeps every hard constraint; the checkers decide. */
async function polished(problem: Problem, best: Assignment, options: SolveOptions) {
  const unpolished = check(problem, best)
  if (unpolished.hard.length > 0) return { complete: false, assignment: best, check: unpolished }
  const total = problem.activities.length
  const assignment = await polish(problem, best, {
    signal: options.signal,
    onProgress: (softCost) => options.onProgress?.({ placed: total, total, bestCost: 0, softCost }),
  })
  const result = check(problem, assignment)
  return { complete: result.hard.length === 0, assignment, check: result }
}

/**
 * Places the activities of `problem` respecting its hard constraints; stops when complete or when `signal` aborts,
 * returning the best assignment found. Soft constraints of high weight (`keep-soft.ts`) are kept as hard first; if
 * that search stalls, it gives them all up (they are weighed from then on, not kept) and goes on from its best
 * assignment until complete. A complete timetable is then polished: moves that keep every hard constraint and lower
 * the soft cost (`polish.ts`). Deterministic for a seed when not cut short.
 */
export async function solve(problem: Problem, options: SolveOptions = {}): Promise<SolveResult> {
  const random = seededRandom(options.seed ?? 1)
  const total = problem.activities.length
  const kept = softConstraintsToKeep(problem, allowedDays(problem))
  const keeping = new Search(withKeptAsHard(problem, kept), random)
  const stallIterations = kept.length > 0 ? STALL_ITERATIONS : Infinity
  const first = await searchPhase(keeping, total, stallIterations, options)
  if (first.solved || kept.length === 0 || options.signal?.aborted)
    return { ...(await polished(problem, first.best, options)), iterations: keeping.iteration }
  const weighing = new Search(problem, random, first.best, kept)
  const second = await searchPhase(weighing, total, Infinity, options)
  const iterations = keeping.iteration + weighing.iteration
  return { ...(await polished(problem, second.best, options)), iterations }
}
