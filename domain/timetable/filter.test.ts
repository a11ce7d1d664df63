import { describe, expect, it } from 'vitest'
import { hasFilter, matchesFilter, NO_FILTER } from './filter.ts'

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
