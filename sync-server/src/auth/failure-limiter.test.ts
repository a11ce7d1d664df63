import { describe, expect, it } from 'vitest'
import { FailureLimiter } from './failure-limiter.ts'

describe('FailureLimiter', () => {
  it('blocks a key after the maximum failures until its window ends', () => {
    let now = 0
    const limiter = new FailureLimiter({ maxFailures: 2, windowMs: 1000 }, () => now)
    limiter.recordFailure('a')
    expect(limiter.blockedForMs('a')).toBe(0)
    now = 400
    limiter.recordFailure('a')
    expect(limiter.blockedForMs('a')).toBe(600)
    expect(limiter.blockedForMs('b')).toBe(0)
    now = 999
    expect(limiter.blockedForMs('a')).toBe(1)
    now = 1000
    expect(limiter.blockedForMs('a')).toBe(0)
  })

  it('forgets a key on reset', () => {
    const limiter = new FailureLimiter({ maxFailures: 1, windowMs: 1000 })
    limiter.recordFailure('a')
    limiter.reset('a')
    expect(limiter.blockedForMs('a')).toBe(0)
  })
})
