import {
  breakSlots,
  dayOf,
  followsAcrossBreaks,
  fitsInDay,
  isHard,
  item,
  slotCount,
  slotName,
  type Assignment,
  type ConstraintKind,
  type Placement,
  type Problem,
  type ProblemConstraint,
} from './problem.ts'

/** One broken constraint: `count` is how much (clashes, excess hours, activities out of place…). */
export interface Violation {
  kind: ConstraintKind
  source: string
  weight: number
  count: number
  reason: string
}

export interface CheckResult {
  /** Every broken hard constraint (weight 100), with a reason in words. */
  hard: Violation[]
  soft: Violation[]
  /** FET-like soft cost: the sum over broken soft constraints of weight × count. */
  softCost: number
}

type Broken = { count: number; reason: string }

/** The placed timetable, indexed for the checkers: what each teacher, subgroup and room has at each slot. */
class Timetable {
  readonly slots: number
  readonly teacherAt: number[][][]
  readonly subgroupAt: number[][][]
  readonly roomAt: number[][][]
  /** Slots that do not count as gaps: breaks and hard unavailability, per teacher and per subgroup. */
  readonly teacherOff: Uint8Array[]
  readonly subgroupOff: Uint8Array[]
  readonly breaks: Uint8Array

  readonly problem: Problem
  readonly assignment: Assignment

  constructor(problem: Problem, assignment: Assignment) {
    this.problem = problem
    this.assignment = assignment
    this.slots = slotCount(problem)
    const grid = (count: number) =>
      Array.from({ length: count }, () => Array.from({ length: this.slots }, () => []))
    this.teacherAt = grid(problem.teacherNames.length)
    this.subgroupAt = grid(problem.subgroupNames.length)
    this.roomAt = grid(problem.rooms.length)
    problem.activities.forEach((_, index) => {
      for (const cell of this.cells(index)) cell.push(index)
    })
    this.teacherOff = problem.teacherNames.map(() => new Uint8Array(this.slots))
    this.subgroupOff = problem.subgroupNames.map(() => new Uint8Array(this.slots))
    for (const constraint of problem.constraints) this.markOff(constraint)
    this.breaks = breakSlots(problem)
  }

  /** The grid cells (teacher, subgroup and room at each of its slots) a placed activity is listed in. */
  private cells(activity: number): number[][] {
    const { teachers, subgroups } = item(this.problem.activities, activity)
    const room = this.placement(activity)?.room
    return this.occupied(activity).flatMap((slot) => [
      ...teachers.map((teacher) => item(item(this.teacherAt, teacher), slot)),
      ...subgroups.map((subgroup) => item(item(this.subgroupAt, subgroup), slot)),
      ...(room === null || room === undefined ? [] : [item(item(this.roomAt, room), slot)]),
    ])
  }

  /** Moves one activity (null: takes it out), keeping the grids current. */
  move(activity: number, placement: Placement | null): void {
    for (const cell of this.cells(activity)) cell.splice(cell.indexOf(activity), 1)
    this.assignment[activity] = placement
    for (const cell of this.cells(activity)) cell.push(activity)
  }

  private markOff(constraint: ProblemConstraint): void {
    if (!isHard(constraint)) return
    const mark = (off: Uint8Array, busy: Uint8Array) => busy.forEach((set, slot) => set && (off[slot] = 1))
    if (constraint.kind === 'breakTimes') {
      for (const off of [...this.teacherOff, ...this.subgroupOff]) mark(off, constraint.busy)
    } else if (constraint.kind === 'teacherUnavailable') {
      mark(item(this.teacherOff, constraint.teacher), constraint.busy)
    } else if (constraint.kind === 'studentsUnavailable') {
      for (const subgroup of constraint.subgroups) mark(item(this.subgroupOff, subgroup), constraint.busy)
    }
  }

  placement(activity: number): Placement | null {
    return this.assignment[activity] ?? null
  }

