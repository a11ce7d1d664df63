import type { Period } from '../../catalog/term.ts'
import type { PlanEntry, PlanEntryDraft } from '../plan-entry.ts'
import {
  HARD_WEIGHT,
  slotCount,
  type Assignment,
  type Problem,
  type ProblemActivity,
  type ProblemConstraint,
} from '../solver/problem.ts'

/** The weekly lessons of one class, subject and teacher, in one room (home room, lab, gym…). */
export interface LessonDemand {
  classId: string
  subjectId: string
  teacherId: string
  locationId: string
  /** Periods a week, fixed lessons included. */
  count: number
  /** How many of those periods are taught as double lessons (two periods running); at most count / 2. */
  doubles: number
}

/** A period of a weekday when a teacher cannot teach. */
export interface UnavailableTime {
  teacherId: string
  weekday: number
  periodId: string
}

/** The constraints panel: what schools ask for most. */
export interface ArrangeSettings {
  /** School days, ISO weekdays (1 = Monday). */
  weekdays: number[]
  unavailable: UnavailableTime[]
  /** Per teacher; null: no limit. */
  maxLessonsPerDay: number | null
  /** Free periods between a teacher's lessons of a day, summed over the week; null: no limit. */
  maxGapsPerWeek: number | null
  /** A class's lessons of one subject on different days (when there are no more of them than days). */
  subjectOnDifferentDays: boolean
}

export interface ArrangeInput {
  termId: string
  periods: readonly Period[]
  demands: readonly LessonDemand[]
  /** Plan entries kept where they are; they count towards their demand's lessons. */
  fixed: readonly PlanEntry[]
  settings: ArrangeSettings
  /** Rooms several classes may use at once (sports ground): they never clash. */
  sharedLocationIds: ReadonlySet<string>
  /** Names for the reasons `check` gives; ids when missing. */
  names?: Partial<ArrangeNames>
}

export interface ArrangeNames {
  teacher: (id: string) => string
  className: (id: string) => string
  room: (id: string) => string
  weekday: (weekday: number) => string
}

/** What one activity of the problem stands for. */
export interface ArrangedLesson {
  classId: string
  subjectId: string
  teacherId: string
  locationId: string
  /** The plan entry kept in place, for a fixed lesson. */
  fixedEntryId: string | null
}

export interface ArrangeProblem {
  problem: Problem
  /** Per activity of the problem (same index). */
  lessons: ArrangedLesson[]
  weekdays: number[]
  periodIds: string[]
  locationIds: string[]
}

/** Out of a range the solver can meet: the admin's counts or settings are wrong. */
export class ArrangeInputError extends Error {}

/** A room too big to ever be too small: plan entries know no numbers of students. */
const ANY_SIZE = Number.MAX_SAFE_INTEGER
/** A wish the solver reports when broken but does not chase (soft). */
const WISH_WEIGHT = 95

const demandKey = (lesson: { classId: string; subjectId: string; teacherId: string }) =>
  `${lesson.classId}|${lesson.subjectId}|${lesson.teacherId}`

const ITS_ID = (id: string | number) => String(id)

/**
 * The lesson counts of the term's current plan, per class, subject and teacher, in the room used most often.
 * A double lesson is not visible in plan entries, so none is assumed.
 */
export function demandsFromPlan(entries: readonly PlanEntry[]): LessonDemand[] {
  const groups = new Map<string, { demand: LessonDemand; rooms: Map<string, number> }>()
  for (const entry of entries) {
    const key = demandKey(entry)
    const group = groups.get(key) ?? {
      demand: { ...pickDemand(entry), count: 0, doubles: 0 },
      rooms: new Map<string, number>(),
    }
    group.demand.count++
    group.rooms.set(entry.locationId, (group.rooms.get(entry.locationId) ?? 0) + 1)
    groups.set(key, group)
  }
  return [...groups.values()].map(({ demand, rooms }) => ({ ...demand, locationId: mostUsed(rooms) }))
}

function pickDemand(entry: Omit<LessonDemand, 'count' | 'doubles'>): Omit<LessonDemand, 'count' | 'doubles'> {
  const { classId, subjectId, teacherId, locationId } = entry
  return { classId, subjectId, teacherId, locationId }
}

