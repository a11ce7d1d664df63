import { describe, expect, it } from 'vitest'
import { FailureLimiter } from './failure-limiter.ts'

describe('FailureLimiter', () => {
  it('blocks a key after the maximum failures until its window ends', () => {
    let now = 0
    const limiter = new FailureLimiter({ maxFailures: 2, windowMs: 1000 }, () => now)
    limiter.recordFailure('a')
    expect(limiter.isBlocked('a')).toBe(false)
    limiter.recordFailure('a')
    expect(limiter.isBlocked('a')).toBe(true)
    expect(limiter.isBlocked('b')).toBe(false)
    now = 1000
    expect(limiter.isBlocked('a')).toBe(false)
  })

  it('forgets a key on reset', () => {
    const limiter = new FailureLimiter({ maxFailures: 1, windowMs: 1000 })
    limiter.recordFailure('a')
    limiter.reset('a')
    expect(limiter.isBlocked('a')).toBe(false)
  })
})
