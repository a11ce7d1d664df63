import type { Redis } from 'ioredis'

/** Several server instances (`REDIS_URL`): the Redis connection for shared state, and the prefix of its keys. */
export interface SharedRedis {
  client: Redis
  /** Starts every key and channel, so deployments (and test runs) sharing one Redis stay apart. */
  prefix: string
}
