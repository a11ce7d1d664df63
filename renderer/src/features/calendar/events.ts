import type { SessionUser } from '../../../../domain/auth/roles.ts'
import { dayNumber, type DateRange } from '../../../../domain/calendar/dates.ts'
import { EVENT_TYPES, type CalendarEvent, type EventType } from '../../../../domain/events/calendar-event.ts'
import type { PermissionResult } from '../../../../domain/kinds.ts'

/** The type filter of the list: one type, or all of them. */
export type TypeFilter = EventType | 'all'
export const TYPE_FILTERS: readonly TypeFilter[] = ['all', ...EVENT_TYPES]

/** Element Plus tag colour of each type: holidays stand out in red, like on a printed calendar. */
export const TYPE_TAGS: Record<EventType, 'danger' | 'warning' | 'success' | 'primary' | 'info'> = {
  holiday: 'danger',
  exam: 'warning',
  activity: 'success',
  meeting: 'primary',
  other: 'info',
}

/** A new event is an activity unless the user may not add one: a holiday must be chosen on purpose. */
export function defaultType(types: readonly EventType[]): EventType | null {
  return types.includes('activity') ? 'activity' : (types[0] ?? null)
}

/** How many days a range covers, both ends included. */
export function dayCount({ start, end }: DateRange): number {
  return dayNumber(end) - dayNumber(start) + 1
}

export function filterByType<E extends Pick<CalendarEvent, 'type'>>(
  events: readonly E[],
  filter: TypeFilter,
): E[] {
  return filter === 'all' ? [...events] : events.filter((event) => event.type === filter)
}

/** The names of the classes `ids` refers to, in the order given; ids of classes since deleted are skipped. */
export function classNames(ids: readonly string[], classes: ReadonlyMap<string, { name: string }>): string[] {
  return ids.flatMap((id) => classes.get(id)?.name ?? [])
}

type Permission = (next: CalendarEvent, stored: CalendarEvent | null) => PermissionResult

/** A blank event that `user` would create: what the permission rule is asked about before the form is filled. */
export function newEventProbe(user: Pick<SessionUser, 'id' | 'schoolId'>): CalendarEvent {
  return {
    id: 'new',
    kind: 'calendar_event',
    schoolId: user.schoolId,
    updatedAt: 0,
    title: '',
    type: 'other',
    start: '',
    end: '',
    classIds: [],
    createdBy: user.id,
  }
}

/**
 * The types the user may give `event` (a probe when new, else the stored event): admins every type, teachers
 * their own events but never holidays. Empty when the user may not write it at all.
 */
export function allowedTypes(
  permission: Permission,
  event: CalendarEvent,
  stored: CalendarEvent | null,
): EventType[] {
  return EVENT_TYPES.filter((type) => permission({ ...event, type }, stored).ok)
}
