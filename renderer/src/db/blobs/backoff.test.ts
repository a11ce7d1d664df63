import { describe, expect, it } from 'vitest'
import { retryDelay } from './backoff.ts'

describe('retryDelay', () => {
  it('doubles from 2 s up to 5 minutes', () => {
    expect([1, 2, 3, 4].map(retryDelay)).toEqual([2_000, 4_000, 8_000, 16_000])
    expect(retryDelay(20)).toBe(300_000)
  })
})
