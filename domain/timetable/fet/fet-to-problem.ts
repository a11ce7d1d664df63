import {
  HARD_WEIGHT,
  item,
  type Assignment,
  slotCount,
  slotOf,
  startsWithin,
  type Problem,
  type ProblemActivity,
  type ProblemConstraint,
} from '../solver/problem.ts'
import type {
  FetActivity,
  FetActivityFilter,
  FetFile,
  FetHourInterval,
  FetPlacement,
  FetSpaceConstraint,
  FetTime,
  FetTimeConstraint,
  FetYear,
} from './fet-model.ts'
import { FetFormatError } from './read-fet.ts'

/** Name → index, failing with the kind of name when a constraint names something the file does not define. */
function indexer(kind: string, list: readonly string[]): (name: string) => number {
  const indexes = new Map(list.map((name, index) => [name, index]))
  return (name) => {
    const index = indexes.get(name)
    if (index === undefined) throw new FetFormatError(`unknown ${kind} "${name}"`)
    return index
  }
}

/**
 * The subgroups (smallest students sets) and which of them each set name covers. A year without groups and a
 * group without subgroups are their own subgroup; a subgroup listed under several groups is one subgroup.
 */
function studentsStructure(years: FetYear[]) {
  const subgroupNames: string[] = []
  const subgroupIndex = new Map<string, number>()
  const covers = new Map<string, Set<number>>()
  const students = new Map<string, number>()
  const atomic = (name: string) => {
    let index = subgroupIndex.get(name)
    if (index === undefined) {
      index = subgroupNames.push(name) - 1
      subgroupIndex.set(name, index)
    }
    return index
  }
  const cover = (name: string, count: number, subgroups: number[]) => {
    const set = covers.get(name) ?? new Set<number>()
    for (const subgroup of subgroups) set.add(subgroup)
    covers.set(name, set)
    students.set(name, Math.max(students.get(name) ?? 0, count))
  }
  for (const year of years) {
    const yearSubgroups: number[] = []
    for (const group of year.groups) {
      const groupSubgroups = group.subgroups.map((subgroup) => {
        const index = atomic(subgroup.name)
        cover(subgroup.name, subgroup.students, [index])
        return index
      })
      if (groupSubgroups.length === 0) groupSubgroups.push(atomic(group.name))
      cover(group.name, group.students, groupSubgroups)
      yearSubgroups.push(...groupSubgroups)
    }
    if (yearSubgroups.length === 0) yearSubgroups.push(atomic(year.name))
    cover(year.name, year.students, yearSubgroups)
  }
  const subgroupsOf = (name: string): number[] => {
    const set = covers.get(name)
    if (!set) throw new FetFormatError(`unknown students set "${name}"`)
    return [...set]
  }
  return { subgroupNames, subgroupsOf, studentsOf: (name: string) => students.get(name) ?? 0 }
}

function matches(activity: FetActivity, filter: FetActivityFilter): boolean {
  return (
    (filter.teacher === '' || activity.teachers.includes(filter.teacher)) &&
    (filter.students === '' || activity.students.includes(filter.students)) &&
    (filter.subject === '' || activity.subject === filter.subject) &&
    (filter.activityTag === '' || activity.activityTags.includes(filter.activityTag)) &&
    (filter.duration === null || activity.duration === filter.duration)
  )
}

/** Converts a read `.fet` file to the solver's problem: inactive activities and constraints are left out. */
export function problemFromFet(fet: FetFile): Problem {
  const active = fet.activities.filter((activity) => activity.active)
  const teacher = indexer('teacher', fet.teachers)
  const room = indexer(
    'room',
    fet.rooms.map((r) => r.name),
  )
  const day = indexer('day', fet.days)
  const hour = indexer('hour', fet.hours)
  const students = studentsStructure(fet.years)
  const activityIndex = new Map(active.map((activity, index) => [activity.id, index]))
  const activities: ProblemActivity[] = active.map((activity) => {
    const subgroups = new Set(activity.students.flatMap(students.subgroupsOf))
    return {
      id: activity.id,
      groupId: activity.groupId,
      duration: activity.duration,
      teachers: activity.teachers.map(teacher),
      subgroups: [...subgroups],
      students: activity.students.reduce((sum, name) => sum + students.studentsOf(name), 0),
      subject: activity.subject,
      tags: activity.activityTags,
      possibleRooms: null,
    }
  })
  const problem: Problem = {
    dayNames: fet.days,
    hourNames: fet.hours,
    teacherNames: fet.teachers,
    subgroupNames: students.subgroupNames,
    rooms: fet.rooms.map((r) => ({ name: r.name, capacity: r.capacity })),
    activities,
    constraints: [],
  }
  const slots = (times: FetTime[]) => {
    const set = new Uint8Array(slotCount(problem))
    for (const time of times) set[slotOf(problem, day(time.day), hour(time.hour))] = 1
    return set
  }
  /** Activity ids → indexes; ids of inactive activities are dropped, as FET does. */
  const indexes = (ids: number[]) =>
    ids.flatMap((id) => {
      const index = activityIndex.get(id)
      return index === undefined ? [] : [index]
    })
  const compile = { problem, active, teacher, room, hour, slots, indexes, subgroupsOf: students.subgroupsOf }
  for (const constraint of fet.timeConstraints) {
    if (constraint.active) problem.constraints.push(...compileTime(constraint, compile))
  }
  for (const constraint of fet.spaceConstraints) {
    if (constraint.active) problem.constraints.push(...compileSpace(constraint, compile))
  }
  restrictRooms(problem)
  return problem
}

