import { connect } from 'node:net'
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { WireDocument } from '../../../../../domain/documents.ts'
import {
  ADMIN,
  OTHER_SCHOOL_ADMIN,
  startTestApp,
  syncClient,
  TEACHER,
  type SyncClient,
  type TestApp,
} from '../../../test-support/app.ts'
import { creations, guardian, staff, subject } from '../../../test-support/documents.ts'
import { SseClient, type SseMessage } from '../../../test-support/sse.ts'
import { describeEachStore } from '../../../test-support/stores.ts'

interface ChangeData {
  collection: string
  documents: WireDocument[]
  checkpoint: { seq: number }
}

const isChange = (m: SseMessage) => m.event === 'change'
const changes = (client: SseClient) => client.messages.filter(isChange).map((m) => m.data as ChangeData)

describeEachStore('sync stream ($name)', (factory) => {
  let server: TestApp
  let admin: SyncClient
  const streams: SseClient[] = []

  async function open(client: SyncClient): Promise<SseClient> {
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
    admin = await syncClient(server, ADMIN)
  })
  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close()
    await server.close()
  })

  it('refuses a caller without a valid token', async () => {
    expect((await SseClient.connect(`${server.url}/api/sync/stream`)).status).toBe(401)
    expect((await SseClient.connect(`${server.url}/api/sync/stream`, 'not-a-token')).status).toBe(401)
  })

  it('writes events unframed, the body ending with the connection', async () => {
    const { port } = new URL(server.url)
    const socket = connect(Number(port), '127.0.0.1')
    socket.write(
      `GET /api/sync/stream HTTP/1.1\r\nhost: 127.0.0.1\r\nauthorization: Bearer ${admin.session.accessToken}\r\n\r\n`,
    )
    let received = ''
    for await (const chunk of socket) {
      received += String(chunk)
      if (received.includes(': heartbeat\n\n')) break
    }
    socket.destroy()
    const [head, body] = received.split('\r\n\r\n')
    expect(head).toMatch(/^HTTP\/1.1 200/)
    expect(head).toMatch(/^connection: close$/im)
    expect(head).not.toMatch(/transfer-encoding/i)
    expect(body).toMatch(/^: connected\n\n: heartbeat\n\n/)
  })

  it('sends each commit as a change event with its documents and checkpoint', async () => {
    const stream = await open(admin)
    const docs = [subject('demo', 's1'), subject('demo', 's2')]
    await admin.push('catalog', creations(docs))
    const { seq } = (await admin.pullJson('catalog', 0, 1000)).checkpoint

    const event = await stream.next(isChange)
    expect(event.data).toEqual({ collection: 'catalog', documents: docs, checkpoint: { seq } })
  })

  it('delivers concurrent commits in seq order', async () => {
    const stream = await open(admin)
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => admin.push('catalog', creations([subject('demo', `p${i}`)]))),
    )
    // Commits within the coalescing window arrive together: fewer events, the same 30 documents.
    const received = () => changes(stream).flatMap((c) => c.documents.map((d) => d.id))
    await stream.next((m) => isChange(m) && received().length >= 30)
    const seqs = changes(stream).map((c) => c.checkpoint.seq)
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    expect(new Set(seqs).size).toBe(seqs.length)
    expect(new Set(received()).size).toBe(30)
    expect(received()).toHaveLength(30)
  })

  it('filters documents per client and skips events with nothing visible', async () => {
    const teacher = await syncClient(server, TEACHER)
    const teacherStream = await open(teacher)
    const otherSchool = await open(await syncClient(server, OTHER_SCHOOL_ADMIN))
    const adminStream = await open(admin)

    await admin.push('org', creations([guardian('g1')]))
    await admin.push('org', creations([staff('st1'), guardian('g2')]))
    // The second push's change, read once both arrived (`next` would match the first if they already had).
    await adminStream.next((m) => isChange(m) && changes(adminStream).length === 2)
    const last = changes(adminStream)[1]

    const teacherEvent = await teacherStream.next(isChange)
    expect(teacherEvent.data).toEqual({
      collection: 'org',
      documents: [staff('st1')],
      checkpoint: last?.checkpoint,
    })
    await teacherStream.next((m) => m.event === 'comment' && m.data === 'heartbeat')
    expect(changes(teacherStream)).toHaveLength(1)
    expect(changes(otherSchool)).toHaveLength(0)
  })

  it('holds commits for the coalescing window, but sends them before a commit changes the org index', async () => {
    await server.close()
    server = await startTestApp(factory, { listen: true, heartbeatMs: 100, streamCoalesceMs: 60_000 })
    admin = await syncClient(server, ADMIN)
    const stream = await open(admin)
    await admin.push('catalog', creations([subject('demo', 'h1')]))
    await admin.push('catalog', creations([subject('demo', 'h2')]))
    await stream.next((m) => m.event === 'comment' && m.data === 'heartbeat')
    expect(changes(stream)).toEqual([])
    await admin.push('org', creations([staff('st9')]))
    const held = await stream.next(isChange)
    expect((held.data as ChangeData).documents.map((d) => d.id)).toEqual(['h1', 'h2'])
  })

  it('sends heartbeats and resync events', async () => {
    const stream = await open(admin)
    await stream.next((m) => m.event === 'comment' && m.data === 'heartbeat')
    server.app.realtime.resync(admin.session.user.id, { collections: ['org'], fromZero: true })
    const resync = await stream.next((m) => m.event === 'resync')
    expect(resync.data).toEqual({ collections: ['org'], fromZero: true })
  })

  it('forgets a client that disconnects and ends streams when the server closes', async () => {
    const first = await open(admin)
    const second = await open(admin)
    expect(server.app.realtime.connectionCount).toBe(2)
    first.close()
    await expect.poll(() => server.app.realtime.connectionCount).toBe(1)
    await server.app.close()
    expect(server.app.realtime.connectionCount).toBe(0)
    await expect.poll(() => second.ended).toBe(true)
  })
})
