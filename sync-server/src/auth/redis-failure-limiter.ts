import type { Redis } from 'ioredis'
import type { SharedRedis } from '../shared-redis.ts'
import type { FailureCounter, FailureLimit } from './failure-limiter.ts'

/**
 * `FailureLimiter` shared by every server instance (issue 16): one counter per key in Redis that expires with its
 * window, so failures spread over several instances are limited as on one. Windows follow Redis's clock.
 */
export class RedisFailureLimiter implements FailureCounter {
  readonly #redis: Redis
  readonly #prefix: string
  readonly #limit: FailureLimit

  /** `name` keeps the keys of different limits apart. */
  constructor(redis: SharedRedis, name: string, limit: FailureLimit) {
    this.#redis = redis.client
    this.#prefix = `${redis.prefix}${name}:`
    this.#limit = limit
  }

  async blockedForMs(key: string): Promise<number> {
    const [failures, ttlMs] = await Promise.all([
      this.#redis.get(this.#prefix + key),
      this.#redis.pttl(this.#prefix + key),
    ])
    return Number(failures ?? 0) >= this.#limit.maxFailures ? Math.max(0, ttlMs) : 0
  }

  async recordFailure(key: string): Promise<void> {
    // The window starts with the first failure: INCR keeps the expiry the first SET gave.
    await this.#redis
      .multi()
      .set(this.#prefix + key, 0, 'PX', this.#limit.windowMs, 'NX')
      .incr(this.#prefix + key)
      .exec()
  }

  async reset(key: string): Promise<void> {
    await this.#redis.del(this.#prefix + key)
  }
}
