import { ActivitySet } from './activity-set.ts'
import { SoftCostMeter } from './check.ts'
import { nextTurn } from './next-turn.ts'
import {
  isHard,
  item,
  type Assignment,
  type Placement,
  type Problem,
  type ProblemConstraint,
} from './problem.ts'
import { TimetableState } from './timetable-state.ts'

export interface PolishOptions {
  signal?: AbortSignal
  /** After each round: the soft cost of the timetable so far. */
  onProgress?: (softCost: number) => void
}

/** A move forcing out more activities than this is not weighed. */
const MAX_EJECTED = 3
/** A swap chain moving more activities than this is not weighed. */
const MAX_CHAIN = 20
/** Rounds over the activities of broken soft constraints, at most; a round that improves nothing ends it earlier. */
const MAX_ROUNDS = 10
/** Moves weighed between yields to the event loop (for cancel). */
const YIELD_EVERY = 2_000

/** Activities moved together, each to its new placement (null: taken out, only while a move is weighed). */
type Move = { activity: number; to: Placement | null }[]

/** The activities whose placement can change whether `constraint` is kept. */
function touchedBy(problem: Problem, constraint: ProblemConstraint): number[] {
  const all = problem.activities.map((_, index) => index)
  const sharing = (teachers: number[], subgroups: number[]) =>
    all.filter((index) => {
      const activity = item(problem.activities, index)
      return (
        activity.teachers.some((t) => teachers.includes(t)) ||
        activity.subgroups.some((s) => subgroups.includes(s))
      )
    })
  const c = constraint
  if (c.kind === 'allowedStarts') return [c.activity]
  if (c.kind === 'consecutive') return [c.first, c.second]
  if (c.kind === 'endsStudentsDay') return sharing([], item(problem.activities, c.activity).subgroups)
  if (c.kind === 'teacherUnavailable') return sharing([c.teacher], [])
  if ('activities' in c) return c.activities
  if ('teachers' in c) return sharing(c.teachers, [])
  if ('subgroups' in c) return sharing([], c.subgroups)
  return all
}

/**
 * Moves of a complete timetable that keep every hard constraint (checked on a `TimetableState` of the problem's hard
 * constraints) and lower the soft cost (weighed by a `SoftCostMeter` over the constraints about the moved activities).
 */
class Polisher {
  private readonly state: TimetableState
  private readonly meter: SoftCostMeter
  private readonly softIndexes: number[]
  /** Per soft constraint index, the activities it is about. */
  private readonly activitiesOf = new Map<number, number[]>()
  /** Per activity, the soft constraints (indexes) its placement can change. */
  private readonly touching: number[][]
  /** Per activity without a hard room: no room, or a room a soft preferred-rooms constraint asks for. */
  private readonly softRooms: (number | null)[][]
  /** What placing an activity somewhere would force out (one set, reused). */
  private readonly out: ActivitySet
  weighed = 0

  constructor(problem: Problem, assignment: Assignment) {
    this.state = new TimetableState(problem)
    this.out = new ActivitySet(problem.activities.length)
    assignment.forEach((placement, activity) => {
      if (placement) this.state.place(activity, placement.slot, placement.room)
    })
    this.meter = new SoftCostMeter(problem, assignment)
    this.softIndexes = problem.constraints.flatMap((c, index) => (!isHard(c) && c.weight > 0 ? [index] : []))
    this.touching = problem.activities.map(() => [])
    this.softRooms = problem.activities.map(() => [null])
    for (const index of this.softIndexes) {
      const constraint = item(problem.constraints, index)
      const activities = touchedBy(problem, constraint)
      this.activitiesOf.set(index, activities)
      for (const activity of activities) item(this.touching, activity).push(index)
      if (constraint.kind === 'preferredRooms') this.offerRooms(constraint.activities, constraint.rooms)
    }
  }

  private offerRooms(activities: number[], rooms: number[]): void {
    const { problem } = this.state
    for (const activity of activities) {
      const fitting = rooms.filter(
        (room) => item(problem.rooms, room).capacity >= item(problem.activities, activity).students,
      )
      this.softRooms[activity] = [...new Set([...item(this.softRooms, activity), ...fitting])]
    }
  }

  get assignment(): Assignment {
    return this.state.assignment.slice()
  }

  softCost(): number {
    return this.meter.cost(this.softIndexes)
  }

  /** The activities of the soft constraints broken now, in index order. */
  activitiesOfBroken(): number[] {
    const activities = new Set<number>()
    for (const index of this.softIndexes)
      if (this.meter.cost([index]) > 0) for (const a of this.activitiesOf.get(index) ?? []) activities.add(a)
    return [...activities].sort((a, b) => a - b)
  }

