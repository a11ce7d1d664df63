import {
  breakSlots,
  dayOf,
  followsAcrossBreaks,
  fitsInDay,
  isHard,
  item,
  slotCount,
  type Assignment,
  type Problem,
  type ProblemActivity,
  type ProblemConstraint,
} from './problem.ts'
import { ActivitySet } from './activity-set.ts'

const FREE = -1

/** A hard relation between two activities: whether `a` at `slotA` and `b` at `slotB` are compatible. */
interface Relation {
  other: number
  compatible: (slotA: number, slotB: number) => boolean
}

/** Activities of which at most `max` may be on one day. */
interface DayGroup {
  activities: number[]
  max: number
}

/** At most `maxDays` days with a lesson in the hours `start` up to `end` (excluded). */
interface DayInterval {
  start: number
  end: number
  maxDays: number
  /** The whole day (max days per week): the kept day shapes tell whether a day has lessons. */
  wholeDay: boolean
}

/** Hard per-resource limits the search must keep (the others are penalties it weighs). */
interface ResourceLimits {
  maxHoursDaily: number
  dayIntervals: readonly DayInterval[]
  maxGapsPerWeek: number
  minHoursDaily: number
  /** False when a hard min-hours constraint also counts days without lessons. */
  allowEmptyDays: boolean
  maxSecondHourBeginnings: number
}

/** How far a teacher's or subgroup's week breaks the hard limits only a whole week shows. */
export interface WeekExcess {
  /** Gaps over the weekly maximum. */
  gaps: number
  /** Hours short of the daily minimum, and days beginning later than allowed. */
  shape: number
}

/** One day of a resource: busy hours, gaps, and free hours before its first lesson (-1: no lesson). */
interface DayShape {
  busy: number
  gaps: number
  freeBefore: number
}

/** The time slots and rooms an activity may take, and what it must respect, compiled from hard constraints. */
interface ActivityRules {
  allowed: Uint8Array
  rooms: number[] | null
  relations: Relation[]
  /** Hard "at most n of these on one day" groups the activity is in. */
  dayGroups: DayGroup[]
  /** Relations of soft constraints the search weighs (see `weighed` of the constructor). */
  softRelations: Relation[]
  /** Starts a weighed soft "preferred starting times" allows (null: none applies). */
  softAllowed: Uint8Array | null
  endsStudentsDay: boolean
}

type RelationList = 'relations' | 'softRelations'

const NO_LIMITS: ResourceLimits = {
  maxHoursDaily: Infinity,
  dayIntervals: [],
  maxGapsPerWeek: Infinity,
  minHoursDaily: 0,
  allowEmptyDays: true,
  maxSecondHourBeginnings: Infinity,
}

/**
 * A partial timetable with per-slot occupancy of teachers, subgroups and rooms, updated incrementally, and what
 * placing an activity somewhere would force out (the activities it conflicts with under the hard constraints).
 */
export class TimetableState {
  readonly problem: Problem
  readonly slots: number
  readonly hours: number
  readonly assignment: Assignment
  readonly rules: ActivityRules[]
  private readonly teachers: ResourceTable
  private readonly subgroups: ResourceTable
  private readonly tables: readonly ResourceTable[]
  private readonly roomAt: Int32Array
  private readonly roomBusy: Uint8Array
  private readonly breaks: Uint8Array
  /** Subgroups with an activity that ends their day (the others need no "ends students' day" check). */
  private readonly subgroupEndsDays: Uint8Array
  private readonly excess: WeekExcess = { gaps: 0, shape: 0 }
  private readonly shape: DayShape = { busy: 0, gaps: 0, freeBefore: -1 }
  private readonly week: WeekOfResource = {
    at: new Int32Array(0),
    resource: 0,
    limits: NO_LIMITS,
    off: new Uint8Array(0),
    load: 0,
    days: new Int32Array(0),
  }
  /** Per day, whether a lesson forced out leaves it (`tallyWeek`: its kept shape no longer holds); reused. */
  private readonly dayLosesLesson: Uint8Array
  /** Per day, its part of the need of the week weighed (`storeDayNeed`), reused; and one day's part put aside. */
  private readonly dayNeeds: Int32Array
  private readonly setAsideDayNeed = new Int32Array(NEED_FIELDS)
  private readonly edges = new Int32Array(2)

  /** `weighed`: indexes of soft relation constraints (min days between…) whose breaking `brokenSoft` counts. */
  constructor(problem: Problem, weighed: readonly number[] = []) {
    this.problem = problem
    this.slots = slotCount(problem)
    this.hours = problem.hourNames.length
    this.dayLosesLesson = new Uint8Array(problem.dayNames.length)
    this.dayNeeds = new Int32Array(problem.dayNames.length * NEED_FIELDS)
    this.assignment = problem.activities.map(() => null)
    this.teachers = resourceTable(problem, problem.teacherNames.length, (a) => a.teachers)
    this.subgroups = resourceTable(problem, problem.subgroupNames.length, (a) => a.subgroups)
    this.tables = [this.teachers, this.subgroups]
    this.roomAt = new Int32Array(problem.rooms.length * this.slots).fill(FREE)
    this.roomBusy = new Uint8Array(problem.rooms.length * this.slots)
    this.breaks = breakSlots(problem)
    this.rules = problem.activities.map((activity) => ({
      allowed: startsInDay(problem, activity.duration),
      rooms: roomsWithCapacity(problem, activity.possibleRooms, activity.students),
      relations: [],
      dayGroups: [],
      softRelations: [],
      softAllowed: null,
      endsStudentsDay: false,
    }))
    this.subgroupEndsDays = new Uint8Array(problem.subgroupNames.length)
    for (const constraint of problem.constraints) if (isHard(constraint)) this.compile(constraint)
    for (const index of weighed) this.compileWeighed(item(problem.constraints, index))
  }

