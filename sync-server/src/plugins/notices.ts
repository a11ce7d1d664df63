import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import { localNoticeAlerts, RedisNoticeAlerts } from '../notices/notice-alerts.ts'
import { PhoneHub } from '../notices/phone-hub.ts'
import type { Scheduler } from '../notices/scheduler.ts'
import { NoticeService } from '../notices/service.ts'
import type { SharedRedis } from '../shared-redis.ts'

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
  /** Several instances: the phones of every instance hear the notices delivered by any of them. */
  redis?: SharedRedis
}

/**
 * Notice delivery (DESIGN §7.1): hears every commit (of every instance, through the change bus), delivers what
 * is due at start-up and on the scheduler's checks, and finishes its work in progress before the app closes.
 */
const notices: FastifyPluginAsync<NoticesPluginOptions> = async (app, options) => {
  const phones = new PhoneHub(options.heartbeatMs)
  app.sessionStreams.add(phones)
  const alerts = options.redis
    ? await RedisNoticeAlerts.open(options.redis, phones)
    : localNoticeAlerts(phones)
  const service = new NoticeService({
    store: app.store,
    alerts,
    clock: options.clock,
    scheduler: options.scheduler,
    checkEveryMs: options.checkEveryMs,
    scopeOf: async (user) => (await app.visibility.index(user.schoolId)).scopeOf(user),
    onError: (error) => app.log.error({ err: error }, 'notice delivery failed'),
  })
  const stopListening = app.changeBus.subscribe((change) => service.onCommit(change))
  const stopRechecking = app.changeBus.onMissed((schoolId) => service.onMissed(schoolId))
  app.decorate('notices', service)
  app.decorate('phones', phones)
  app.addHook('onReady', () => service.start())
  app.addHook('preClose', async () => phones.close())
  app.addHook('onClose', async () => {
    stopListening()
    stopRechecking()
    await service.stop()
    alerts.close()
  })
}

export default fp(notices, { name: 'notices', dependencies: ['store', 'realtime'] })
