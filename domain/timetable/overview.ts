import type { IsoDate } from '../calendar/dates.ts'
import type { Period } from '../catalog/term.ts'
import { isActive, type Lesson } from './lesson.ts'

/**
 * TT-13: one row of the whole-school overview of a day (a class, or a teacher), with its lessons by period.
 * The overview is what schools print and pin up: every class × every period of one day, and who is free when.
 */
export interface OverviewRow {
  /** The class or teacher id. */
  id: string
  /** The active lessons of the day by period id; a period without lessons is absent. */
  byPeriod: Map<string, Lesson[]>
  /** The periods of the day in which the row has no lesson, in the order of the periods given. */
  freePeriodIds: string[]
}

function rowsOfDay(
  lessons: readonly Lesson[],
  date: IsoDate,
  ids: readonly string[],
  periods: readonly Period[],
  rowOf: (lesson: Lesson) => string,
): OverviewRow[] {
  const rows = new Map(ids.map((id) => [id, new Map<string, Lesson[]>()]))
  for (const lesson of lessons) {
    if (lesson.date !== date || !isActive(lesson)) continue
    const byPeriod = rows.get(rowOf(lesson))
    if (!byPeriod) continue
    const cell = byPeriod.get(lesson.periodId)
    if (cell) cell.push(lesson)
    else byPeriod.set(lesson.periodId, [lesson])
  }
  return ids.map((id) => {
    const byPeriod = rows.get(id) ?? new Map<string, Lesson[]>()
    return { id, byPeriod, freePeriodIds: periods.filter((p) => !byPeriod.has(p.id)).map((p) => p.id) }
  })
}

/** The classes × periods of one day: one row per class id, in the order given. */
export function classesOfDay(
  lessons: readonly Lesson[],
  date: IsoDate,
  classIds: readonly string[],
  periods: readonly Period[],
): OverviewRow[] {
  return rowsOfDay(lessons, date, classIds, periods, (lesson) => lesson.classId)
}

/** The teachers × periods of one day, with each teacher's free periods: one row per teacher id, in order. */
export function teachersOfDay(
  lessons: readonly Lesson[],
  date: IsoDate,
  teacherIds: readonly string[],
  periods: readonly Period[],
): OverviewRow[] {
  return rowsOfDay(lessons, date, teacherIds, periods, (lesson) => lesson.teacherId)
}

/**
 * The day the overview opens on: the first day from `today` on (inside the term) that has lessons, so that a
 * Saturday opens on Monday; else the term's last day with lessons; else `today` brought inside the term.
 */
export function openingDay(
  term: { start: IsoDate; end: IsoDate },
  today: IsoDate,
  lessons: readonly Pick<Lesson, 'date' | 'cancelled'>[],
): IsoDate {
  const from = today < term.start ? term.start : today
  let next: IsoDate | undefined
  let last: IsoDate | undefined
  for (const lesson of lessons) {
    if (!isActive(lesson) || lesson.date < term.start || lesson.date > term.end) continue
    if (lesson.date >= from && (next === undefined || lesson.date < next)) next = lesson.date
    if (last === undefined || lesson.date > last) last = lesson.date
  }
  return next ?? last ?? (from > term.end ? term.end : from)
}