  /** The slots a placed activity covers (none when it is not placed or does not fit in its day). */
  occupied(activity: number): number[] {
    const placement = this.placement(activity)
    const duration = item(this.problem.activities, activity).duration
    if (!placement || !fitsInDay(this.problem, placement.slot, duration)) return []
    return Array.from({ length: duration }, (_, offset) => placement.slot + offset)
  }

  day(activity: number): number | null {
    const placement = this.placement(activity)
    return placement ? dayOf(this.problem, placement.slot) : null
  }

  label(activity: number): string {
    return `activity ${item(this.problem.activities, activity).id}`
  }

  /** Per day, the hours a resource is busy, and its gaps (free hours between its first and last lesson). */
  days(at: number[][], off: Uint8Array): { busy: number; gaps: number; firstFreeBefore: number }[] {
    const hours = this.problem.hourNames.length
    return this.problem.dayNames.map((_, day) => {
      let busy = 0
      let gaps = 0
      let pendingGap = 0
      let firstFreeBefore = -1
      let freeSoFar = 0
      for (let hour = 0; hour < hours; hour++) {
        const slot = day * hours + hour
        if (item(at, slot).length > 0) {
          busy++
          gaps += pendingGap
          pendingGap = 0
          if (firstFreeBefore < 0) firstFreeBefore = freeSoFar
        } else if (!off[slot]) {
          if (firstFreeBefore < 0) freeSoFar++
          else pendingGap++
        }
      }
      return { busy, gaps, firstFreeBefore }
    })
  }
}

function clashes(t: Timetable, grid: number[][][], names: string[], what: string): Broken[] {
  const broken: Broken[] = []
  grid.forEach((slots, resource) =>
    slots.forEach((activities, slot) => {
      if (activities.length < 2) return
      const who = activities.map((a) => item(t.problem.activities, a).id).join(', ')
      broken.push({
        count: activities.length - 1,
        reason: `${what} ${names[resource]} has ${activities.length} activities at ${slotName(t.problem, slot)} (${who})`,
      })
    }),
  )
  return broken
}

function activitiesOnBusySlots(t: Timetable, activities: number[], busy: Uint8Array, who: string): Broken[] {
  return activities.flatMap((activity) => {
    const slot = t.occupied(activity).find((s) => busy[s] === 1)
    if (slot === undefined) return []
    return [{ count: 1, reason: `${t.label(activity)} is at ${slotName(t.problem, slot)}, when ${who}` }]
  })
}

const indexes = (problem: Problem) => problem.activities.map((_, index) => index)

function pairs(activities: number[]): [number, number][] {
  return activities.flatMap((a, i) => activities.slice(i + 1).map((b): [number, number] => [a, b]))
}

type PerResourceDay = { busy: number; gaps: number; firstFreeBefore: number }

/**
 * A per-teacher or per-subgroup weekly/daily limit: `measure` gives how much one resource's week (its days' shapes,
 * and what it has at each slot) breaks it by.
 */
function perResource(
  t: Timetable,
  resources: number[],
  teachers: boolean,
  measure: (days: PerResourceDay[], at: number[][]) => { count: number; what: string } | null,
): Broken[] {
  return resources.flatMap((resource) => {
    const at = item(teachers ? t.teacherAt : t.subgroupAt, resource)
    const off = item(teachers ? t.teacherOff : t.subgroupOff, resource)
    const name = teachers ? t.problem.teacherNames[resource] : t.problem.subgroupNames[resource]
    const found = measure(t.days(at, off), at)
    if (!found || found.count <= 0) return []
    return [{ count: found.count, reason: `${teachers ? 'teacher' : 'students'} ${name}: ${found.what}` }]
  })
}

function dailyLimit(
  t: Timetable,
  days: PerResourceDay[],
  excess: (busy: number) => number,
  what: string,
): { count: number; what: string } | null {
  const over = days.map((day) => excess(day.busy))
  const count = over.reduce((sum, n) => sum + Math.max(0, n), 0)
  const where = over.flatMap((n, day) =>
    n > 0 ? [`${t.problem.dayNames[day]} ${item(days, day).busy}`] : [],
  )
  return count > 0 ? { count, what: `${what} (${where.join(', ')})` } : null
}