interface Compile {
  problem: Problem
  active: FetActivity[]
  teacher: (name: string) => number
  room: (name: string) => number
  hour: (name: string) => number
  slots: (times: FetTime[]) => Uint8Array
  indexes: (ids: number[]) => number[]
  subgroupsOf: (name: string) => number[]
}

type Compiled = ProblemConstraint[]

/** The activity indexes a filter selects (for SubactivitiesPreferredTimeSlots: only the n-th part of a split). */
function filtered(c: Compile, filter: FetActivityFilter, component?: number): number[] {
  const selected: number[] = []
  c.active.forEach((activity, index) => {
    if (!matches(activity, filter)) return
    if (component !== undefined && componentNumber(c.active, activity) !== component) return
    selected.push(index)
  })
  return selected
}

/** 1-based position of an activity among the parts of its split activity (by id); 1 when it is not split. */
function componentNumber(activities: FetActivity[], activity: FetActivity): number {
  if (activity.groupId === 0) return 1
  return activities.filter((other) => other.groupId === activity.groupId && other.id <= activity.id).length
}

function preferredStarts(activities: number[], base: Base, starts: Uint8Array): Compiled {
  return activities.map((activity) => ({ ...base, kind: 'allowedStarts', activity, allowed: starts }))
}

function preferredSlots(c: Compile, activities: number[], base: Base, slots: Uint8Array): Compiled {
  return activities.map((activity) => ({
    ...base,
    kind: 'allowedStarts',
    activity,
    allowed: startsWithin(c.problem, slots, item(c.problem.activities, activity).duration),
  }))
}

const allTeachers = (c: Compile, name: string | null) =>
  name === null ? c.problem.teacherNames.map((_, index) => index) : [c.teacher(name)]

const allSubgroups = (c: Compile, name: string | null) =>
  name === null ? c.problem.subgroupNames.map((_, index) => index) : c.subgroupsOf(name)

type Base = { weight: number; source: string }

/** FET (6.4 on) never puts more than this many activities of one MinDaysBetweenActivities on the same day. */
const FET_MIN_DAYS_MAX_PER_DAY = 2

/**
 * What fet-cl keeps of a MinDaysBetweenActivities below 100 % whatever its weight (it refuses a locked timetable
 * breaking either, docs/timetabling.md): "consecutive if same day", and at most two of its activities on one day.
 * At 100 % the constraint itself keeps both.
 */
function minDaysHardParts(base: Base, activities: number[], consecutiveIfSameDay: boolean): Compiled {
  if (base.weight >= HARD_WEIGHT) return []
  const hard = { ...base, weight: HARD_WEIGHT, activities }
  return [
    ...(consecutiveIfSameDay
      ? [
          {
            ...hard,
            kind: 'minDaysBetween' as const,
            minDays: 0,
            consecutiveIfSameDay: true,
            source: `${base.source} (consecutive if same day)`,
          },
        ]
      : []),
    ...(activities.length > FET_MIN_DAYS_MAX_PER_DAY
      ? [
          {
            ...hard,
            kind: 'maxPerDay' as const,
            max: FET_MIN_DAYS_MAX_PER_DAY,
            source: `${base.source} (at most ${FET_MIN_DAYS_MAX_PER_DAY} on one day)`,
          },
        ]
      : []),
  ]
}

/** The constraint in words: its type and its named parameters, e.g. "TeacherMaxDaysPerWeek teacher Ana maxDays 4". */
function describe(constraint: FetTimeConstraint | FetSpaceConstraint): string {
  const named = Object.entries(constraint)
    .filter(
      ([key, value]) =>
        !['type', 'weight', 'active'].includes(key) && ['string', 'number'].includes(typeof value),
    )
    .map(([key, value]) => `${key} ${String(value)}`)
  return [constraint.type, ...named].join(' ')
}

