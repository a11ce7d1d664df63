import rateLimit from '@fastify/rate-limit'
import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'

/** Requests per client address and time window, for the routes that ask for it in their `config.rateLimit`. */
export interface RateLimit {
  max: number
  timeWindowMs: number
}

const rateLimitPlugin: FastifyPluginAsync = async (app) => {
  await app.register(rateLimit, { global: false })
}

export default fp(rateLimitPlugin, { name: 'rate-limit' })