/** At most `max` days with a lesson in the hours `start` up to `end` (excluded; the whole day: "working days"). */
function maxDaysIn(t: Timetable, { start, end, max }: { start: number; end: number; max: number }) {
  const hours = t.problem.hourNames
  const wholeDay = start === 0 && end === hours.length
  const span = end - start === 1 ? `hour ${hours[start]}` : `hours ${hours[start]}–${hours[end - 1]}`
  const which = wholeDay ? 'working days' : `days with lessons in ${span}`
  return (_days: PerResourceDay[], at: number[][]) => {
    const working = t.problem.dayNames.filter((_, day) =>
      at.slice(day * hours.length + start, day * hours.length + end).some((cell) => cell.length > 0),
    ).length
    return { count: working - max, what: `${working} ${which}, at most ${max}` }
  }
}

function minHoursExcess(min: number, allowEmptyDays: boolean) {
  return (busy: number) => (busy === 0 ? (allowEmptyDays ? 0 : min) : min - busy)
}

function weeklyGaps(days: PerResourceDay[], max: number) {
  const gaps = days.reduce((sum, day) => sum + day.gaps, 0)
  return { count: gaps - max, what: `${gaps} gaps in the week, at most ${max}` }
}

type Checkers = {
  [K in ConstraintKind]: (t: Timetable, constraint: Extract<ProblemConstraint, { kind: K }>) => Broken[]
}

