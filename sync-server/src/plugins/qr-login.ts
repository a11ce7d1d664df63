import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import { QrLoginService, type QrLoginOptions } from '../auth/qr-login.ts'
import { MemoryQrTicketStore } from '../auth/qr-tickets.ts'

declare module 'fastify' {
  interface FastifyInstance {
    qrLogin: QrLoginService
  }
}

/** QR login tickets live in this process's memory: a restart drops them, and their desktops show a fresh code. */
const qrLogin: FastifyPluginAsync<QrLoginOptions & { now?: () => number }> = async (
  app,
  { now, ...options },
) => {
  const service = new QrLoginService(app.auth, app.store, new MemoryQrTicketStore(), options, now)
  app.decorate('qrLogin', service)
  // Waiting polls would hold the HTTP server open.
  app.addHook('preClose', async () => service.close())
}

export default fp(qrLogin, { name: 'qr-login', dependencies: ['store', 'auth'] })