  /**
   * The best of the moves of `activity` that keep every hard constraint and lower the soft cost, applied: to a slot
   * (and room) where it forces nothing out, or where the few it forces out each go where they force nothing out (an
   * ejection chain of two; a swap when they go to its old slot). False when no move lowers the cost.
   */
  improve(activity: number): boolean {
    const from = this.state.assignment[activity]
    if (!from) return false
    let best: { move: Move; delta: number } | null = null
    for (const move of this.movesOf(activity, from)) {
      const delta = this.delta(move)
      if (delta < (best?.delta ?? 0)) best = { move, delta }
    }
    if (best) this.apply(best.move)
    return best !== null
  }

  /** Every move of `activity` from `from` that keeps the hard constraints, each weighed before the next is made. */
  private *movesOf(activity: number, from: Placement): Generator<Move> {
    for (const to of this.placements(activity, from.room)) {
      if (to.slot === from.slot && to.room === from.room) continue
      yield* this.movesPlacing(activity, to)
    }
    yield* this.swapChains(activity, from.slot)
  }

  /**
   * `activity` to `to`, alone, or with the few activities it would force out each going, in turn, where it forces
   * nothing out (an ejection chain of two; a swap when they go to its old slot); only moves that keep every hard
   * constraint. Nothing is placed where it would overlap another (the state holds one activity per cell).
   */
  private movesPlacing(activity: number, to: Placement): Move[] {
    const alone: Move = [{ activity, to }]
    const out = this.withMove([{ activity, to: null }], () => [
      ...this.state.conflicts(activity, to.slot, this.out),
    ])
    if (out.length > MAX_EJECTED) return []
    const rooms = out.map((ejected) => this.state.assignment[ejected]?.room ?? null)
    const taken: Move = [...alone, ...out.map((ejected) => ({ activity: ejected, to: null }))]
    const moves = this.withMove(taken, () => this.placeInTurn(out, rooms, alone))
    return moves.filter((move) => this.withMove(move, () => this.keepsHard(move)))
  }

  /** Swap chains (`swapChain`) of `activity` from `slot` to each other slot it may start at, of two or more. */
  private swapChains(activity: number, slot: number): Move[] {
    const { allowed } = item(this.state.rules, activity)
    const moves: Move[] = []
    for (let to = 0; to < this.state.slots; to++) {
      if (!allowed[to] || to === slot) continue
      const chain = this.swapChain(activity, slot, to)
      if (chain && chain.length > 1 && this.withMove(chain, () => this.keepsHard(chain))) moves.push(chain)
    }
    return moves
  }

  /**
   * A Kempe chain: `activity` from slot `a` to `b`, and every activity that would then clash with a moved one (sharing
   * a teacher, students or a relation) moving between the hours of `activity` at `a` and at `b` too (by as many slots
   * either way), until none clashes. Null when one in the way is not wholly within those hours, may not start where
   * it would go, has no free room there, or the chain grows over `MAX_CHAIN`. In a week without gaps (every class busy
   * every hour) a lesson can only move so.
   */
  private swapChain(activity: number, a: number, b: number): Move | null {
    const { duration } = item(this.state.problem.activities, activity)
    if (this.state.day(a) === this.state.day(b) && Math.abs(a - b) < duration) return null
    const targets = new Map<number, number>([[activity, b]])
    const queue = [activity]
    for (let moving = queue.pop(); moving !== undefined; moving = queue.pop()) {
      for (const other of [...this.state.directConflicts(moving, targets.get(moving) ?? a, this.out)]) {
        if (targets.has(other)) continue
        const to = this.shifted(other, a, b, duration)
        if (to === null || targets.size === MAX_CHAIN) return null
        targets.set(other, to)
        queue.push(other)
      }
    }
    return this.withRooms(targets)
  }

  /** Where `activity` goes when the hours from `a` and from `b` (`duration` long) swap; null if not wholly in one. */
  private shifted(activity: number, a: number, b: number, duration: number): number | null {
    const at = this.state.assignment[activity]?.slot
    if (at === undefined) return null
    const end = at + item(this.state.problem.activities, activity).duration
    const within = (start: number) => at >= start && end <= start + duration
    const to = within(a) ? at + b - a : within(b) ? at + a - b : null
    return to !== null && item(this.state.rules, activity).allowed[to] ? to : null
  }

  /**
   * The move of each activity to its target slot, each in its own room when that is free there or left by a moving
   * activity, else in the first such usable one; null when one has none.
   */
  private withRooms(targets: Map<number, number>): Move | null {
    const taken = new Set<number>()
    const move: Move = []
    for (const [activity, slot] of targets) {
      const hours = [...Array(item(this.state.problem.activities, activity).duration).keys()].map(
        (h) => slot + h,
      )
      const usable = (room: number | null) =>
        room === null ||
        hours.every((s) => {
          const occupant = this.state.roomOccupant(room, s, 1)
          return (
            !taken.has(room * this.state.slots + s) &&
            (occupant === -1 || (occupant !== null && targets.has(occupant)))
          )
        })
      const own = this.state.assignment[activity]?.room ?? null
      const room = usable(own)
        ? own
        : (item(this.state.rules, activity).rooms ?? item(this.softRooms, activity)).find(usable)
      if (room === undefined) return null
      if (room !== null) for (const s of hours) taken.add(room * this.state.slots + s)
      move.push({ activity, to: { slot, room } })
    }
    return move
  }