  private compile(constraint: ProblemConstraint): void {
    const c = constraint
    if (c.kind === 'allowedStarts') intersect(item(this.rules, c.activity).allowed, c.allowed)
    else if (c.kind === 'breakTimes')
      this.forbid(() => true, c.busy, [...this.teachers.off, ...this.subgroups.off])
    else if (c.kind === 'teacherUnavailable')
      this.forbid((a) => a.teachers.includes(c.teacher), c.busy, [item(this.teachers.off, c.teacher)])
    else if (c.kind === 'studentsUnavailable')
      this.forbid(
        (a) => a.subgroups.some((s) => c.subgroups.includes(s)),
        c.busy,
        c.subgroups.map((s) => item(this.subgroups.off, s)),
      )
    else if (c.kind === 'roomUnavailable')
      c.busy.forEach((b, slot) => b && (this.roomBusy[c.room * this.slots + slot] = 1))
    else if (c.kind === 'preferredRooms') this.keepRooms(c.activities, c.rooms)
    else if (c.kind === 'endsStudentsDay') this.endStudentsDay(c.activity)
    else if (c.kind === 'maxPerDay')
      for (const activity of c.activities) item(this.rules, activity).dayGroups.push(c)
    else this.compileLimitOrRelation(c)
  }

  private endStudentsDay(activity: number): void {
    item(this.rules, activity).endsStudentsDay = true
    for (const g of item(this.problem.activities, activity).subgroups) this.subgroupEndsDays[g] = 1
  }

  private compileLimitOrRelation(c: ProblemConstraint): void {
    if (c.kind === 'teacherMaxHoursDaily')
      this.limit(this.teachers.limits, c.teachers, 'maxHoursDaily', c.max)
    else if (c.kind === 'studentsMaxHoursDaily')
      this.limit(this.subgroups.limits, c.subgroups, 'maxHoursDaily', c.max)
    else if (c.kind === 'teacherMaxDaysPerWeek')
      this.limitDays(this.teachers, c.teachers, { start: 0, end: this.hours, max: c.max })
    else if (c.kind === 'teacherIntervalMaxDaysPerWeek') this.limitDays(this.teachers, c.teachers, c)
    else if (c.kind === 'studentsIntervalMaxDaysPerWeek') this.limitDays(this.subgroups, c.subgroups, c)
    else if (c.kind === 'teacherMaxGapsPerWeek')
      this.limit(this.teachers.limits, c.teachers, 'maxGapsPerWeek', c.max)
    else if (c.kind === 'studentsMaxGapsPerWeek')
      this.limit(this.subgroups.limits, c.subgroups, 'maxGapsPerWeek', c.max)
    else if (c.kind === 'studentsEarlyMaxBeginnings')
      this.limit(this.subgroups.limits, c.subgroups, 'maxSecondHourBeginnings', c.max)
    else if (c.kind === 'teacherMinHoursDaily') requireMinHours(this.teachers.limits, c.teachers, c)
    else if (c.kind === 'studentsMinHoursDaily') requireMinHours(this.subgroups.limits, c.subgroups, c)
    else this.compileRelation(c, 'relations')
  }

  private compileWeighed(c: ProblemConstraint): void {
    if (c.kind !== 'allowedStarts') return this.compileRelation(c, 'softRelations')
    const rule = item(this.rules, c.activity)
    rule.softAllowed = rule.softAllowed ?? new Uint8Array(this.slots).fill(1)
    intersect(rule.softAllowed, c.allowed)
  }

  private compileRelation(c: ProblemConstraint, list: RelationList): void {
    if (c.kind === 'notOverlapping')
      this.relateAll(c.activities, list, (a, b, sa, sb) => !this.overlap(a, sa, b, sb))
    else if (c.kind === 'sameStartingTime') this.relateAll(c.activities, list, (_a, _b, sa, sb) => sa === sb)
    else if (c.kind === 'minDaysBetween')
      this.relateAll(c.activities, list, (a, b, sa, sb) => this.daysApart(c, a, b, sa, sb))
    else if (c.kind === 'consecutive') this.relateConsecutive(c.first, c.second, list)
  }

  private forbid(
    applies: (a: Problem['activities'][number]) => boolean,
    busy: Uint8Array,
    off: Uint8Array[],
  ) {
    for (const o of off) busy.forEach((b, slot) => b && (o[slot] = 1))
    this.problem.activities.forEach((activity, index) => {
      if (!applies(activity)) return
      const { allowed } = item(this.rules, index)
      for (let start = 0; start < this.slots; start++) {
        for (let offset = 0; offset < activity.duration && allowed[start]; offset++)
          if (busy[start + offset]) allowed[start] = 0
      }
    })
  }

