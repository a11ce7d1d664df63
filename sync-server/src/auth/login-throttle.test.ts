import { Redis } from 'ioredis'
import { afterEach, describe, expect, it } from 'vitest'
import { LoginThrottle, type AccountThrottle } from './login-throttle.ts'
import { RedisLoginThrottle } from './redis-login-throttle.ts'

const OPTIONS = {
  freeFailures: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 8_000,
  forgetAfterMs: 60_000,
  knownAddressMs: 100_000,
}
const REDIS_URL = process.env.TEST_REDIS_URL

interface Clock {
  now: number
}

/** Makes the throttles of two server instances on one clock: the same object in memory, two on one Redis. */
interface ThrottlePair {
  name: string
  skip?: string
  open(clock: Clock): [AccountThrottle, AccountThrottle]
  close(): void
}

const inMemory: ThrottlePair = {
  name: 'LoginThrottle (one instance, in memory)',
  open: (clock) => {
    const throttle = new LoginThrottle(OPTIONS, () => clock.now)
    return [throttle, throttle]
  },
  close: () => {},
}

function inRedis(): ThrottlePair {
  const clients: Redis[] = []
  return {
    name: 'RedisLoginThrottle (two instances)',
    skip: REDIS_URL ? undefined : 'skipped, TEST_REDIS_URL is not set',
    open: (clock) => {
      const prefix = `test-${crypto.randomUUID()}:`
      const throttle = () => {
        const client = new Redis(REDIS_URL as string)
        clients.push(client)
        return new RedisLoginThrottle({ client, prefix }, OPTIONS, () => clock.now)
      }
      return [throttle(), throttle()]
    },
    close: () => clients.splice(0).forEach((client) => client.disconnect()),
  }
}

for (const pair of [inMemory, inRedis()]) {
  describe.skipIf(pair.skip)(`${pair.name}${pair.skip ? `: ${pair.skip}` : ''}`, () => {
    const clock = { now: 0 }
    const open = () => {
      clock.now = 0
      return pair.open(clock)
    }

    afterEach(() => pair.close())

    it('lets the free failures through, then makes the account wait longer after each one, up to the cap', async () => {
      const [a, b] = open()
      const waits = []
      for (let i = 0; i < 8; i++) {
        await (i % 2 ? a : b).recordFailure('acct')
        waits.push(await (i % 2 ? b : a).waitMs('acct', `10.0.0.${i}`))
        clock.now += await a.waitMs('acct', 'anywhere')
      }
      expect(waits).toEqual([0, 0, 0, 1_000, 2_000, 4_000, 8_000, 8_000])
      expect(await b.waitMs('other', '10.0.0.1')).toBe(0)
    })

    it('counts down the wait and forgets the failures after a quiet period', async () => {
      const [a, b] = open()
      for (let i = 0; i < 5; i++) await (i % 2 ? a : b).recordFailure('acct')
      expect(await a.waitMs('acct', 'a')).toBe(2_000)
      clock.now += 1_500
      expect(await b.waitMs('acct', 'a')).toBe(500)
      clock.now += 500
      expect(await a.waitMs('acct', 'a')).toBe(0)
      clock.now += 60_000
      await b.recordFailure('acct')
      expect(await a.waitMs('acct', 'a')).toBe(0)
    })

    it('never makes an address the owner logged in from wait, for a while, and keeps the failures counted', async () => {
      const [a, b] = open()
      await a.recordSuccess('acct', 'home')
      for (let i = 0; i < 6; i++) await (i % 2 ? a : b).recordFailure('acct')
      expect(await b.waitMs('acct', 'home')).toBe(0)
      expect(await b.waitMs('acct', 'attacker')).toBe(4_000)
      await b.recordSuccess('acct', 'home')
      expect(await a.waitMs('acct', 'attacker')).toBe(4_000)
      clock.now += 100_000
      for (let i = 0; i < 7; i++) await (i % 2 ? a : b).recordFailure('acct')
      expect(await a.waitMs('acct', 'home')).toBe(8_000)
    })

    it('remembers only the newest addresses of an account', async () => {
      const [a, b] = open()
      for (let i = 0; i < 9; i++) {
        await (i % 2 ? a : b).recordSuccess('acct', `address-${i}`)
        clock.now += 1
      }
      for (let i = 0; i < 4; i++) await a.recordFailure('acct')
      expect(await b.waitMs('acct', 'address-0')).toBe(1_000)
      expect(await a.waitMs('acct', 'address-1')).toBe(0)
      expect(await b.waitMs('acct', 'address-8')).toBe(0)
    })
  })
}