  /** `made`, then the first of `out` (taken out; its room was `rooms[0]`) and the rest in turn, every way. */
  private placeInTurn(out: number[], rooms: (number | null)[], made: Move): Move[] {
    const [activity, ...rest] = out
    if (activity === undefined) return [made]
    return this.placements(activity, rooms[0] ?? null)
      .filter((to) => this.state.fitsFreely(activity, to.slot, this.out))
      .flatMap((to) => {
        const placing: Move = [{ activity, to }]
        return this.withMove(placing, () => this.placeInTurn(rest, rooms.slice(1), [...made, ...placing]))
      })
  }

  /**
   * Where the activity may go: each allowed slot with a free usable room — `current` (its room now, or before it was
   * taken out) if free, else the first — and, without a hard room, each free soft-preferred one.
   */
  private placements(activity: number, current: number | null): Placement[] {
    const { allowed, rooms } = item(this.state.rules, activity)
    const { duration } = item(this.state.problem.activities, activity)
    const placements: Placement[] = []
    for (let slot = 0; slot < this.state.slots; slot++) {
      if (!allowed[slot]) continue
      const free = (room: number | null) =>
        room === null || this.state.roomOccupant(room, slot, duration) === -1
      const usable = (rooms ?? item(this.softRooms, activity)).filter(free)
      const chosen = new Set([usable.includes(current) ? current : usable[0], ...(rooms ? [] : usable)])
      for (const room of chosen) if (room !== undefined) placements.push({ slot, room })
    }
    return placements
  }

  /** Whether every activity the move places keeps every hard constraint there. */
  private keepsHard(move: Move): boolean {
    this.weighed++
    return move.every(({ activity, to }) => {
      if (!to) return true
      this.state.remove(activity)
      const excess = this.state.weekExcess(activity, to.slot)
      const { duration } = item(this.state.problem.activities, activity)
      const keeps =
        excess.gaps + excess.shape === 0 &&
        (to.room === null || this.state.roomOccupant(to.room, to.slot, duration) === -1) &&
        this.state.fitsFreely(activity, to.slot, this.out)
      this.state.place(activity, to.slot, to.room)
      return keeps
    })
  }

  /** Runs `inside` with the move made in the state, then takes it back. */
  private withMove<T>(move: Move, inside: () => T): T {
    const back = this.placeAll(move)
    const result = inside()
    this.placeAll(back)
    return result
  }

  /** Makes the move in the state; returns the move that takes it back. */
  private placeAll(move: Move): Move {
    const back = move.map(({ activity }) => ({ activity, to: this.state.assignment[activity] ?? null }))
    for (const { activity } of move) this.state.remove(activity)
    for (const { activity, to } of move) if (to) this.state.place(activity, to.slot, to.room)
    return back
  }

  /** How much the move changes the soft cost (negative: lower). */
  private delta(move: Move): number {
    const indexes = new Set(move.flatMap(({ activity }) => item(this.touching, activity)))
    const before = this.meter.cost(indexes)
    const back = move.map(({ activity }) => ({ activity, to: this.state.assignment[activity] ?? null }))
    for (const { activity, to } of move) this.meter.move(activity, to)
    const after = this.meter.cost(indexes)
    for (const { activity, to } of back) this.meter.move(activity, to)
    return after - before
  }

  private apply(move: Move): void {
    this.placeAll(move)
    for (const { activity, to } of move) this.meter.move(activity, to)
  }
}

/**
 * Lowers the soft cost of a complete timetable without breaking a hard constraint: round after round, each activity of
 * a broken soft constraint takes its best move (`Polisher.improve`), until a round improves nothing, `MAX_ROUNDS`, or
 * `signal` aborts (each move keeps every hard constraint, so a timetable cut short is as valid). Deterministic (no randomness): the same timetable gives the same result when not cut short.
 */
export async function polish(
  problem: Problem,
  assignment: Assignment,
  options: PolishOptions = {},
): Promise<Assignment> {
  const polisher = new Polisher(problem, assignment)
  let nextYield = YIELD_EVERY
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let improved = false
    for (const activity of polisher.activitiesOfBroken()) {
      if (options.signal?.aborted) return polisher.assignment
      improved = polisher.improve(activity) || improved
      if (polisher.weighed < nextYield) continue
      nextYield = polisher.weighed + YIELD_EVERY
      await nextTurn()
    }
    options.onProgress?.(polisher.softCost())
    if (!improved) break
  }
  return polisher.assignment
}