  private keepRooms(activities: number[], rooms: number[]): void {
    for (const activity of activities) {
      const rule = item(this.rules, activity)
      rule.rooms = (rule.rooms ?? rooms).filter((room) => rooms.includes(room))
    }
  }

  private limit(
    limits: ResourceLimits[],
    resources: number[],
    key: 'maxHoursDaily' | 'maxGapsPerWeek' | 'maxSecondHourBeginnings',
    max: number,
  ) {
    for (const resource of resources) {
      const limit = item(limits, resource)
      limit[key] = Math.min(limit[key], max)
    }
  }

  /**
   * Adds an interval's maximum of days; for an interval a resource already has, the lower maximum holds. A maximum
   * of 0 days forbids the interval's hours instead (forcing out a lesson cannot keep it).
   */
  private limitDays(
    table: ResourceTable,
    resources: number[],
    c: { start: number; end: number; max: number },
  ) {
    if (c.max === 0) return this.forbidInterval(table, resources, c)
    const wholeDay = c.start === 0 && c.end === this.hours
    for (const resource of resources) {
      const limit = item(table.limits, resource)
      const same = limit.dayIntervals.find(({ start, end }) => start === c.start && end === c.end)
      const others = limit.dayIntervals.filter((interval) => interval !== same)
      const maxDays = Math.min(same?.maxDays ?? Infinity, c.max)
      limit.dayIntervals = [...others, { start: c.start, end: c.end, maxDays, wholeDay }]
    }
  }

  private forbidInterval(
    table: ResourceTable,
    resources: number[],
    { start, end }: { start: number; end: number },
  ) {
    const busy = Uint8Array.from({ length: this.slots }, (_, slot) => {
      const hour = slot % this.hours
      return hour >= start && hour < end ? 1 : 0
    })
    this.forbid((a) => table.resourcesOf(a).some((r) => resources.includes(r)), busy, [])
  }

  private relateAll(
    activities: number[],
    list: RelationList,
    compatible: (a: number, b: number, sa: number, sb: number) => boolean,
  ) {
    for (const a of activities)
      for (const b of activities)
        if (a !== b)
          item(this.rules, a)[list].push({ other: b, compatible: (sa, sb) => compatible(a, b, sa, sb) })
  }

  private relateConsecutive(first: number, second: number, list: RelationList): void {
    const duration = item(this.problem.activities, first).duration
    const follows = (sa: number, sb: number) =>
      followsAcrossBreaks(this.problem, this.breaks, sa, duration, sb)
    item(this.rules, first)[list].push({ other: second, compatible: follows })
    item(this.rules, second)[list].push({ other: first, compatible: (s2, s1) => follows(s1, s2) })
  }

  private daysApart(
    c: { minDays: number; consecutiveIfSameDay: boolean },
    a: number,
    b: number,
    slotA: number,
    slotB: number,
  ): boolean {
    const apart = Math.abs(this.day(slotA) - this.day(slotB))
    if (apart < c.minDays) return false
    return !(c.consecutiveIfSameDay && apart === 0 && !this.adjacent(a, b, slotA, slotB))
  }

  private adjacent(a: number, b: number, slotA: number, slotB: number): boolean {
    const { activities } = this.problem
    return slotB === slotA + item(activities, a).duration || slotA === slotB + item(activities, b).duration
  }

  day(slot: number): number {
    return dayOf(this.problem, slot)
  }

  private overlap(a: number, slotA: number, b: number, slotB: number): boolean {
    const endA = slotA + item(this.problem.activities, a).duration
    const endB = slotB + item(this.problem.activities, b).duration
    return slotA < endB && slotB < endA
  }

  /**
   * How many weighed soft constraints placing `activity` at `slot` would break (relations: with those placed), a start
   * outside weighed preferred starting times counted `OUTSIDE_PREFERRED_STARTS` times.
   */
  brokenSoft(activity: number, slot: number): number {
    const { softRelations, softAllowed } = item(this.rules, activity)
    let broken = softAllowed && !softAllowed[slot] ? OUTSIDE_PREFERRED_STARTS : 0
    for (const { other, compatible } of softRelations) {
      const placed = this.assignment[other]
      if (placed && !compatible(slot, placed.slot)) broken++
    }
    return broken
  }

  /** Places an activity (whose conflicts have been removed) and marks its slots. */
  place(activity: number, slot: number, room: number | null): void {
    this.assignment[activity] = { slot, room }
    this.mark(activity, slot, room, activity)
  }

  remove(activity: number): void {
    const placement = this.assignment[activity]
    if (!placement) return
    this.mark(activity, placement.slot, placement.room, FREE)
    this.assignment[activity] = null
  }

  private mark(activity: number, slot: number, room: number | null, value: number): void {
    const placed = item(this.problem.activities, activity)
    const end = slot + placed.duration
    const day = this.day(slot)
    for (const table of this.tables)
      for (const resource of table.resourcesOf(placed)) {
        table.at.fill(value, resource * this.slots + slot, resource * this.slots + end)
        this.storeDayShape(table, resource, day)
      }
    if (room !== null) this.roomAt.fill(value, room * this.slots + slot, room * this.slots + end)
  }

