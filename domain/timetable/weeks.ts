import { addDays, dayNumber, mondayOf, type IsoDate } from '../calendar/dates.ts'

type TermDates = { start: IsoDate; end: IsoDate }

/** Week 1 of a term is the Monday-to-Sunday week its first day falls in. */
function firstMonday(term: TermDates): IsoDate {
  return mondayOf(term.start)
}

/** The week of the term `date` falls in (1-based; dates before the term give 0 or less). */
export function weekOfTerm(term: TermDates, date: IsoDate): number {
  return Math.floor((dayNumber(date) - dayNumber(firstMonday(term))) / 7) + 1
}

export function weekCount(term: TermDates): number {
  return Math.max(0, weekOfTerm(term, term.end))
}

/** The seven dates of a week of the term, Monday first. */
export function datesOfWeek(term: TermDates, week: number): IsoDate[] {
  const monday = addDays(firstMonday(term), (week - 1) * 7)
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i))
}

/** The date of an ISO weekday (1 = Monday) in a week of the term. */
export function dateInWeek(term: TermDates, week: number, weekday: number): IsoDate {
  return addDays(firstMonday(term), (week - 1) * 7 + weekday - 1)
}

/** The week to open first: this week while the term runs, else its first or last week. */
export function currentWeek(term: TermDates, today: IsoDate): number {
  return Math.min(Math.max(weekOfTerm(term, today), 1), Math.max(weekCount(term), 1))
}