function compileTime(constraint: FetTimeConstraint, c: Compile): Compiled {
  const base: Base = { weight: constraint.weight, source: describe(constraint) }
  switch (constraint.type) {
    case 'BasicCompulsoryTime':
      return [{ ...base, weight: HARD_WEIGHT, kind: 'basicTime' }]
    case 'BreakTimes':
      return [{ ...base, kind: 'breakTimes', busy: c.slots(constraint.times) }]
    case 'TeacherNotAvailableTimes':
      return [
        {
          ...base,
          kind: 'teacherUnavailable',
          teacher: c.teacher(constraint.teacher),
          busy: c.slots(constraint.times),
        },
      ]
    case 'StudentsSetNotAvailableTimes':
      return [
        {
          ...base,
          kind: 'studentsUnavailable',
          subgroups: c.subgroupsOf(constraint.students),
          busy: c.slots(constraint.times),
        },
      ]
    case 'ActivityPreferredStartingTime':
      return preferredStarts(c.indexes([constraint.activityId]), base, c.slots([constraint.time]))
    case 'ActivityPreferredStartingTimes':
      return preferredStarts(c.indexes([constraint.activityId]), base, c.slots(constraint.times))
    case 'ActivityPreferredTimeSlots':
      return preferredSlots(c, c.indexes([constraint.activityId]), base, c.slots(constraint.times))
    case 'ActivitiesPreferredStartingTimes':
      return preferredStarts(filtered(c, constraint.filter), base, c.slots(constraint.times))
    case 'ActivitiesPreferredTimeSlots':
      return preferredSlots(c, filtered(c, constraint.filter), base, c.slots(constraint.times))
    case 'SubactivitiesPreferredTimeSlots':
      return preferredSlots(
        c,
        filtered(c, constraint.filter, constraint.component),
        base,
        c.slots(constraint.times),
      )
    case 'ActivitiesSameStartingTime':
      return [{ ...base, kind: 'sameStartingTime', activities: c.indexes(constraint.activityIds) }]
    case 'ActivitiesNotOverlapping':
      return [{ ...base, kind: 'notOverlapping', activities: c.indexes(constraint.activityIds) }]
    case 'MinDaysBetweenActivities': {
      const activities = c.indexes(constraint.activityIds)
      return [
        {
          ...base,
          kind: 'minDaysBetween',
          activities,
          minDays: constraint.minDays,
          consecutiveIfSameDay: constraint.consecutiveIfSameDay,
        },
        ...minDaysHardParts(base, activities, constraint.consecutiveIfSameDay),
      ]
    }
    case 'TwoActivitiesConsecutive': {
      const [first] = c.indexes([constraint.firstActivityId])
      const [second] = c.indexes([constraint.secondActivityId])
      return first === undefined || second === undefined
        ? []
        : [{ ...base, kind: 'consecutive', first, second }]
    }
    case 'ActivityEndsStudentsDay':
      return c
        .indexes([constraint.activityId])
        .map((activity) => ({ ...base, kind: 'endsStudentsDay', activity }))
    case 'StudentsEarlyMaxBeginningsAtSecondHour':
      return [
        {
          ...base,
          kind: 'studentsEarlyMaxBeginnings',
          subgroups: allSubgroups(c, constraint.students),
          max: constraint.maxBeginnings,
        },
      ]
    case 'StudentsMaxGapsPerWeek':
      return [
        {
          ...base,
          kind: 'studentsMaxGapsPerWeek',
          subgroups: allSubgroups(c, constraint.students),
          max: constraint.maxGaps,
        },
      ]
    case 'StudentsMaxHoursDaily':
      return [
        {
          ...base,
          kind: 'studentsMaxHoursDaily',
          subgroups: allSubgroups(c, constraint.students),
          max: constraint.maxHours,
        },
      ]
    case 'StudentsMinHoursDaily':
      return [
        {
          ...base,
          kind: 'studentsMinHoursDaily',
          subgroups: allSubgroups(c, constraint.students),
          min: constraint.minHours,
          allowEmptyDays: constraint.allowEmptyDays,
        },
      ]
    case 'TeacherMaxDaysPerWeek':
      return [
        {
          ...base,
          kind: 'teacherMaxDaysPerWeek',
          teachers: allTeachers(c, constraint.teacher),
          max: constraint.maxDays,
        },
      ]
    case 'TeacherMaxHoursDaily':
      return [
        {
          ...base,
          kind: 'teacherMaxHoursDaily',
          teachers: allTeachers(c, constraint.teacher),
          max: constraint.maxHours,
        },
      ]
    case 'TeacherMaxGapsPerWeek':
      return [
        {
          ...base,
          kind: 'teacherMaxGapsPerWeek',
          teachers: allTeachers(c, constraint.teacher),
          max: constraint.maxGaps,
        },
      ]
    case 'TeacherMinHoursDaily':
      return [
        {
          ...base,
          kind: 'teacherMinHoursDaily',
          teachers: allTeachers(c, constraint.teacher),
          min: constraint.minHours,
          allowEmptyDays: constraint.allowEmptyDays,
        },
      ]
    case 'TeacherIntervalMaxDaysPerWeek':
      return [
        {
          ...base,
          kind: 'teacherIntervalMaxDaysPerWeek',
          teachers: allTeachers(c, constraint.teacher),
          ...hourInterval(c, constraint),
        },
      ]
    case 'StudentsIntervalMaxDaysPerWeek':
      return [
        {
          ...base,
          kind: 'studentsIntervalMaxDaysPerWeek',
          subgroups: allSubgroups(c, constraint.students),
          ...hourInterval(c, constraint),
        },
      ]
  }
}

