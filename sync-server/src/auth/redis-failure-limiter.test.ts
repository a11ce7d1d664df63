import { Redis } from 'ioredis'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { RedisFailureLimiter } from './redis-failure-limiter.ts'

const REDIS_URL = process.env.TEST_REDIS_URL

describe.skipIf(!REDIS_URL)(
  `RedisFailureLimiter${REDIS_URL ? '' : ': skipped, TEST_REDIS_URL is not set'}`,
  () => {
    let clients: Redis[]
    let prefix: string
    /** One limiter per "instance", each on its own connection. */
    const limiter = (index: number, windowMs = 60_000) =>
      new RedisFailureLimiter({ client: clients[index] as Redis, prefix }, 'login', {
        maxFailures: 3,
        windowMs,
      })

    beforeEach(() => {
      clients = [new Redis(REDIS_URL as string), new Redis(REDIS_URL as string)]
      prefix = `test-${crypto.randomUUID()}:`
    })
    afterEach(() => clients.forEach((client) => client.disconnect()))

    it('blocks a key once its failures on all instances reach the limit, until reset', async () => {
      const [a, b] = [limiter(0), limiter(1)]
      await a.recordFailure('k')
      await b.recordFailure('k')
      expect([await a.blockedForMs('k'), await b.blockedForMs('k')]).toEqual([0, 0])
      await a.recordFailure('k')
      const blocked = await b.blockedForMs('k')
      expect(blocked).toBeGreaterThan(0)
      expect(blocked).toBeLessThanOrEqual(60_000)
      expect(await a.blockedForMs('other')).toBe(0)
      await b.reset('k')
      expect(await a.blockedForMs('k')).toBe(0)
    })

    it('forgets the failures when the window that began with the first one ends', async () => {
      const a = limiter(0, 500)
      for (let i = 0; i < 3; i++) await a.recordFailure('k')
      expect(await a.blockedForMs('k')).toBeGreaterThan(0)
      const until = Date.now() + 20_000
      while ((await a.blockedForMs('k')) > 0 && Date.now() < until)
        await new Promise((resolve) => setTimeout(resolve, 50))
      expect(await a.blockedForMs('k')).toBe(0)
      await a.recordFailure('k')
      expect(await a.blockedForMs('k')).toBe(0)
    })
  },
)
