import { describe, expect, it } from 'vitest'
import { addDays, dayNumber, inRange, mondayOf, weekdayOf } from './dates.ts'

describe('calendar dates', () => {
  it('knows the ISO weekday of a date', () => {
    expect(weekdayOf('2026-11-23')).toBe(1)
    expect(weekdayOf('2026-11-29')).toBe(7)
    expect(weekdayOf('1970-01-01')).toBe(4)
    expect(weekdayOf('1969-12-29')).toBe(1)
  })

  it('adds days across months, leap days and years', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(dayNumber('2026-11-24') - dayNumber('2026-11-17')).toBe(7)
  })

  it('finds the Monday of a week', () => {
    expect(mondayOf('2026-09-01')).toBe('2026-08-31')
    expect(mondayOf('2026-08-31')).toBe('2026-08-31')
    expect(mondayOf('2026-09-06')).toBe('2026-08-31')
  })

  it('includes both ends of a range', () => {
    const range = { start: '2026-10-01', end: '2026-10-07' }
    expect(inRange('2026-10-01', range)).toBe(true)
    expect(inRange('2026-10-07', range)).toBe(true)
    expect(inRange('2026-10-08', range)).toBe(false)
  })
})