const CHECKERS: Checkers = {
  basicTime: (t) => [
    ...indexes(t.problem).flatMap((activity) => {
      const placement = t.placement(activity)
      if (!placement) return [{ count: 1, reason: `${t.label(activity)} is not placed` }]
      if (t.occupied(activity).length > 0) return []
      return [
        {
          count: 1,
          reason: `${t.label(activity)} does not fit in the day at ${slotName(t.problem, placement.slot)}`,
        },
      ]
    }),
    ...clashes(t, t.teacherAt, t.problem.teacherNames, 'teacher'),
    ...clashes(t, t.subgroupAt, t.problem.subgroupNames, 'students'),
  ],
  basicSpace: (t) => [
    ...clashes(
      t,
      t.roomAt,
      t.problem.rooms.map((room) => room.name),
      'room',
    ),
    ...indexes(t.problem).flatMap((activity) => {
      const room = t.placement(activity)?.room
      if (room === null || room === undefined) return []
      const { capacity, name } = item(t.problem.rooms, room)
      const students = item(t.problem.activities, activity).students
      if (students <= capacity) return []
      return [
        { count: 1, reason: `${t.label(activity)} has ${students} students, room ${name} holds ${capacity}` },
      ]
    }),
  ],
  allowedStarts: (t, c) => {
    const placement = t.placement(c.activity)
    if (!placement || c.allowed[placement.slot] === 1) return []
    return [{ count: 1, reason: `${t.label(c.activity)} starts at ${slotName(t.problem, placement.slot)}` }]
  },
  breakTimes: (t, c) => activitiesOnBusySlots(t, indexes(t.problem), c.busy, 'it is a break'),
  teacherUnavailable: (t, c) =>
    activitiesOnBusySlots(
      t,
      indexes(t.problem).filter((a) => item(t.problem.activities, a).teachers.includes(c.teacher)),
      c.busy,
      `teacher ${t.problem.teacherNames[c.teacher]} is not available`,
    ),
  studentsUnavailable: (t, c) =>
    activitiesOnBusySlots(
      t,
      indexes(t.problem).filter((a) =>
        item(t.problem.activities, a).subgroups.some((s) => c.subgroups.includes(s)),
      ),
      c.busy,
      'its students are not available',
    ),
  roomUnavailable: (t, c) =>
    activitiesOnBusySlots(
      t,
      indexes(t.problem).filter((a) => t.placement(a)?.room === c.room),
      c.busy,
      `room ${item(t.problem.rooms, c.room).name} is not available`,
    ),
  sameStartingTime: (t, c) => {
    const placed = c.activities.flatMap((activity) => {
      const placement = t.placement(activity)
      return placement ? [{ activity, slot: placement.slot }] : []
    })
    const [first, ...rest] = placed
    if (!first) return []
    return rest
      .filter((other) => other.slot !== first.slot)
      .map((other) => ({
        count: 1,
        reason:
          `${t.label(other.activity)} starts at ${slotName(t.problem, other.slot)}, ` +
          `${t.label(first.activity)} at ${slotName(t.problem, first.slot)}`,
      }))
  },
  notOverlapping: (t, c) =>
    pairs(c.activities).flatMap(([a, b]) => {
      const shared = t.occupied(a).find((slot) => t.occupied(b).includes(slot))
      if (shared === undefined) return []
      return [
        { count: 1, reason: `${t.label(a)} and ${t.label(b)} overlap at ${slotName(t.problem, shared)}` },
      ]
    }),
  minDaysBetween: (t, c) =>
    pairs(c.activities).flatMap(([a, b]) => {
      const dayA = t.day(a)
      const dayB = t.day(b)
      if (dayA === null || dayB === null) return []
      const broken: Broken[] = []
      const apart = Math.abs(dayA - dayB)
      if (apart < c.minDays) {
        broken.push({
          count: 1,
          reason: `${t.label(a)} and ${t.label(b)} are ${apart} days apart, at least ${c.minDays}`,
        })
      }
      if (c.consecutiveIfSameDay && apart === 0 && !adjacent(t, a, b)) {
        broken.push({
          count: 1,
          reason: `${t.label(a)} and ${t.label(b)} are on the same day but not consecutive`,
        })
      }
      return broken
    }),
  maxPerDay: (t, c) =>
    t.problem.dayNames.flatMap((dayName, day) => {
      const onDay = c.activities.filter((activity) => t.day(activity) === day)
      if (onDay.length <= c.max) return []
      const labels = onDay.map((activity) => t.label(activity))
      const listed = `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1] ?? ''}`
      return [{ count: onDay.length - c.max, reason: `${listed} are on ${dayName}, at most ${c.max}` }]
    }),
  consecutive: (t, c) => {
    const first = t.placement(c.first)
    const second = t.placement(c.second)
    const duration = item(t.problem.activities, c.first).duration
    if (!first || !second || followsAcrossBreaks(t.problem, t.breaks, first.slot, duration, second.slot))
      return []
    return [{ count: 1, reason: `${t.label(c.second)} does not start right after ${t.label(c.first)} ends` }]
  },
  endsStudentsDay: (t, c) => {
    const slots = t.occupied(c.activity)
    const last = slots[slots.length - 1]
    if (last === undefined) return []
    const hours = t.problem.hourNames.length
    const dayEnd = (dayOf(t.problem, last) + 1) * hours
    const later = new Set<number>()
    for (const subgroup of item(t.problem.activities, c.activity).subgroups) {
      for (let slot = last + 1; slot < dayEnd; slot++)
        item(item(t.subgroupAt, subgroup), slot).forEach((a) => later.add(a))
    }
    return [...later].map((a) => ({
      count: 1,
      reason: `${t.label(a)} comes after ${t.label(c.activity)}, which ends the students' day`,
    }))
  },
  studentsEarlyMaxBeginnings: (t, c) =>
    perResource(t, c.subgroups, false, (days) => {
      const late = days.filter((day) => day.firstFreeBefore > 1).length
      const second = days.filter((day) => day.firstFreeBefore === 1).length
      const count = late + Math.max(0, second - c.max)
      return { count, what: `${second} days begin at the second hour (at most ${c.max}), ${late} later` }
    }),
  studentsMaxGapsPerWeek: (t, c) => perResource(t, c.subgroups, false, (days) => weeklyGaps(days, c.max)),
  studentsMaxHoursDaily: (t, c) =>
    perResource(t, c.subgroups, false, (days) =>
      dailyLimit(t, days, (busy) => busy - c.max, `more than ${c.max} hours`),
    ),
  studentsMinHoursDaily: (t, c) =>
    perResource(t, c.subgroups, false, (days) =>
      dailyLimit(t, days, minHoursExcess(c.min, c.allowEmptyDays), `fewer than ${c.min} hours`),
    ),
  teacherMaxDaysPerWeek: (t, c) =>
    perResource(t, c.teachers, true, maxDaysIn(t, { start: 0, end: t.problem.hourNames.length, max: c.max })),
  teacherIntervalMaxDaysPerWeek: (t, c) => perResource(t, c.teachers, true, maxDaysIn(t, c)),
  studentsIntervalMaxDaysPerWeek: (t, c) => perResource(t, c.subgroups, false, maxDaysIn(t, c)),
  teacherMaxHoursDaily: (t, c) =>
    perResource(t, c.teachers, true, (days) =>
      dailyLimit(t, days, (busy) => busy - c.max, `more than ${c.max} hours`),
    ),
  teacherMaxGapsPerWeek: (t, c) => perResource(t, c.teachers, true, (days) => weeklyGaps(days, c.max)),
  teacherMinHoursDaily: (t, c) =>
    perResource(t, c.teachers, true, (days) =>
      dailyLimit(t, days, minHoursExcess(c.min, c.allowEmptyDays), `fewer than ${c.min} hours`),
    ),
  preferredRooms: (t, c) =>
    c.activities.flatMap((activity) => {
      const placement = t.placement(activity)
      if (!placement || (placement.room !== null && c.rooms.includes(placement.room))) return []
      const room = placement.room === null ? 'no room' : `room ${item(t.problem.rooms, placement.room).name}`
      return [{ count: 1, reason: `${t.label(activity)} is in ${room}` }]
    }),
}