  private storeDayShape(table: ResourceTable, resource: number, day: number): void {
    const shape = this.dayShape(table.at, resource, item(table.off, resource), day, 0, 0)
    const index = (resource * this.problem.dayNames.length + day) * SHAPE_FIELDS
    table.days[index] = shape.busy
    table.days[index + 1] = shape.gaps
    table.days[index + 2] = shape.freeBefore
  }

  /**
   * The activities that placing `activity` at `slot` (without its room) would force out, into `out` (cleared).
   * Where a week's shape must be forced too, the lesson at a day's edge with the lowest `evictionCost` goes.
   */
  conflicts(
    activity: number,
    slot: number,
    out = new ActivitySet(this.problem.activities.length),
    evictionCost: (occupant: number) => number = () => 0,
  ): ActivitySet {
    this.directConflicts(activity, slot, out, evictionCost)
    this.limitAndCapacityConflicts(activity, slot, out, evictionCost)
    return out
  }

  /** Whether placing `activity` at `slot` forces nothing out (`conflicts` empty; `out` is used as scratch). */
  fitsFreely(activity: number, slot: number, out: ActivitySet): boolean {
    if (this.directConflicts(activity, slot, out).size > 0) return false
    this.limitAndCapacityConflicts(activity, slot, out, () => 0)
    return out.size === 0
  }

  /**
   * The first part of `conflicts`, into `out` (cleared): the activities in the same slots of the same teachers or
   * subgroups, those whose relation `slot` would break, those over a group's maximum on one day, and those after an
   * end of the students' day.
   */
  directConflicts(
    activity: number,
    slot: number,
    out: ActivitySet,
    evictionCost: (occupant: number) => number = () => 0,
  ): ActivitySet {
    const placing = item(this.problem.activities, activity)
    out.clear()
    for (let s = slot; s < slot + placing.duration; s++)
      for (const table of this.tables)
        for (const resource of table.resourcesOf(placing))
          addOccupant(out, table.at[resource * this.slots + s])
    const { relations, dayGroups } = item(this.rules, activity)
    for (const { other, compatible } of relations) {
      const placed = this.assignment[other]
      if (placed && !compatible(slot, placed.slot)) out.add(other)
    }
    for (const group of dayGroups) this.dayGroupConflicts(activity, slot, group, out, evictionCost)
    this.endsDayConflicts(activity, slot, out)
    return out
  }

  /** The other activities of a group already on the day of `slot` beyond its maximum, less one, go: the cheapest. */
  private dayGroupConflicts(
    activity: number,
    slot: number,
    group: DayGroup,
    out: ActivitySet,
    evictionCost: (occupant: number) => number,
  ): void {
    const day = this.day(slot)
    const onDay = group.activities.filter((other) => {
      const placed = this.assignment[other]
      return other !== activity && placed && this.day(placed.slot) === day && !out.has(other)
    })
    if (onDay.length < group.max) return
    onDay.sort((a, b) => evictionCost(a) - evictionCost(b))
    for (const other of onDay.slice(0, onDay.length - group.max + 1)) out.add(other)
  }

  /**
   * The rest of `conflicts`, added to `out` (which holds the direct ones): the lessons a day over its maximum hours,
   * a week over its maximum days, or a week over its capacity (below) would force out. False, with `out` left
   * incomplete, as soon as what the week's capacity must force out is sure to bring the `evictionCost` of `out` to
   * `budget` or more: a caller that drops such a slot anyway is spared choosing which lessons go.
   */
  limitAndCapacityConflicts(
    activity: number,
    slot: number,
    out: ActivitySet,
    evictionCost: (occupant: number) => number,
    budget = Infinity,
  ): boolean {
    const placing = item(this.problem.activities, activity)
    const { duration } = placing
    for (const table of this.tables)
      for (const resource of table.resourcesOf(placing)) {
        const limits = item(table.limits, resource)
        this.limitConflicts(table.at, table.days, resource, limits, slot, duration, out)
        if (!hasWeekLimits(limits)) continue
        const week = this.weekOf(table, resource, limits)
        if (!this.capacityConflicts(week, { activity, slot, duration }, out, evictionCost, budget))
          return false
      }
    return true
  }

  /** One resource's week, into one object reused by every call. */
  private weekOf(table: ResourceTable, resource: number, limits: ResourceLimits): WeekOfResource {
    const week = this.week
    week.at = table.at
    week.resource = resource
    week.limits = limits
    week.off = item(table.off, resource)
    week.load = table.load[resource] ?? 0
    week.days = table.days
    return week
  }

