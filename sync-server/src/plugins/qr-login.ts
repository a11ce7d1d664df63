import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import { QrLoginService, type QrLoginOptions } from '../auth/qr-login.ts'
import { MemoryQrTicketStore } from '../auth/qr-tickets.ts'
import type { SharedRedis } from '../shared-redis.ts'
import { RedisQrTicketStore } from '../auth/redis-qr-tickets.ts'

declare module 'fastify' {
  interface FastifyInstance {
    qrLogin: QrLoginService
  }
}

export interface QrLoginPluginOptions extends QrLoginOptions {
  now?: () => number
  /** Several instances: tickets live in this Redis. Default this process's memory (a restart drops them). */
  redis?: SharedRedis
}

const qrLogin: FastifyPluginAsync<QrLoginPluginOptions> = async (app, { now, redis, ...options }) => {
  const tickets = redis ? await RedisQrTicketStore.open(redis) : new MemoryQrTicketStore()
  const service = new QrLoginService(app.auth, app.store, tickets, options, now)
  app.decorate('qrLogin', service)
  // Waiting polls would hold the HTTP server open.
  app.addHook('preClose', async () => service.close())
  app.addHook('onClose', () => tickets.close())
}

export default fp(qrLogin, { name: 'qr-login', dependencies: ['store', 'auth'] })
