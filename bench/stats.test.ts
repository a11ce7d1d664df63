import { describe, expect, it } from 'vitest'
import { median, percentile } from './stats.ts'

describe('percentile', () => {
  it('takes the nearest rank', () => {
    const values = Array.from({ length: 100 }, (_, i) => 100 - i)
    expect(percentile(values, 50)).toBe(50)
    expect(percentile(values, 99)).toBe(99)
    expect(percentile(values, 100)).toBe(100)
    expect(median([3, 1, 2])).toBe(2)
  })

  it('refuses an empty list', () => {
    expect(() => median([])).toThrow('no values')
  })
})
