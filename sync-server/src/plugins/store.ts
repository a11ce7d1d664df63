import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import type { Store } from '../store/index.ts'

declare module 'fastify' {
  interface FastifyInstance {
    store: Store
  }
}

/** Makes the store available to routes; its owner (server.ts or a test) opens and closes it. */
const storePlugin: FastifyPluginAsync<{ store: Store }> = async (app, { store }) => {
  app.decorate('store', store)
}

export default fp(storePlugin, { name: 'store' })
