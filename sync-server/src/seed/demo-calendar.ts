// The public holidays of the demo term in the school calendar, so the seeded timetable has no lesson on them.
import type { DateRange } from '../../../domain/calendar/dates.ts'
import type { Term } from '../../../domain/catalog/term.ts'
import type { WireDocument } from '../../../domain/documents.ts'
import type { CalendarEvent } from '../../../domain/events/calendar-event.ts'

interface PublicHoliday extends DateRange {
  key: string
  title: string
  content?: string
}

/**
 * China's public holidays of the demo term, from the State Council's notice of 4 Nov 2025 for 2026. New Year 2027 is
 * its statutory day, a Friday, joined to the weekend. Make-up workdays (调休上班) fall on weekends the timetable
 * has no lessons on, so they are only noted.
 */
const PUBLIC_HOLIDAYS: readonly PublicHoliday[] = [
  { key: '2026-mid-autumn', title: '中秋节', start: '2026-09-25', end: '2026-09-27' },
  {
    key: '2026-national-day',
    title: '国庆节',
    start: '2026-10-01',
    end: '2026-10-07',
    content: '放假调休，共7天。9月20日（周日）、10月10日（周六）上班。',
  },
  { key: '2027-new-year', title: '元旦', start: '2027-01-01', end: '2027-01-03' },
]

/** The whole school's holiday events of the public holidays that fall in `term`, entered by `createdBy` (an admin). */
export function demoHolidays(
  schoolId: string,
  term: Pick<Term, 'start' | 'end'>,
  createdBy: string,
  now: number,
): WireDocument<CalendarEvent>[] {
  return PUBLIC_HOLIDAYS.filter((holiday) => holiday.start <= term.end && term.start <= holiday.end).map(
    ({ key, title, start, end, content }) => ({
      id: `${schoolId}-holiday-${key}`,
      kind: 'calendar_event',
      schoolId,
      updatedAt: now,
      _deleted: false,
      title,
      type: 'holiday',
      start,
      end,
      ...(content ? { content } : {}),
      classIds: [],
      createdBy,
    }),
  )
}
