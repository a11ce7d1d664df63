// Calendar dates as `YYYY-MM-DD` strings and whole day numbers (days since 1970-01-01, UTC), so that date
// arithmetic never depends on the computer's time zone or daylight-saving rules.

const MS_PER_DAY = 86_400_000

export type IsoDate = string

export function dayNumber(date: IsoDate): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY)
}

export function dateOfDay(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return dateOfDay(dayNumber(date) + days)
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: IsoDate): number {
  // Day 0 (1970-01-01) was a Thursday (ISO 4).
  return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1
}

/** The Monday of the week `date` is in. */
export function mondayOf(date: IsoDate): IsoDate {
  return addDays(date, 1 - weekdayOf(date))
}

/** The local calendar date of a moment (what "today" means to the person at this computer). */
export function localDate(moment: Date = new Date()): IsoDate {
  const month = String(moment.getMonth() + 1).padStart(2, '0')
  const day = String(moment.getDate()).padStart(2, '0')
  return `${moment.getFullYear()}-${month}-${day}`
}

export interface DateRange {
  start: IsoDate
  end: IsoDate
}

/** Is `date` inside `range` (both ends included)? ISO dates compare as strings. */
export function inRange(date: IsoDate, range: DateRange): boolean {
  return range.start <= date && date <= range.end
}

/** JSON Schema pattern of an ISO calendar date. */
export const DATE_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$'