function mostUsed(uses: Map<string, number>): string {
  return [...uses].reduce((best, next) => (next[1] > best[1] ? next : best))[0]
}

/** Indexes of distinct values, in order of first appearance. */
class Index {
  readonly values: string[] = []
  private readonly positions = new Map<string, number>()
  of(value: string): number {
    let position = this.positions.get(value)
    if (position === undefined) {
      position = this.values.length
      this.values.push(value)
      this.positions.set(value, position)
    }
    return position
  }
}

function validate(input: ArrangeInput): void {
  const { settings, periods, demands } = input
  if (settings.weekdays.length === 0) throw new ArrangeInputError('no school days chosen')
  if (settings.weekdays.some((day) => !Number.isInteger(day) || day < 1 || day > 7))
    throw new ArrangeInputError('weekdays are 1 (Monday) to 7 (Sunday)')
  if (periods.length === 0) throw new ArrangeInputError('the term has no periods')
  for (const demand of demands) {
    if (!Number.isInteger(demand.count) || demand.count < 0)
      throw new ArrangeInputError(`lessons a week must be a whole number ≥ 0 (${demandKey(demand)})`)
    if (!Number.isInteger(demand.doubles) || demand.doubles < 0 || demand.doubles * 2 > demand.count)
      throw new ArrangeInputError(`double lessons must be at most half the lessons (${demandKey(demand)})`)
  }
}

/**
 * The term's demands, fixed lessons and settings as the solver's problem: classes are subgroups, periods are the
 * hours of each school day, each lesson (or double lesson) one activity in its demand's room.
 */
export function arrangeProblem(input: ArrangeInput): ArrangeProblem {
  validate(input)
  const weekdays = [...new Set(input.settings.weekdays)].sort((a, b) => a - b)
  const periodIds = input.periods.map((period) => period.id)
  const teachers = new Index()
  const classes = new Index()
  const rooms = new Index()
  const lessons: ArrangedLesson[] = []
  const activities: ProblemActivity[] = []
  const hours = periodIds.length
  const slotOfEntry = (entry: PlanEntry) => {
    const day = weekdays.indexOf(entry.weekday)
    const hour = periodIds.indexOf(entry.periodId)
    return day < 0 || hour < 0 ? null : day * hours + hour
  }

  const addActivity = (lesson: ArrangedLesson, duration: number) => {
    const shared = input.sharedLocationIds.has(lesson.locationId)
    activities.push({
      id: activities.length + 1,
      groupId: 0,
      duration,
      teachers: [teachers.of(lesson.teacherId)],
      subgroups: [classes.of(lesson.classId)],
      students: 0,
      subject: lesson.subjectId,
      tags: [],
      possibleRooms: shared ? null : [rooms.of(lesson.locationId)],
    })
    lessons.push(lesson)
  }

  const constraints: ProblemConstraint[] = [
    { kind: 'basicTime', weight: HARD_WEIGHT, source: 'basic time' },
    { kind: 'basicSpace', weight: HARD_WEIGHT, source: 'basic space' },
  ]
  const activitiesBySubject = new Map<string, number[]>()
  const noteSubject = (classId: string, subjectId: string) => {
    const key = `${classId}|${subjectId}`
    activitiesBySubject.set(key, [...(activitiesBySubject.get(key) ?? []), activities.length])
  }
  const fixedByDemand = new Map<string, PlanEntry[]>()
  for (const entry of input.fixed) {
    const slot = slotOfEntry(entry)
    if (slot === null)
      throw new ArrangeInputError(`fixed lesson ${entry.id} is not on a school day and period`)
    fixedByDemand.set(demandKey(entry), [...(fixedByDemand.get(demandKey(entry)) ?? []), entry])
    const allowed = new Uint8Array(weekdays.length * hours)
    allowed[slot] = 1
    constraints.push({
      kind: 'allowedStarts',
      weight: HARD_WEIGHT,
      source: 'fixed lesson',
      activity: activities.length,
      allowed,
    })
    noteSubject(entry.classId, entry.subjectId)
    addActivity({ ...pickDemand(entry), fixedEntryId: entry.id }, 1)
  }
  for (const demand of input.demands) {
    const fixedCount = fixedByDemand.get(demandKey(demand))?.length ?? 0
    const free = Math.max(0, demand.count - fixedCount)
    const doubles = Math.min(demand.doubles, Math.floor(free / 2))
    const lesson: ArrangedLesson = { ...pickDemand(demand), fixedEntryId: null }
    for (let n = 0; n < free - doubles; n++) {
      noteSubject(demand.classId, demand.subjectId)
      addActivity(lesson, n < doubles ? 2 : 1)
    }
  }

  const problem: Problem = {
    dayNames: weekdays.map((day) => (input.names?.weekday ?? ITS_ID)(day)),
    hourNames: input.periods.map((period) => period.name),
    teacherNames: teachers.values.map((id) => (input.names?.teacher ?? ITS_ID)(id)),
    subgroupNames: classes.values.map((id) => (input.names?.className ?? ITS_ID)(id)),
    rooms: rooms.values.map((id) => ({ name: (input.names?.room ?? ITS_ID)(id), capacity: ANY_SIZE })),
    activities,
    constraints,
  }
  constraints.push(
    ...settingConstraints(problem, input.settings, weekdays, periodIds, teachers, activitiesBySubject),
  )
  return { problem, lessons, weekdays, periodIds, locationIds: rooms.values }
}

