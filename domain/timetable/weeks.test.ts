import { describe, expect, it } from 'vitest'
import { currentWeek, dateInWeek, datesOfWeek, weekCount, weekOfTerm } from './weeks.ts'

// Autumn term 2026: starts on a Tuesday, ends on a Friday.
const term = { start: '2026-09-01', end: '2027-01-15' }

describe('term weeks', () => {
  it('starts week 1 on the Monday of the first day', () => {
    expect(datesOfWeek(term, 1)).toEqual([
      '2026-08-31',
      '2026-09-01',
      '2026-09-02',
      '2026-09-03',
      '2026-09-04',
      '2026-09-05',
      '2026-09-06',
    ])
    expect(weekOfTerm(term, '2026-09-06')).toBe(1)
    expect(weekOfTerm(term, '2026-09-07')).toBe(2)
  })

  it('counts the weeks up to the one of the last day', () => {
    expect(weekCount(term)).toBe(20)
    expect(weekCount({ start: '2026-09-07', end: '2026-09-07' })).toBe(1)
  })

  it('places a weekday in a week', () => {
    expect(dateInWeek(term, 2, 1)).toBe('2026-09-07')
    expect(dateInWeek(term, 20, 5)).toBe('2027-01-15')
  })

  it('opens the current week, clamped to the term', () => {
    expect(currentWeek(term, '2026-11-24')).toBe(13)
    expect(currentWeek(term, '2026-06-01')).toBe(1)
    expect(currentWeek(term, '2027-03-01')).toBe(20)
  })
})