/** Whether `second` starts right where `first` ends, on the same day. */
function follows(t: Timetable, first: number, second: number): boolean {
  const a = t.placement(first)
  const b = t.placement(second)
  if (!a || !b) return false
  return (
    dayOf(t.problem, a.slot) === dayOf(t.problem, b.slot) &&
    b.slot === a.slot + item(t.problem.activities, first).duration
  )
}

function adjacent(t: Timetable, a: number, b: number): boolean {
  return follows(t, a, b) || follows(t, b, a)
}

function run<K extends ConstraintKind>(
  t: Timetable,
  constraint: Extract<ProblemConstraint, { kind: K }>,
): Broken[] {
  return (CHECKERS[constraint.kind] as (t: Timetable, c: typeof constraint) => Broken[])(t, constraint)
}

/**
 * The soft cost of chosen constraints on a timetable that moves one activity at a time (the polish weighs a move by
 * the constraints about the activities it moves, without checking the whole timetable anew).
 */
export class SoftCostMeter {
  private readonly timetable: Timetable

  constructor(problem: Problem, assignment: Assignment) {
    this.timetable = new Timetable(problem, assignment.slice())
  }

  move(activity: number, placement: Placement | null): void {
    this.timetable.move(activity, placement)
  }

  /** Σ weight × count over the soft ones of the constraints at `indexes` (into `problem.constraints`). */
  cost(indexes: Iterable<number>): number {
    let total = 0
    for (const index of indexes) {
      const constraint = item(this.timetable.problem.constraints, index)
      if (isHard(constraint)) continue
      for (const broken of run(this.timetable, constraint)) total += constraint.weight * broken.count
    }
    return total
  }
}

/** Every broken constraint of the problem for this assignment, hard ones with reasons, and the soft cost. */
export function check(problem: Problem, assignment: Assignment): CheckResult {
  const timetable = new Timetable(problem, assignment)
  const result: CheckResult = { hard: [], soft: [], softCost: 0 }
  for (const constraint of problem.constraints) {
    for (const broken of run(timetable, constraint)) {
      const violation: Violation = {
        kind: constraint.kind,
        source: constraint.source,
        weight: constraint.weight,
        ...broken,
      }
      if (isHard(constraint)) result.hard.push(violation)
      else {
        result.soft.push(violation)
        result.softCost += constraint.weight * broken.count
      }
    }
  }
  return result
}
