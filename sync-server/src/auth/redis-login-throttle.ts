import type { Redis } from 'ioredis'
import type { SharedRedis } from '../shared-redis.ts'
import {
  KNOWN_ADDRESSES_PER_ACCOUNT,
  waitAfter,
  type AccountThrottle,
  type LoginThrottleOptions,
} from './login-throttle.ts'

// Counts one more failure, starting again from 1 when the last one is forgotten (by the caller's clock).
const RECORD_FAILURE = `
local lastAt = tonumber(redis.call('HGET', KEYS[1], 'lastAt') or '0')
local count = tonumber(redis.call('HGET', KEYS[1], 'count') or '0')
if tonumber(ARGV[1]) - lastAt >= tonumber(ARGV[2]) then count = 0 end
redis.call('HSET', KEYS[1], 'count', count + 1, 'lastAt', ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])`

/**
 * `LoginThrottle` shared by every server instance (issue 16): per account, a hash `{ count, lastAt }` of its
 * failures and a sorted set of the addresses it logged in from (scored by time, the newest kept). Times come
 * from the server's clock, as in memory; Redis expiry only clears what is forgotten anyway.
 */
export class RedisLoginThrottle implements AccountThrottle {
  readonly #redis: Redis
  readonly #prefix: string
  readonly #options: LoginThrottleOptions
  readonly #now: () => number

  constructor(redis: SharedRedis, options: LoginThrottleOptions, now: () => number = Date.now) {
    this.#redis = redis.client
    this.#prefix = `${redis.prefix}login-throttle:`
    this.#options = options
    this.#now = now
  }

  async waitMs(account: string, address: string): Promise<number> {
    const [knownAt, [count, lastAt]] = await Promise.all([
      this.#redis.zscore(this.#knownKey(account), address),
      this.#redis.hmget(this.#failuresKey(account), 'count', 'lastAt'),
    ])
    const now = this.#now()
    if (knownAt !== null && now - Number(knownAt) < this.#options.knownAddressMs) return 0
    const failures = { count: Number(count ?? 0), lastAt: Number(lastAt ?? 0) }
    const remembered = now - failures.lastAt < this.#options.forgetAfterMs
    return waitAfter(this.#options, remembered ? failures : undefined, now)
  }

  async recordFailure(account: string): Promise<void> {
    const { forgetAfterMs } = this.#options
    await this.#redis.eval(RECORD_FAILURE, 1, this.#failuresKey(account), this.#now(), forgetAfterMs)
  }

  async recordSuccess(account: string, address: string): Promise<void> {
    const key = this.#knownKey(account)
    await this.#redis
      .multi()
      .zadd(key, this.#now(), address)
      .zremrangebyrank(key, 0, -(KNOWN_ADDRESSES_PER_ACCOUNT + 1))
      .pexpire(key, this.#options.knownAddressMs)
      .exec()
  }

  #failuresKey(account: string): string {
    return `${this.#prefix}failures:${account}`
  }

  #knownKey(account: string): string {
    return `${this.#prefix}known:${account}`
  }
}