  /**
   * FET's test for whole-week limits on a partial timetable: the hours a week needs (its lessons, plus the hours
   * still missing to reach a daily minimum, to begin early enough and to close gaps over the weekly maximum) may
   * not exceed the hours it has to place. While they do, a lesson at a day's edge is forced out: the one that
   * lowers the need most, then the cheapest. False when that is sure to bring the cost of `out` to `budget`.
   */
  private capacityConflicts(
    week: WeekOfResource,
    placing: Placing,
    out: ActivitySet,
    evictionCost: (occupant: number) => number,
    budget: number,
  ): boolean {
    const { slot, duration } = placing
    let need = this.tallyWeek(week, slot, duration, out)
    while (need > week.load) {
      if (budget < Infinity && this.forcingOutReaches(week, placing, out, evictionCost, budget, need))
        return false
      let [bestOccupant, bestDay, bestNeed, bestCost] = [FREE, 0, need, Infinity]
      for (let day = 0; day < this.problem.dayNames.length; day++)
        for (const occupant of this.dayEdgeLessons(week, day, placing.activity, out)) {
          if (occupant === FREE) continue
          const candidateNeed = this.needWithout(week, day, occupant, placing, out)
          const cost = evictionCost(occupant)
          if (candidateNeed < bestNeed || (candidateNeed === bestNeed && cost < bestCost))
            [bestOccupant, bestDay, bestNeed, bestCost] = [occupant, day, candidateNeed, cost]
        }
      if (bestOccupant === FREE || bestNeed >= need) return true
      out.add(bestOccupant)
      need = this.retallyDay(week, bestDay, slot, duration, out)
    }
    return true
  }

  /**
   * Whether `capacityConflicts` is sure to force out a lesson (one at a day's edge lowers the week's `need`) while
   * even the cheapest of them brings the cost of `out` to `budget`. Cheaper than choosing which one goes.
   */
  private forcingOutReaches(
    week: WeekOfResource,
    placing: Placing,
    out: ActivitySet,
    evictionCost: (occupant: number) => number,
    budget: number,
    need: number,
  ): boolean {
    let left = budget
    for (let index = 0; index < out.size; index++) left -= evictionCost(out.at(index))
    const days = this.problem.dayNames.length
    for (let day = 0; day < days; day++)
      for (const occupant of this.dayEdgeLessons(week, day, placing.activity, out))
        if (occupant !== FREE && evictionCost(occupant) < left) return false
    for (let day = 0; day < days; day++)
      for (const occupant of this.dayEdgeLessons(week, day, placing.activity, out))
        if (occupant !== FREE && this.needWithout(week, day, occupant, placing, out) < need) return true
    return false
  }

  /** The week's need were `occupant`, a lesson of `day`, forced out too (only that day's part changes). */
  private needWithout(
    week: WeekOfResource,
    day: number,
    occupant: number,
    { slot, duration }: Placing,
    out: ActivitySet,
  ): number {
    this.setDayNeedAside(day)
    out.add(occupant)
    const need = this.retallyDay(week, day, slot, duration, out)
    out.delete(occupant)
    this.restoreDayNeed(day)
    return need
  }

  /**
   * The first and last lesson of a resource's day (-1: none; the last is -1 too when it is the first), leaving out
   * `activity` and those already forced out; into one reused pair.
   */
  private dayEdgeLessons(week: WeekOfResource, day: number, activity: number, out: ActivitySet): Int32Array {
    const edges = this.edges.fill(FREE)
    const start = week.resource * this.slots + day * this.hours
    for (let s = start; s < start + this.hours; s++) {
      const occupant = week.at[s] ?? FREE
      if (occupant === FREE || occupant === activity || out.has(occupant)) continue
      if (edges[0] === FREE) edges[0] = occupant
      else if (occupant !== edges[0]) edges[1] = occupant
    }
    return edges
  }

  /**
   * Hours the week of a resource needs with `slot`…`slot + duration` busy and the activities in `out` gone, each
   * day's part kept in `dayNeeds`. Only the day of `slot` and the days `out` takes lessons from are looked at anew;
   * the others' shapes are kept by `mark`.
   */
  private tallyWeek(week: WeekOfResource, slot: number, duration: number, out: ActivitySet): number {
    this.markDaysLosingLessons(week, out)
    const slotDay = this.day(slot)
    for (let day = 0; day < this.problem.dayNames.length; day++) {
      const shape =
        day === slotDay || this.dayLosesLesson[day]
          ? this.dayShape(week.at, week.resource, week.off, day, slot, slot + duration, out)
          : this.keptDayShape(week, day)
      this.storeDayNeed(week.limits, day, shape)
    }
    return this.weekNeed(week.limits)
  }

  /** `tallyWeek` after `out` changed only on `day`: that day looked at anew. */
  private retallyDay(
    week: WeekOfResource,
    day: number,
    slot: number,
    duration: number,
    out: ActivitySet,
  ): number {
    const shape = this.dayShape(week.at, week.resource, week.off, day, slot, slot + duration, out)
    this.storeDayNeed(week.limits, day, shape)
    return this.weekNeed(week.limits)
  }

  /** A day's part of its week's need: hours, hours short of the daily minimum, gaps, a late beginning and its hours. */
  private storeDayNeed(limits: ResourceLimits, day: number, shape: Readonly<DayShape>): void {
    const short =
      shape.busy > 0 || !limits.allowEmptyDays ? Math.max(0, limits.minHoursDaily - shape.busy) : 0
    const index = day * NEED_FIELDS
    this.dayNeeds[index] = shape.busy
    this.dayNeeds[index + 1] = short
    this.dayNeeds[index + 2] = Math.max(0, shape.gaps - short)
    this.dayNeeds[index + 3] = shape.freeBefore >= 1 ? 1 : 0
    this.dayNeeds[index + 4] = Math.max(0, shape.freeBefore - 1)
  }

  private setDayNeedAside(day: number): void {
    for (let field = 0; field < NEED_FIELDS; field++)
      this.setAsideDayNeed[field] = this.dayNeeds[day * NEED_FIELDS + field] ?? 0
  }

