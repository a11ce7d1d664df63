import { hasRole, isAdmin } from '../auth/roles.ts'
import { DATE_PATTERN, type DateRange } from '../calendar/dates.ts'
import type { BaseDocument } from '../documents.ts'
import { allowed, denied, kindSchema, nonBlankString, type KindDefinition } from '../kinds.ts'

export const EVENT_TYPES = ['holiday', 'exam', 'activity', 'meeting', 'other'] as const
export type EventType = (typeof EVENT_TYPES)[number]

/** CAL-1: an event of the school calendar; holidays (CAL-3) are the days the timetable skips. */
export interface CalendarEvent extends BaseDocument {
  kind: 'calendar_event'
  title: string
  type: EventType
  /** First and last day, both included. */
  start: string
  end: string
  content?: string
  /** The classes concerned; empty: the whole school. */
  classIds: string[]
  /** The staff member who created it: teachers may change only their own events. */
  createdBy: string
}

export function isHoliday(event: Pick<CalendarEvent, 'type'>): boolean {
  return event.type === 'holiday'
}

/** The date ranges of the holidays among `events`. */
export function holidayRanges(events: readonly CalendarEvent[]): DateRange[] {
  return events.filter(isHoliday).map(({ start, end }) => ({ start, end }))
}

function checkEvent(event: CalendarEvent): string[] {
  return event.start > event.end ? [`the event starts (${event.start}) after it ends (${event.end})`] : []
}

export const calendarEventKind: KindDefinition<CalendarEvent> = {
  kind: 'calendar_event',
  collection: 'events',
  schema: kindSchema(
    'calendar_event',
    {
      title: nonBlankString(100),
      type: { enum: [...EVENT_TYPES] },
      start: { type: 'string', pattern: DATE_PATTERN },
      end: { type: 'string', pattern: DATE_PATTERN },
      content: { type: 'string', maxLength: 5000 },
      classIds: { type: 'array', items: { type: 'string', maxLength: 64 }, uniqueItems: true },
      createdBy: { type: 'string', minLength: 1, maxLength: 64 },
    },
    ['title', 'type', 'start', 'end', 'classIds', 'createdBy'],
  ),
  check: checkEvent,
  canWrite: (user, next, stored) => {
    if (isAdmin(user)) return allowed
    if (!hasRole(user, 'teacher')) return denied('only staff may change calendar events')
    if (isHoliday(next) || (stored && isHoliday(stored))) return denied('only admins may change holidays')
    const own = next.createdBy === user.id && (!stored || stored.createdBy === user.id)
    return own ? allowed : denied('teachers may change only the events they created')
  },
  canRead: () => true,
}
