import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import { PhoneHub } from '../notices/phone-hub.ts'
import type { Scheduler } from '../notices/scheduler.ts'
import { NoticeService } from '../notices/service.ts'

declare module 'fastify' {
  interface FastifyInstance {
    notices: NoticeService
    /** The open `/api/m/stream` connections of phones. */
    phones: PhoneHub
  }
}

export interface NoticesPluginOptions {
  clock: () => number
  scheduler: Scheduler
  checkEveryMs: number
  heartbeatMs: number
}

/**
 * Notice delivery (DESIGN §7.1): hears every commit, delivers what is due at start-up and on the scheduler's
 * checks, and finishes its work in progress before the app closes.
 */
const notices: FastifyPluginAsync<NoticesPluginOptions> = async (app, options) => {
  const phones = new PhoneHub(options.heartbeatMs)
  app.sessionStreams.add(phones)
  const service = new NoticeService({
    store: app.store,
    phones,
    clock: options.clock,
    scheduler: options.scheduler,
    checkEveryMs: options.checkEveryMs,
    scopeOf: async (user) => (await app.visibility.index(user.schoolId)).scopeOf(user),
    onError: (error) => app.log.error({ err: error }, 'notice delivery failed'),
  })
  const stopListening = app.store.onCommit((change) => service.onCommit(change))
  app.decorate('notices', service)
  app.decorate('phones', phones)
  app.addHook('onReady', () => service.start())
  app.addHook('preClose', async () => phones.close())
  app.addHook('onClose', async () => {
    stopListening()
    await service.stop()
  })
}

export default fp(notices, { name: 'notices', dependencies: ['store', 'realtime'] })