  private restoreDayNeed(day: number): void {
    for (let field = 0; field < NEED_FIELDS; field++)
      this.dayNeeds[day * NEED_FIELDS + field] = this.setAsideDayNeed[field] ?? 0
  }

  /** The hours the week needs, from its days' parts in `dayNeeds`. */
  private weekNeed({ maxSecondHourBeginnings, maxGapsPerWeek }: ResourceLimits): number {
    let hours = 0
    let shortfall = 0
    let gaps = 0
    let secondHourBeginnings = 0
    let lateHours = 0
    for (let index = 0; index < this.dayNeeds.length; index += NEED_FIELDS) {
      hours += this.dayNeeds[index] ?? 0
      shortfall += this.dayNeeds[index + 1] ?? 0
      gaps += this.dayNeeds[index + 2] ?? 0
      secondHourBeginnings += this.dayNeeds[index + 3] ?? 0
      lateHours += this.dayNeeds[index + 4] ?? 0
    }
    const early =
      maxSecondHourBeginnings === Infinity
        ? 0
        : lateHours + Math.max(0, secondHourBeginnings - maxSecondHourBeginnings)
    return hours + Math.max(shortfall, early) + Math.max(0, gaps - maxGapsPerWeek)
  }

  /** Marks in `dayLosesLesson` the days on which an activity of `out` has a lesson of the week's resource. */
  private markDaysLosingLessons(week: WeekOfResource, out: ActivitySet): void {
    this.dayLosesLesson.fill(0)
    for (let index = 0; index < out.size; index++) {
      const gone = out.at(index)
      const placement = this.assignment[gone]
      if (placement && week.at[week.resource * this.slots + placement.slot] === gone)
        this.dayLosesLesson[this.day(placement.slot)] = 1
    }
  }

  /** The shape of a day of the week's resource as `mark` keeps it, into the reused object. */
  private keptDayShape(week: WeekOfResource, day: number): Readonly<DayShape> {
    const index = (week.resource * this.problem.dayNames.length + day) * SHAPE_FIELDS
    this.shape.busy = week.days[index] ?? 0
    this.shape.gaps = week.days[index + 1] ?? 0
    this.shape.freeBefore = week.days[index + 2] ?? -1
    return this.shape
  }

  /** An activity that ends its students' day has nothing of theirs after it; nothing follows one that does. */
  private endsDayConflicts(activity: number, slot: number, out: ActivitySet): void {
    const { duration, subgroups } = item(this.problem.activities, activity)
    const dayStart = this.day(slot) * this.hours
    const ends = item(this.rules, activity).endsStudentsDay
    for (const g of subgroups) {
      if (!ends && !this.subgroupEndsDays[g]) continue
      for (let s = dayStart; s < dayStart + this.hours; s++) {
        const other = this.subgroups.at[g * this.slots + s] ?? FREE
        if (other === FREE || other === activity) continue
        if ((ends && s >= slot + duration) || (s < slot && item(this.rules, other).endsStudentsDay))
          out.add(other)
      }
    }
  }

  /** Daily hours and days per week (in an interval of hours) of one teacher or subgroup, the forced out aside. */
  private limitConflicts(
    at: Int32Array,
    days: Int32Array,
    resource: number,
    limits: ResourceLimits,
    slot: number,
    duration: number,
    out: ActivitySet,
  ): void {
    // The kept day shapes count activities already forced out too: within the limits by them is within for sure.
    const day = this.day(slot)
    const busyHours = days[(resource * this.problem.dayNames.length + day) * SHAPE_FIELDS] ?? 0
    if (limits.maxHoursDaily < Infinity && busyHours > limits.maxHoursDaily - duration)
      this.trimDay(at, resource, day, limits.maxHoursDaily - duration, out)
    const hour = slot - day * this.hours
    // Indexed: this runs for every teacher and subgroup of every slot weighed, most with no interval at all.
    for (let index = 0; index < limits.dayIntervals.length; index++) {
      const interval = item(limits.dayIntervals, index)
      if (hour >= interval.end || hour + duration <= interval.start) continue
      let otherWorkingDays = 0
      for (let d = 0; d < this.problem.dayNames.length; d++)
        if (d !== day && this.worksIn(at, days, resource, d, interval)) otherWorkingDays++
      if (otherWorkingDays >= interval.maxDays) this.trimDays(at, resource, day, interval, out)
    }
  }

  /** Whether a resource has a lesson in the interval on `day`, counting activities already forced out too. */
  private worksIn(at: Int32Array, days: Int32Array, resource: number, day: number, interval: DayInterval) {
    if (interval.wholeDay)
      return (days[(resource * this.problem.dayNames.length + day) * SHAPE_FIELDS] ?? 0) > 0
    const first = resource * this.slots + day * this.hours
    for (let s = first + interval.start; s < first + interval.end; s++) if (at[s] !== FREE) return true
    return false
  }

  /** The activities of a resource in the hours `start` up to `end` of `day`, one per hour, not those forced out. */
  private occupantsOfDay(
    at: Int32Array,
    resource: number,
    day: number,
    out: ActivitySet,
    { start, end }: { start: number; end: number } = { start: 0, end: this.hours },
  ): number[] {
    const occupants: number[] = []
    for (let s = day * this.hours + start; s < day * this.hours + end; s++) {
      const occupant = at[resource * this.slots + s] ?? FREE
      if (occupant !== FREE && !out.has(occupant)) occupants.push(occupant)
    }
    return occupants
  }

