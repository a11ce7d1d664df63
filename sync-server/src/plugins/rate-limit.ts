import rateLimit from '@fastify/rate-limit'
import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import type { SharedRedis } from '../shared-redis.ts'

/** Requests per client address and time window, for the routes that ask for it in their `config.rateLimit`. */
export interface RateLimit {
  max: number
  timeWindowMs: number
}

/** The route `config` that applies `limit` to a route. */
export function rateLimited(limit: RateLimit) {
  return { rateLimit: { max: limit.max, timeWindow: limit.timeWindowMs } }
}

export interface RateLimitPluginOptions {
  /** Several instances: the counts live in this Redis (one key per route and address), so N instances allow the limit once. */
  redis?: SharedRedis
}

const rateLimitPlugin: FastifyPluginAsync<RateLimitPluginOptions> = async (app, { redis }) => {
  await app.register(rateLimit, {
    global: false,
    ...(redis && { redis: redis.client, nameSpace: `${redis.prefix}rate-limit:` }),
  })
}

export default fp(rateLimitPlugin, { name: 'rate-limit' })
