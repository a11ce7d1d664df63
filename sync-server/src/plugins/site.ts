import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import { SiteService } from '../site/service.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** The public micro-site's data, page views and comments (DESIGN §7.2). */
    site: SiteService
  }
}

export interface SitePluginOptions {
  clock: () => number
  /** How often counted page views are saved. */
  viewFlushMs: number
}

const site: FastifyPluginAsync<SitePluginOptions> = async (app, options) => {
  const service = new SiteService({ store: app.store, clock: options.clock })
  const stopListening = app.changeBus.subscribe((change) => service.onCommit(change))
  const stopForgetting = app.changeBus.onMissed((schoolId) => service.forget(schoolId))
  const flush = () =>
    service.views.flush().catch((error: unknown) => app.log.error({ err: error }, 'saving page views failed'))
  const timer = setInterval(flush, options.viewFlushMs)
  timer.unref()
  app.decorate('site', service)
  app.addHook('onClose', async () => {
    stopListening()
    stopForgetting()
    clearInterval(timer)
    await flush()
  })
}

export default fp(site, { name: 'site', dependencies: ['store', 'realtime'] })
