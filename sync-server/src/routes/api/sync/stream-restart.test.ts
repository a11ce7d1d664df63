import { expect, it } from 'vitest'
import { buildApp } from '../../../app.ts'
import { seedDemo } from '../../../seed/demo.ts'
import { createStore, type Store } from '../../../store/index.ts'
import { ADMIN, syncClient, TEACHER, TEST_SECRET, type TestApp } from '../../../test-support/app.ts'
import { creations, schoolClass, subject } from '../../../test-support/documents.ts'
import { SseClient } from '../../../test-support/sse.ts'
import { describeEachStore } from '../../../test-support/stores.ts'

/** A server on `store`, listening on a real socket; closing it leaves the store open (its owner closes it). */
async function serve(store: Store): Promise<TestApp> {
  const app = await buildApp({ store, authSecret: TEST_SECRET, shutdownGraceMs: 100 })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  return { app, store, url, close: () => app.close() }
}

async function openStream(server: TestApp, accessToken: string): Promise<SseClient> {
  const { client } = await SseClient.connect(`${server.url}/api/sync/stream`, accessToken)
  if (!client) throw new Error('stream refused')
  return client
}

describeEachStore('sync stream across a server restart ($name)', (factory) => {
  it('tells a teacher whose classes changed while the server was down to pull org from 0', async () => {
    const testStore = await factory.create()
    await seedDemo(testStore.store, Date.now())
    const before = await serve(testStore.store)
    const teacher = await syncClient(before, TEACHER)
    const stream = await openStream(before, teacher.session.accessToken)
    await stream.next((m) => m.event === 'comment' && m.data === 'connected')
    await before.close()
    await stream.whenEnded

    // As a restarted server: a store of its own on the same database, no memory of the streams before.
    const reopened = await createStore(testStore.config)
    const after = await serve(reopened)
    try {
      const admin = await syncClient(after, ADMIN)
      const newClass = { ...schoolClass('restart-class'), headTeacherId: teacher.session.user.id }
      expect((await admin.push('org', creations([newClass]))).statusCode).toBe(200)

      const back = await openStream(after, teacher.session.accessToken)
      await back.next((m) => m.event === 'comment' && m.data === 'connected')
      await admin.push('catalog', creations([subject('demo', 'after-restart')]))
      await back.next((m) => m.event === 'change')
      back.close()
      const [first] = back.messages.filter((m) => m.event !== 'comment')
      expect(first?.event).toBe('resync')
      expect(first?.data).toMatchObject({ collections: expect.arrayContaining(['org']), fromZero: true })
    } finally {
      await after.close()
      await reopened.close()
      await testStore.dispose()
    }
  })
})
