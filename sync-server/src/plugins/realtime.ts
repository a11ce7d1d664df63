import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import { LocalChangeBus, type ChangeBus } from '../realtime/change-bus.ts'
import { RealtimeHub, type HubOptions } from '../realtime/hub.ts'

declare module 'fastify' {
  interface FastifyInstance {
    realtime: RealtimeHub
  }
}

export interface RealtimeOptions extends HubOptions {
  changeBus?: ChangeBus
}

/**
 * Commits reach the sync streams through the change bus: the store tells the bus inside the school's write lock,
 * and the in-process bus hands the change straight to the hub, so streams get a school's changes in seq order.
 */
const realtime: FastifyPluginAsync<RealtimeOptions> = async (app, options) => {
  const bus = options.changeBus ?? new LocalChangeBus()
  const hub = new RealtimeHub(options)
  const stopPublishing = app.store.onCommit((change) => bus.publish(change))
  const stopDelivering = bus.subscribe((change) => hub.deliver(change))
  app.decorate('realtime', hub)
  // Open streams would keep the HTTP server from closing.
  app.addHook('preClose', async () => hub.close())
  app.addHook('onClose', async () => {
    stopPublishing()
    stopDelivering()
    await bus.close()
  })
}

export default fp(realtime, { name: 'realtime', dependencies: ['store'] })
