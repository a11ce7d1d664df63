import { describe, expect, it } from 'vitest'
import type { SessionUser } from '../auth/roles.ts'
import { hasFilter, matchesFilter, NO_FILTER, openingFilter } from './filter.ts'

describe('booking filter', () => {
  const booking = { teacherId: 'li', classId: 'g7-1', locationId: 'r101' }

  it('requires one criterion', () => {
    expect(hasFilter(NO_FILTER)).toBe(false)
    expect(hasFilter({ ...NO_FILTER, locationId: 'r101' })).toBe(true)
  })

  it('matches every criterion that is set', () => {
    expect(matchesFilter(booking, { ...NO_FILTER, teacherId: 'li' })).toBe(true)
    expect(matchesFilter(booking, { ...NO_FILTER, teacherId: 'li', classId: 'g7-2' })).toBe(false)
    expect(matchesFilter(booking, NO_FILTER)).toBe(true)
  })
})

describe('opening filter', () => {
  const classes = [
    { id: 'g8-1', name: '初二(1)班', year: 2025 },
    { id: 'g7-2', name: '初一(2)班', year: 2026 },
    { id: 'g7-1', name: '初一(1)班', year: 2026 },
  ]
  const user = (roles: SessionUser['roles']): SessionUser => ({
    id: 'li',
    schoolId: 'demo',
    name: '李老师',
    roles,
  })

  it('opens an admin on the first class of the school', () => {
    expect(openingFilter(user(['admin']), classes)).toEqual({ ...NO_FILTER, classId: 'g7-1' })
    expect(openingFilter(user(['admin', 'teacher']), classes)).toEqual({ ...NO_FILTER, classId: 'g7-1' })
    expect(openingFilter(user(['admin']), [])).toEqual(NO_FILTER)
  })

  it('opens a teacher on their own week, anyone else on nothing', () => {
    expect(openingFilter(user(['teacher']), classes)).toEqual({ ...NO_FILTER, teacherId: 'li' })
    expect(openingFilter(user(['guardian']), classes)).toEqual(NO_FILTER)
    expect(openingFilter(null, classes)).toEqual(NO_FILTER)
  })
})
