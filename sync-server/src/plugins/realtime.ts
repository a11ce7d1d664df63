import type { FastifyPluginAsync } from 'fastify'
import fp from 'fastify-plugin'
import { LocalChangeBus, type ChangeBus } from '../realtime/change-bus.ts'
import { RealtimeHub, type HubOptions, type StreamScopes } from '../realtime/hub.ts'
import { SessionStreams } from '../realtime/session-streams.ts'
import { Visibility } from '../visibility/visibility.ts'

declare module 'fastify' {
  interface FastifyInstance {
    realtime: RealtimeHub
    /** Every instance's commits, in seq order per school: what must follow other instances' writes listens here. */
    changeBus: Pick<ChangeBus, 'subscribe' | 'onMissed'>
    /** Ends a session's streams on every hub (desktop sync, phones) when the session ends. */
    sessionStreams: SessionStreams
    /** The address-book scopes of pull and the streams, kept up to date from the commits. */
    visibility: Visibility
  }
}

export interface RealtimeOptions extends HubOptions {
  changeBus?: ChangeBus
}

/**
 * Commits reach the sync streams through the change bus: the store tells the bus inside the school's write lock,
 * and the in-process bus hands the change straight to the hub, so streams get a school's changes in seq order.
 * The visibility index learns each change before the hub filters it, so the change is filtered with the scopes
 * it makes, and (with the in-process bus) before the write's response, so the writer's next pull already sees
 * it; the hub may hold the change for its coalescing window, but sends what it holds before the index changes. When the bus may have lost changes (Redis reconnected), the school's index is read again and its streams
 * are told to resync.
 */
const realtime: FastifyPluginAsync<RealtimeOptions> = async (app, options) => {
  const bus = options.changeBus ?? new LocalChangeBus()
  const scopes: StreamScopes = {
    // Not saved, the device may miss a resync from 0 if it comes back with another scope: logged, not fatal.
    saveStreamScope: (sessionId, fingerprint) =>
      app.store
        .saveStreamScope(sessionId, fingerprint)
        .catch((error: unknown) => app.log.error({ err: error, sessionId }, 'stream scope not saved')),
  }
  const hub = new RealtimeHub(options, scopes)
  const visibility = new Visibility(app.store)
  const stopPublishing = app.store.onCommit((change) => bus.publish(change))
  const stopDelivering = bus.subscribe((change) => {
    // The commits the hub still holds are filtered with the scopes from before this one.
    if (visibility.changesIndex(change)) hub.flush(change.schoolId)
    visibility.apply(change)
    hub.deliver(change)
  })
  const stopResyncing = bus.onMissed((schoolId) => {
    visibility.forget(schoolId)
    hub.resyncSchool(schoolId)
  })
  const sessionStreams = new SessionStreams()
  sessionStreams.add(hub)
  app.decorate('realtime', hub)
  app.decorate('changeBus', bus)
  app.decorate('sessionStreams', sessionStreams)
  app.decorate('visibility', visibility)
  // Open streams would keep the HTTP server from closing.
  app.addHook('preClose', async () => hub.close())
  app.addHook('onClose', async () => {
    stopPublishing()
    stopDelivering()
    stopResyncing()
    await bus.close()
  })
}

export default fp(realtime, { name: 'realtime', dependencies: ['store'] })
