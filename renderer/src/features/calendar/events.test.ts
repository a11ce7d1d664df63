import { describe, expect, it } from 'vitest'
import type { SessionUser } from '../../../../domain/auth/roles.ts'
import { EVENT_TYPES, type CalendarEvent } from '../../../../domain/events/calendar-event.ts'
import { checkWrite } from '../../../../domain/permissions.ts'
import { allowedTypes, classNames, dayCount, defaultType, filterByType, newEventProbe } from './events.ts'

const admin: SessionUser = { id: 'wang', schoolId: 'demo', name: '王校长', roles: ['admin'] }
const teacher: SessionUser = { id: 'li', schoolId: 'demo', name: '李老师', roles: ['teacher'] }

function event(fields: Partial<CalendarEvent>): CalendarEvent {
  return {
    ...newEventProbe(admin),
    id: 'e1',
    title: '国庆节',
    start: '2026-10-01',
    end: '2026-10-07',
    ...fields,
  }
}

describe('dayCount', () => {
  it('counts both ends', () => {
    expect(dayCount({ start: '2026-10-01', end: '2026-10-07' })).toBe(7)
    expect(dayCount({ start: '2026-05-01', end: '2026-05-01' })).toBe(1)
  })

  it('crosses month and year ends and leap days', () => {
    expect(dayCount({ start: '2026-12-30', end: '2027-01-02' })).toBe(4)
    expect(dayCount({ start: '2028-02-28', end: '2028-03-01' })).toBe(3)
  })
})

describe('defaultType', () => {
  it('starts a new event as an activity, never as a holiday that removes lessons', () => {
    expect(defaultType(EVENT_TYPES)).toBe('activity')
    expect(defaultType(['holiday', 'exam'])).toBe('holiday')
    expect(defaultType([])).toBeNull()
  })
})

describe('filterByType', () => {
  const events = [event({ id: 'a', type: 'holiday' }), event({ id: 'b', type: 'exam' })]

  it('keeps every event for "all", else only that type', () => {
    expect(filterByType(events, 'all').map((e) => e.id)).toEqual(['a', 'b'])
    expect(filterByType(events, 'exam').map((e) => e.id)).toEqual(['b'])
    expect(filterByType(events, 'meeting')).toEqual([])
  })
})

describe('classNames', () => {
  const classes = new Map([
    ['c1', { name: '初一(1)班' }],
    ['c2', { name: '初一(2)班' }],
  ])

  it('names the classes in the given order and skips unknown ids', () => {
    expect(classNames(['c2', 'gone', 'c1'], classes)).toEqual(['初一(2)班', '初一(1)班'])
    expect(classNames([], classes)).toEqual([])
  })
})

describe('allowedTypes', () => {
  const permission = (user: SessionUser) => (next: CalendarEvent, stored: CalendarEvent | null) =>
    checkWrite(user, next, stored)

  it('offers every type to an admin', () => {
    expect(allowedTypes(permission(admin), newEventProbe(admin), null)).toEqual([
      'holiday',
      'exam',
      'activity',
      'meeting',
      'other',
    ])
  })

  it('offers a teacher every type but holiday for a new event of their own', () => {
    expect(allowedTypes(permission(teacher), newEventProbe(teacher), null)).toEqual([
      'exam',
      'activity',
      'meeting',
      'other',
    ])
  })

  it('offers a teacher nothing on a holiday or on another person’s event', () => {
    const holiday = event({ type: 'holiday', createdBy: teacher.id })
    const adminsActivity = event({ type: 'activity', createdBy: admin.id })
    expect(allowedTypes(permission(teacher), holiday, holiday)).toEqual([])
    expect(allowedTypes(permission(teacher), adminsActivity, adminsActivity)).toEqual([])
  })

  it('lets a teacher retype their own event, but not into a holiday', () => {
    const own = event({ type: 'activity', createdBy: teacher.id })
    expect(allowedTypes(permission(teacher), own, own)).toEqual(['exam', 'activity', 'meeting', 'other'])
  })
})
