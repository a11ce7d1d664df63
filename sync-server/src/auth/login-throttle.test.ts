import { describe, expect, it } from 'vitest'
import { LoginThrottle } from './login-throttle.ts'

const OPTIONS = {
  freeFailures: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 8_000,
  forgetAfterMs: 60_000,
  knownAddressMs: 100_000,
}

function throttle() {
  const clock = { now: 0 }
  return { clock, throttle: new LoginThrottle(OPTIONS, () => clock.now) }
}

describe('LoginThrottle', () => {
  it('lets the free failures through, then makes the account wait longer after each one, up to the cap', () => {
    const { clock, throttle: t } = throttle()
    const waits = []
    for (let i = 0; i < 8; i++) {
      t.recordFailure('acct')
      waits.push(t.waitMs('acct', `10.0.0.${i}`))
      clock.now += t.waitMs('acct', 'anywhere')
    }
    expect(waits).toEqual([0, 0, 0, 1_000, 2_000, 4_000, 8_000, 8_000])
    expect(t.waitMs('other', '10.0.0.1')).toBe(0)
  })

  it('counts down the wait and forgets the failures after a quiet period', () => {
    const { clock, throttle: t } = throttle()
    for (let i = 0; i < 5; i++) t.recordFailure('acct')
    expect(t.waitMs('acct', 'a')).toBe(2_000)
    clock.now += 1_500
    expect(t.waitMs('acct', 'a')).toBe(500)
    clock.now += 500
    expect(t.waitMs('acct', 'a')).toBe(0)
    clock.now += 60_000
    t.recordFailure('acct')
    expect(t.waitMs('acct', 'a')).toBe(0)
  })

  it('never makes an address the owner logged in from wait, for a while, and keeps the failures counted', () => {
    const { clock, throttle: t } = throttle()
    t.recordSuccess('acct', 'home')
    for (let i = 0; i < 6; i++) t.recordFailure('acct')
    expect(t.waitMs('acct', 'home')).toBe(0)
    expect(t.waitMs('acct', 'attacker')).toBe(4_000)
    t.recordSuccess('acct', 'home')
    expect(t.waitMs('acct', 'attacker')).toBe(4_000)
    clock.now += 100_000
    for (let i = 0; i < 7; i++) t.recordFailure('acct')
    expect(t.waitMs('acct', 'home')).toBe(8_000)
  })

  it('remembers only the newest addresses of an account', () => {
    const { throttle: t } = throttle()
    for (let i = 0; i < 9; i++) t.recordSuccess('acct', `address-${i}`)
    for (let i = 0; i < 4; i++) t.recordFailure('acct')
    expect(t.waitMs('acct', 'address-0')).toBe(1_000)
    expect(t.waitMs('acct', 'address-1')).toBe(0)
    expect(t.waitMs('acct', 'address-8')).toBe(0)
  })
})
