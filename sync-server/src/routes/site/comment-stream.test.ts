import { afterEach, beforeEach, expect, it } from 'vitest'
import type { WireDocument } from '../../../../domain/documents.ts'
import { article } from '../../../../domain/site/testing.ts'
import { GUARDIAN, startTestApp, syncClient, TEACHER, type TestApp } from '../../test-support/app.ts'
import { creations } from '../../test-support/documents.ts'
import { SseClient, type SseMessage } from '../../test-support/sse.ts'
import { describeEachStore } from '../../test-support/stores.ts'

interface ChangeData {
  collection: string
  documents: WireDocument[]
}

describeEachStore('a public comment reaches the desktops ($name)', (factory) => {
  let server: TestApp
  const streams: SseClient[] = []

  async function open(account: string): Promise<SseClient> {
    const client = await syncClient(server, account)
    const { client: stream } = await SseClient.connect(
      `${server.url}/api/sync/stream`,
      client.session.accessToken,
    )
    if (!stream) throw new Error('stream refused')
    streams.push(stream)
    await stream.next((m) => m.event === 'comment' && m.data === 'connected')
    return stream
  }

  beforeEach(async () => {
    server = await startTestApp(factory, { listen: true, heartbeatMs: 100 })
  })
  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close()
    await server.close()
  })

  it('streams the pending comment to staff at once, never to families', async () => {
    const teacher = await syncClient(server, TEACHER)
    const post = article({
      authorId: teacher.session.user.id,
      cover: undefined,
      images: [],
      body: '<p>x</p>',
    })
    await teacher.push('site', creations([{ ...post, _deleted: false }]))
    const staffStream = await open(TEACHER)
    const familyStream = await open(GUARDIAN)

    const response = await fetch(`${server.url}/site/demo/articles/a1/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '陈家长', body: '谢谢老师' }),
    })
    expect(response.status).toBe(202)
    const isComment = (m: SseMessage) =>
      m.event === 'change' && (m.data as ChangeData).documents.some((doc) => doc.kind === 'comment')
    const change = (await staffStream.next(isComment)).data as ChangeData
    expect(change.collection).toBe('site')
    expect(change.documents[0]).toMatchObject({ kind: 'comment', body: '谢谢老师', status: 'pending' })
    await familyStream.next((m) => m.event === 'comment' && m.data === 'heartbeat')
    expect(familyStream.messages.filter((m) => m.event === 'change')).toEqual([])
  })
})
