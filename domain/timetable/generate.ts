import { inRange, type DateRange, type IsoDate } from '../calendar/dates.ts'
import { allClashes, lessonSlotKey, type ClashReason } from './conflicts.ts'
import { generatedLessonId, isActive, type Lesson } from './lesson.ts'
import type { PlanEntry } from './plan-entry.ts'
import { dateInWeek, datesOfWeek, weekCount } from './weeks.ts'

/** A lesson as generation writes it; the repository adds `schoolId` and `updatedAt`. */
export type LessonFields = Omit<Lesson, 'schoolId' | 'updatedAt'>

export interface GenerationInput {
  term: { id: string; start: IsoDate; end: IsoDate }
  /** The live plan entries of the term. */
  entries: readonly PlanEntry[]
  holidays: readonly DateRange[]
  /** The live lessons of the term, cancelled ones included. */
  existing: readonly Lesson[]
  /** Lessons dated before this day are history: generation leaves them as they are. */
  from: IsoDate
  /** Rooms that can host several classes at once (for the clash report). */
  hostsSeveralClasses?: (locationId: string) => boolean
}

export interface GenerationResult {
  /** New lessons, and generated lessons that follow a changed plan entry. */
  writes: LessonFields[]
  /** Generated lessons the plan no longer wants (entry deleted or moved, a holiday added). */
  removals: Lesson[]
  created: number
  updated: number
  unchanged: number
  /** Lessons an admin adjusted or cancelled, left as they are although the plan would place them elsewhere. */
  keptAdjusted: Lesson[]
  /** Of those, the adjusted lessons whose plan entry was deleted: kept, and shown to the admin to decide. */
  orphaned: Lesson[]
  /** Dates of the term that are holidays (no lesson was generated on them). */
  holidayDates: IsoDate[]
  /** Clashes in the resulting timetable (only possible with adjusted or hand-made lessons). */
  clashes: { first: LessonFields; second: LessonFields; reasons: ClashReason[] }[]
}

const PLACEMENT_FIELDS = [
  'termId',
  'date',
  'periodId',
  'teacherId',
  'subjectId',
  'classId',
  'locationId',
] as const

function samePlacement(a: LessonFields, b: Lesson): boolean {
  return PLACEMENT_FIELDS.every((field) => a[field] === b[field])
}

function lessonFor(entry: PlanEntry, week: number, date: IsoDate): LessonFields {
  return {
    id: generatedLessonId(entry.id, week),
    kind: 'lesson',
    termId: entry.termId,
    date,
    periodId: entry.periodId,
    teacherId: entry.teacherId,
    subjectId: entry.subjectId,
    classId: entry.classId,
    locationId: entry.locationId,
    planEntryId: entry.id,
    week,
  }
}

/** Every lesson the plan wants from `from` to the end of the term, skipping holidays. */
function wantedLessons(input: GenerationInput, isHoliday: (date: IsoDate) => boolean): LessonFields[] {
  const { term, entries, from } = input
  // The 7 dates of every week, computed once: date arithmetic per lesson would dominate the run time.
  const weeks = Array.from({ length: weekCount(term) }, (_, i) => datesOfWeek(term, i + 1))
  const wanted: LessonFields[] = []
  for (const entry of entries) {
    for (let week = 1; week <= weeks.length; week++) {
      const date = weeks[week - 1]?.[entry.weekday - 1]
      if (date === undefined) continue
      if (date < term.start || date > term.end || date < from || isHoliday(date)) continue
      wanted.push(lessonFor(entry, week, date))
    }
  }
  return wanted
}

function holidayTest(term: DateRange, holidays: readonly DateRange[]) {
  const relevant = holidays.filter((h) => h.start <= term.end && term.start <= h.end)
  return (date: IsoDate) => relevant.some((holiday) => inRange(date, holiday))
}

function holidayDatesOf(term: DateRange, isHoliday: (date: IsoDate) => boolean): IsoDate[] {
  const dates: IsoDate[] = []
  for (let week = 1; week <= weekCount(term); week++) {
    for (let weekday = 1; weekday <= 7; weekday++) {
      const date = dateInWeek(term, week, weekday)
      if (date >= term.start && date <= term.end && isHoliday(date)) dates.push(date)
    }
  }
  return dates
}

/**
 * TT-7: expands the weekly plan into dated lessons for every week of the term from `from` on, skipping
 * holidays, as a difference against the lessons that exist. Generated lessons have ids made of their plan
 * entry and week, so generating again (on any PC) rewrites the same documents instead of adding new ones.
 * Lessons an admin adjusted or cancelled are never changed; an adjusted lesson whose plan entry was deleted
 * is kept and reported as orphaned (the admin deletes it in the week view if it should go too). Hand-made
 * lessons and lessons before `from` are not touched.
 */
export function planGeneration(input: GenerationInput): GenerationResult {
  const isHoliday = holidayTest(input.term, input.holidays)
  const existing = new Map(input.existing.map((lesson) => [lesson.id, lesson]))
  const entryIds = new Set(input.entries.map((entry) => entry.id))
  const wanted = wantedLessons(input, isHoliday)
  const wantedIds = new Set(wanted.map((lesson) => lesson.id))
  const result: GenerationResult = {
    writes: [],
    removals: [],
    created: 0,
    updated: 0,
    unchanged: 0,
    keptAdjusted: [],
    orphaned: [],
    holidayDates: holidayDatesOf(input.term, isHoliday),
    clashes: [],
  }

  for (const lesson of wanted) {
    const current = existing.get(lesson.id)
    if (!current) {
      result.writes.push(lesson)
      result.created++
    } else if (current.date < input.from) {
      // History: a plan change never moves a lesson that already took place.
      result.unchanged++
    } else if (current.adjusted || current.cancelled) {
      if (!samePlacement(lesson, current)) result.keptAdjusted.push(current)
      else result.unchanged++
    } else if (samePlacement(lesson, current)) {
      result.unchanged++
    } else {
      result.writes.push(lesson)
      result.updated++
    }
  }

  for (const lesson of input.existing) {
    if (lesson.planEntryId === undefined || wantedIds.has(lesson.id) || lesson.date < input.from) continue
    if (lesson.adjusted && isActive(lesson)) {
      result.keptAdjusted.push(lesson)
      if (!entryIds.has(lesson.planEntryId)) result.orphaned.push(lesson)
    } else {
      result.removals.push(lesson)
    }
  }

  result.clashes = clashesAfter(input, result)
  return result
}

function clashesAfter(input: GenerationInput, result: GenerationResult) {
  const removed = new Set(result.removals.map((lesson) => lesson.id))
  const written = new Map(result.writes.map((lesson) => [lesson.id, lesson]))
  const final: LessonFields[] = input.existing.filter((l) => !removed.has(l.id) && !written.has(l.id))
  final.push(...written.values())
  const several = input.hostsSeveralClasses ?? (() => false)
  return allClashes(final.filter(isActive), lessonSlotKey, several)
}

/**
 * How many lessons a new holiday over `range` takes away at the next generation: the generated lessons in it that
 * generation still manages (active, not adjusted by hand).
 */
export function lessonsInHoliday(lessons: readonly Lesson[], range: DateRange): number {
  return lessons.filter(
    (lesson) =>
      lesson.planEntryId !== undefined && isActive(lesson) && !lesson.adjusted && inRange(lesson.date, range),
  ).length
}
