/**
 * The timetabling problem as the solver sees it, independent of where it came from (a FET file or the app's own
 * plan). Everything is an index: teachers, subgroups (the smallest students sets), rooms and time slots, where
 * slot = day × hoursPerDay + hour. Per-slot data are byte arrays of length days × hoursPerDay (1 = set).
 */
export interface Problem {
  dayNames: string[]
  hourNames: string[]
  teacherNames: string[]
  subgroupNames: string[]
  rooms: ProblemRoom[]
  activities: ProblemActivity[]
  constraints: ProblemConstraint[]
}

export interface ProblemRoom {
  name: string
  capacity: number
}

export interface ProblemActivity {
  /** The id the source uses (FET's activity id). */
  id: number
  /** Activities split from one subject's weekly lessons share a group id (0: not split). */
  groupId: number
  duration: number
  teachers: number[]
  subgroups: number[]
  /** Number of students, for room capacity. */
  students: number
  subject: string
  tags: string[]
  /** Rooms every hard room constraint allows; null when the activity needs no room. */
  possibleRooms: number[] | null
}

/** Where an activity is placed: its first slot and its room (null: no room). */
export interface Placement {
  slot: number
  room: number | null
}

/** One placement per activity (same index as Problem.activities); null: not placed. */
export type Assignment = (Placement | null)[]

interface ConstraintBase {
  /** 100: hard; below: soft, a violation costs its weight. */
  weight: number
  /** Where the constraint comes from, in words (e.g. "TeacherNotAvailableTimes Ana"). */
  source: string
}

/** One union member per kind (so that Extract<…, { kind: K }> finds each). */
type OneEach<K extends string, Parameters> = K extends string ? { kind: K } & Parameters : never

type TeacherLimit = 'teacherMaxDaysPerWeek' | 'teacherMaxHoursDaily' | 'teacherMaxGapsPerWeek'

interface IntervalMaxDays {
  start: number
  end: number
  max: number
}

export type ProblemConstraint = ConstraintBase &
  (
    | { kind: 'basicTime' }
    | { kind: 'basicSpace' }
    | { kind: 'allowedStarts'; activity: number; allowed: Uint8Array }
    | { kind: 'breakTimes'; busy: Uint8Array }
    | { kind: 'teacherUnavailable'; teacher: number; busy: Uint8Array }
    | { kind: 'studentsUnavailable'; subgroups: number[]; busy: Uint8Array }
    | { kind: 'roomUnavailable'; room: number; busy: Uint8Array }
    | OneEach<'sameStartingTime' | 'notOverlapping', { activities: number[] }>
    | { kind: 'minDaysBetween'; activities: number[]; minDays: number; consecutiveIfSameDay: boolean }
    /** At most `max` of the activities on one day. */
    | { kind: 'maxPerDay'; activities: number[]; max: number }
    | { kind: 'consecutive'; first: number; second: number }
    | { kind: 'endsStudentsDay'; activity: number }
    | { kind: 'studentsEarlyMaxBeginnings'; subgroups: number[]; max: number }
    | OneEach<'studentsMaxGapsPerWeek' | 'studentsMaxHoursDaily', { subgroups: number[]; max: number }>
    | { kind: 'studentsMinHoursDaily'; subgroups: number[]; min: number; allowEmptyDays: boolean }
    | OneEach<TeacherLimit, { teachers: number[]; max: number }>
    | { kind: 'teacherMinHoursDaily'; teachers: number[]; min: number; allowEmptyDays: boolean }
    /** At most `max` days with a lesson in the hours `start` up to `end` (excluded). */
    | ({ kind: 'teacherIntervalMaxDaysPerWeek'; teachers: number[] } & IntervalMaxDays)
    | ({ kind: 'studentsIntervalMaxDaysPerWeek'; subgroups: number[] } & IntervalMaxDays)
    | { kind: 'preferredRooms'; activities: number[]; rooms: number[] }
  )

export type ConstraintKind = ProblemConstraint['kind']

export const HARD_WEIGHT = 100

export const isHard = (constraint: ProblemConstraint) => constraint.weight >= HARD_WEIGHT

export const slotCount = (problem: Problem) => problem.dayNames.length * problem.hourNames.length

export function slotOf(problem: Problem, day: number, hour: number): number {
  return day * problem.hourNames.length + hour
}

export function dayOf(problem: Problem, slot: number): number {
  return Math.floor(slot / problem.hourNames.length)
}

export function hourOf(problem: Problem, slot: number): number {
  return slot % problem.hourNames.length
}

/** The slot in words, e.g. "Monday 08:00". */
export function slotName(problem: Problem, slot: number): string {
  return `${problem.dayNames[dayOf(problem, slot)]} ${problem.hourNames[hourOf(problem, slot)]}`
}

/** Whether an activity of `duration` starting at `slot` ends within the same day. */
export function fitsInDay(problem: Problem, slot: number, duration: number): boolean {
  return (
    slot >= 0 && slot < slotCount(problem) && hourOf(problem, slot) + duration <= problem.hourNames.length
  )
}

/** The slots that are breaks for everyone (hard BreakTimes). */
export function breakSlots(problem: Problem): Uint8Array {
  const breaks = new Uint8Array(slotCount(problem))
  for (const c of problem.constraints)
    if (c.kind === 'breakTimes' && isHard(c)) c.busy.forEach((busy, slot) => busy && (breaks[slot] = 1))
  return breaks
}

/**
 * Whether an activity starting at `second` follows, on the same day, one of `duration` starting at `first`, with
 * nothing but breaks between them: FET's TwoActivitiesConsecutive skips break hours (its generate.cpp), while
 * "consecutive if same day" of MinDaysBetweenActivities does not.
 */
export function followsAcrossBreaks(
  problem: Problem,
  breaks: Uint8Array,
  first: number,
  duration: number,
  second: number,
): boolean {
  let next = first + duration
  while (next < second && breaks[next]) next++
  return next === second && dayOf(problem, first) === dayOf(problem, second)
}

/** The starting slots whose every occupied slot is in `slots` (for "preferred time slots"). */
export function startsWithin(problem: Problem, slots: Uint8Array, duration: number): Uint8Array {
  const allowed = new Uint8Array(slots.length)
  for (let start = 0; start < slots.length; start++) {
    if (!fitsInDay(problem, start, duration)) continue
    let inside = true
    for (let offset = 0; offset < duration && inside; offset++) inside = slots[start + offset] === 1
    if (inside) allowed[start] = 1
  }
  return allowed
}

/** `list[index]`, for indexes the problem guarantees (an activity's teacher, a slot of the week…). */
export function item<T>(list: readonly T[], index: number): T {
  const value = list[index]
  if (value === undefined) throw new RangeError(`index ${index} out of range (${list.length})`)
  return value
}