  private trimDay(at: Int32Array, resource: number, day: number, room: number, out: ActivitySet): void {
    const occupants = this.occupantsOfDay(at, resource, day, out)
    for (let excess = occupants.length - room; excess > 0; excess--) addOccupant(out, occupants.pop())
  }

  /** The lessons in the interval of the lightest other day with some go, when the other days use up its maximum. */
  private trimDays(
    at: Int32Array,
    resource: number,
    day: number,
    interval: DayInterval,
    out: ActivitySet,
  ): void {
    const days = this.problem.dayNames.map((_, d) =>
      d === day ? [] : this.occupantsOfDay(at, resource, d, out, interval),
    )
    const working = days.filter((occupants) => occupants.length > 0)
    if (working.length < interval.maxDays) return
    const lightest = working.reduce((least, occupants) =>
      occupants.length < least.length ? occupants : least,
    )
    for (const occupant of lightest) out.add(occupant)
  }

  /** A room for `activity` at `slot`: a free one when there is one, else the one whose occupant is cheapest. */
  bestRoom(
    activity: number,
    slot: number,
    evictionCost: (occupant: number) => number,
  ): Readonly<RoomChoice> | null {
    const rooms = item(this.rules, activity).rooms
    if (rooms === null) return NO_ROOM
    const duration = item(this.problem.activities, activity).duration
    let best: RoomChoice | null = null
    for (const room of rooms) {
      const choice = this.roomChoice(room, slot, duration, evictionCost)
      if (choice && (!best || choice.cost < best.cost)) best = choice
      if (best?.cost === 0) break
    }
    return best
  }

  /** The activity in `room` over `duration` slots from `slot` (-1: none); null when it cannot be used then. */
  roomOccupant(room: number, slot: number, duration: number): number | null {
    return this.roomChoice(room, slot, duration, () => 0)?.occupant ?? null
  }

  private roomChoice(
    room: number,
    slot: number,
    duration: number,
    evictionCost: (occupant: number) => number,
  ) {
    let occupant = FREE
    for (let s = slot; s < slot + duration; s++) {
      if (this.roomBusy[room * this.slots + s]) return null
      const o = this.roomAt[room * this.slots + s] ?? FREE
      if (o !== FREE && occupant !== FREE && o !== occupant) return null
      if (o !== FREE) occupant = o
    }
    return { room, occupant, cost: occupant === FREE ? 0 : evictionCost(occupant) }
  }

  /**
   * How far the activity's teachers and subgroups would break their whole-week limits, were it at `slot`. The
   * result is one object reused by every call (the search asks this for every slot it weighs).
   */
  weekExcess(activity: number, slot: number): Readonly<WeekExcess> {
    const placing = item(this.problem.activities, activity)
    const { duration } = placing
    const total = this.excess
    total.gaps = 0
    total.shape = 0
    for (const table of this.tables)
      for (const resource of table.resourcesOf(placing)) {
        const limits = item(table.limits, resource)
        if (hasWeekLimits(limits)) this.addWeekExcess(table, resource, limits, slot, duration)
      }
    return total
  }

  /** Only the day of `slot` is looked at anew; the other days' shapes are kept by `mark`. */
  private addWeekExcess(
    { at, days, off }: ResourceTable,
    resource: number,
    limits: ResourceLimits,
    slot: number,
    duration: number,
  ): void {
    let gaps = 0
    let shortfall = 0
    let secondHourBeginnings = 0
    let lateBeginnings = 0
    const dayCount = this.problem.dayNames.length
    const target = this.day(slot)
    const changed = this.dayShape(at, resource, item(off, resource), target, slot, slot + duration)
    for (let day = 0; day < dayCount; day++) {
      const index = (resource * dayCount + day) * SHAPE_FIELDS
      const busyHours = day === target ? changed.busy : (days[index] ?? 0)
      const freeBefore = day === target ? changed.freeBefore : (days[index + 2] ?? -1)
      gaps += day === target ? changed.gaps : (days[index + 1] ?? 0)
      if (busyHours > 0 || !limits.allowEmptyDays) shortfall += Math.max(0, limits.minHoursDaily - busyHours)
      if (freeBefore === 1) secondHourBeginnings++
      else if (freeBefore > 1) lateBeginnings++
    }
    const beginnings =
      limits.maxSecondHourBeginnings === Infinity
        ? 0
        : lateBeginnings + Math.max(0, secondHourBeginnings - limits.maxSecondHourBeginnings)
    this.excess.gaps += Math.max(0, gaps - limits.maxGapsPerWeek)
    this.excess.shape += shortfall + beginnings
  }

