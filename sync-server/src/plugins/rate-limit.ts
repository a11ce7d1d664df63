import rateLimit from '@fastify/rate-limit'
import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'

/** Requests per client address and time window, for the routes that ask for it in their `config.rateLimit`. */
export interface RateLimit {
  max: number
  timeWindowMs: number
}

/** The route `config` that applies `limit` to a route. */
export function rateLimited(limit: RateLimit) {
  return { rateLimit: { max: limit.max, timeWindow: limit.timeWindowMs } }
}

const rateLimitPlugin: FastifyPluginAsync = async (app) => {
  await app.register(rateLimit, { global: false })
}

export default fp(rateLimitPlugin, { name: 'rate-limit' })