function settingConstraints(
  problem: Problem,
  settings: ArrangeSettings,
  weekdays: number[],
  periodIds: string[],
  teachers: Index,
  activitiesBySubject: Map<string, number[]>,
): ProblemConstraint[] {
  const constraints: ProblemConstraint[] = []
  const everyTeacher = teachers.values.map((_, index) => index)
  const busyOf = new Map<number, Uint8Array>()
  for (const time of settings.unavailable) {
    const day = weekdays.indexOf(time.weekday)
    const hour = periodIds.indexOf(time.periodId)
    const teacher = teachers.values.indexOf(time.teacherId)
    if (day < 0 || hour < 0 || teacher < 0) continue
    const busy = busyOf.get(teacher) ?? new Uint8Array(slotCount(problem))
    busy[day * periodIds.length + hour] = 1
    busyOf.set(teacher, busy)
  }
  for (const [teacher, busy] of busyOf)
    constraints.push({
      kind: 'teacherUnavailable',
      weight: HARD_WEIGHT,
      source: 'not available',
      teacher,
      busy,
    })
  if (settings.maxLessonsPerDay !== null && everyTeacher.length > 0)
    constraints.push({
      kind: 'teacherMaxHoursDaily',
      weight: HARD_WEIGHT,
      source: 'max lessons a day',
      teachers: everyTeacher,
      max: settings.maxLessonsPerDay,
    })
  if (settings.maxGapsPerWeek !== null && everyTeacher.length > 0)
    constraints.push({
      kind: 'teacherMaxGapsPerWeek',
      weight: HARD_WEIGHT,
      source: 'max gaps a week',
      teachers: everyTeacher,
      max: settings.maxGapsPerWeek,
    })
  if (settings.subjectOnDifferentDays)
    for (const activities of activitiesBySubject.values()) {
      if (activities.length < 2) continue
      constraints.push({
        kind: 'minDaysBetween',
        // More lessons than days cannot all be on different days: then it is a wish, reported when broken.
        weight: activities.length <= weekdays.length ? HARD_WEIGHT : WISH_WEIGHT,
        source: 'different days',
        activities,
        minDays: 1,
        consecutiveIfSameDay: false,
      })
    }
  return constraints
}

/** The solver's placements as the term's new plan entries (fixed lessons are left out: they stay as they are). */
export function entriesFromAssignment(
  arranged: ArrangeProblem,
  assignment: Assignment,
  termId: string,
): PlanEntryDraft[] {
  const hours = arranged.periodIds.length
  return arranged.lessons.flatMap((lesson, index) => {
    const placement = assignment[index]
    const activity = arranged.problem.activities[index]
    if (!placement || !activity || lesson.fixedEntryId !== null) return []
    const weekday = arranged.weekdays[Math.floor(placement.slot / hours)] ?? 0
    return Array.from({ length: activity.duration }, (_, offset) => ({
      kind: 'plan_entry' as const,
      termId,
      weekday,
      periodId: arranged.periodIds[(placement.slot % hours) + offset] ?? '',
      teacherId: lesson.teacherId,
      subjectId: lesson.subjectId,
      classId: lesson.classId,
      locationId: lesson.locationId,
    }))
  })
}