  /**
   * One day of a resource, with the slots from `extraStart` to `extraEnd` (exclusive) busy too, into one reused
   * object. Breaks and not-available hours are neither gaps nor free hours before the first lesson.
   */
  private dayShape(
    at: Int32Array,
    resource: number,
    off: Uint8Array,
    day: number,
    extraStart: number,
    extraEnd: number,
    gone?: ActivitySet,
  ): Readonly<DayShape> {
    const shape = this.shape
    shape.busy = 0
    shape.gaps = 0
    shape.freeBefore = -1
    let free = 0
    for (let s = day * this.hours; s < (day + 1) * this.hours; s++) {
      const occupant = at[resource * this.slots + s] ?? FREE
      if ((s >= extraStart && s < extraEnd) || (occupant !== FREE && !gone?.has(occupant))) {
        if (shape.freeBefore < 0) shape.freeBefore = free
        else shape.gaps += free
        shape.busy++
        free = 0
      } else if (!off[s]) free++
    }
    return shape
  }

  /** Activities of teachers or subgroups whose week breaks one of their whole-week hard limits. */
  activitiesOverWeekLimits(): number[] {
    const over: number[] = []
    this.problem.activities.forEach((activity, index) => {
      const placement = this.assignment[index]
      if (!placement) return
      this.remove(index)
      const excess = this.weekExcess(index, placement.slot)
      if (excess.gaps + excess.shape > 0) over.push(index)
      this.place(index, placement.slot, placement.room)
    })
    return over
  }
}

export interface RoomChoice {
  room: number | null
  /** The activity in that room at that time, to be forced out (-1: none). */
  occupant: number
  cost: number
}

/** The choice for an activity without rooms, shared (the search asks for a room at every slot it weighs). */
const NO_ROOM: Readonly<RoomChoice> = { room: null, occupant: FREE, cost: 0 }

/**
 * A start outside weighed preferred starting times counts as two broken relations: the polish cannot mend most of them
 * in a full week (docs/timetabling.md, "Soft cost closer to FET's").
 */
const OUTSIDE_PREFERRED_STARTS = 2
const SHAPE_FIELDS = 3
/** A day's part of its week's need (`storeDayNeed`). */
const NEED_FIELDS = 5

/** Per teacher or per subgroup (the index): occupancy, hard limits, slots that are not gaps, load, days' shapes. */
interface ResourceTable {
  /** Per resource and slot, the activity there (-1: free). */
  at: Int32Array
  limits: ResourceLimits[]
  /** Slots that are not gaps (breaks, hard unavailability). */
  off: Uint8Array[]
  /** Hours of lessons per week. */
  load: Int32Array
  /** Each day's shape (busy, gaps, free before: SHAPE_FIELDS numbers), kept current. */
  days: Int32Array
  /** The teachers or the subgroups of an activity. */
  resourcesOf: (activity: ProblemActivity) => number[]
}

function resourceTable(
  problem: Problem,
  count: number,
  resourcesOf: (activity: ProblemActivity) => number[],
): ResourceTable {
  const slots = slotCount(problem)
  const load = new Int32Array(count)
  for (const activity of problem.activities)
    for (const resource of resourcesOf(activity)) load[resource] = (load[resource] ?? 0) + activity.duration
  return {
    at: new Int32Array(count * slots).fill(FREE),
    limits: Array.from({ length: count }, () => ({ ...NO_LIMITS })),
    off: Array.from({ length: count }, () => new Uint8Array(slots)),
    load,
    days: emptyDayShapes(count * problem.dayNames.length),
    resourcesOf,
  }
}

/** An activity being weighed at a slot. */
interface Placing {
  activity: number
  slot: number
  duration: number
}

/** One teacher's or subgroup's occupancy, limits, slots that are not gaps, and hours of lessons per week. */
interface WeekOfResource {
  at: Int32Array
  resource: number
  limits: ResourceLimits
  off: Uint8Array
  load: number
  /** Its table's kept day shapes. */
  days: Int32Array
}

/** Shapes of days without lessons: nothing busy, no gaps, no first lesson (-1). */
function emptyDayShapes(count: number): Int32Array {
  const shapes = new Int32Array(count * SHAPE_FIELDS)
  for (let index = 2; index < shapes.length; index += SHAPE_FIELDS) shapes[index] = -1
  return shapes
}

function hasWeekLimits(limits: ResourceLimits): boolean {
  return (
    limits.maxGapsPerWeek < Infinity || limits.minHoursDaily > 0 || limits.maxSecondHourBeginnings < Infinity
  )
}

function requireMinHours(
  limits: ResourceLimits[],
  resources: number[],
  c: { min: number; allowEmptyDays: boolean },
): void {
  for (const resource of resources) {
    const limit = item(limits, resource)
    limit.minHoursDaily = Math.max(limit.minHoursDaily, c.min)
    limit.allowEmptyDays &&= c.allowEmptyDays
  }
}

function addOccupant(out: ActivitySet, occupant: number | undefined): void {
  if (occupant !== undefined && occupant !== FREE) out.add(occupant)
}

function startsInDay(problem: Problem, duration: number): Uint8Array {
  return Uint8Array.from({ length: slotCount(problem) }, (_, slot) =>
    fitsInDay(problem, slot, duration) ? 1 : 0,
  )
}

function roomsWithCapacity(problem: Problem, rooms: number[] | null, students: number): number[] | null {
  return rooms && rooms.filter((room) => item(problem.rooms, room).capacity >= students)
}

function intersect(target: Uint8Array, allowed: Uint8Array): void {
  target.forEach((set, slot) => set && !allowed[slot] && (target[slot] = 0))
}