/** Hour names as indexes; FET's empty end hour is the end of the day. */
function hourInterval(c: Compile, interval: FetHourInterval): { start: number; end: number; max: number } {
  const end = interval.endHour === '' ? c.problem.hourNames.length : c.hour(interval.endHour)
  return { start: c.hour(interval.startHour), end, max: interval.maxDays }
}

function activitiesWhere(c: Compile, test: (activity: FetActivity) => boolean): number[] {
  return c.active.flatMap((activity, index) => (test(activity) ? [index] : []))
}

function compileSpace(constraint: FetSpaceConstraint, c: Compile): Compiled {
  const base: Base = { weight: constraint.weight, source: describe(constraint) }
  const preferred = (activities: number[], rooms: string[]): Compiled => [
    { ...base, kind: 'preferredRooms', activities, rooms: rooms.map(c.room) },
  ]
  switch (constraint.type) {
    case 'BasicCompulsorySpace':
      return [{ ...base, weight: HARD_WEIGHT, kind: 'basicSpace' }]
    case 'ActivityPreferredRoom':
      return preferred(c.indexes([constraint.activityId]), [constraint.room])
    case 'ActivityPreferredRooms':
      return preferred(c.indexes([constraint.activityId]), constraint.rooms)
    case 'ActivityTagPreferredRooms':
      return preferred(
        activitiesWhere(c, (a) => a.activityTags.includes(constraint.activityTag)),
        constraint.rooms,
      )
    case 'SubjectPreferredRooms':
      return preferred(
        activitiesWhere(c, (a) => a.subject === constraint.subject),
        constraint.rooms,
      )
    case 'TeacherHomeRoom':
      return preferred(
        activitiesWhere(c, (a) => a.teachers.length === 1 && a.teachers[0] === constraint.teacher),
        [constraint.room],
      )
    case 'RoomNotAvailableTimes':
      return [
        { ...base, kind: 'roomUnavailable', room: c.room(constraint.room), busy: c.slots(constraint.times) },
      ]
  }
}

/** An activity's possible rooms: those every hard room constraint on it allows (null: it needs no room). */
function restrictRooms(problem: Problem): void {
  for (const constraint of problem.constraints) {
    if (constraint.kind !== 'preferredRooms' || constraint.weight < HARD_WEIGHT) continue
    for (const index of constraint.activities) {
      const activity = item(problem.activities, index)
      const rooms = activity.possibleRooms
      activity.possibleRooms =
        rooms === null ? [...constraint.rooms] : rooms.filter((r) => constraint.rooms.includes(r))
    }
  }
}

/** A FET solution as an assignment of the problem; activities it does not list stay unplaced. */
export function assignmentFromFet(problem: Problem, placements: FetPlacement[]): Assignment {
  const day = indexer('day', problem.dayNames)
  const hour = indexer('hour', problem.hourNames)
  const room = indexer(
    'room',
    problem.rooms.map((r) => r.name),
  )
  const byId = new Map(placements.map((p) => [p.id, p]))
  return problem.activities.map((activity) => {
    const placement = byId.get(activity.id)
    if (!placement) return null
    const slot = slotOf(problem, day(placement.day), hour(placement.hour))
    return { slot, room: placement.room === '' ? null : room(placement.room) }
  })
}
