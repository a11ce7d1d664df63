import { afterEach, describe, expect, it } from 'vitest'
import type { SessionUser } from '../../../domain/auth/roles.ts'
import { subject } from '../test-support/documents.ts'
import { HEARTBEAT, RealtimeHub, type StreamSink } from './hub.ts'

class FakeSink implements StreamSink {
  chunks: string[] = []
  closed = false
  bufferedBytes = 0
  write(chunk: string): void {
    this.chunks.push(chunk)
  }
  close(): void {
    this.closed = true
  }
}

const user = (id: string, schoolId = 'demo'): SessionUser => ({ id, schoolId, name: id, roles: ['admin'] })
const change = (seq: number) => ({
  schoolId: 'demo',
  collection: 'catalog' as const,
  documents: [{ seq, data: subject('demo', `d${seq}`) }],
})

describe('RealtimeHub', () => {
  const hub = new RealtimeHub({ heartbeatMs: 60_000, maxBufferedBytes: 100 })
  afterEach(() => hub.close())

  it('sends changes to the streams of the school only', () => {
    const [mine, other] = [new FakeSink(), new FakeSink()]
    hub.connect(user('a'), mine)
    hub.connect(user('b', 'demo2'), other)
    hub.deliver(change(1))
    expect(mine.chunks).toEqual([
      `event: change\ndata: ${JSON.stringify({ collection: 'catalog', documents: [subject('demo', 'd1')], checkpoint: { seq: 1 } })}\n\n`,
    ])
    expect(other.chunks).toEqual([])
  })

  it('sends resync to every stream of one user', () => {
    const [first, second, someoneElse] = [new FakeSink(), new FakeSink(), new FakeSink()]
    hub.connect(user('a'), first)
    hub.connect(user('a'), second)
    hub.connect(user('b'), someoneElse)
    hub.resync('a', { collections: ['org'], fromZero: true })
    const resync = 'event: resync\ndata: {"collections":["org"],"fromZero":true}\n\n'
    expect([first.chunks, second.chunks, someoneElse.chunks]).toEqual([[resync], [resync], []])
  })

  it('drops a client that stopped reading and stops sending after disconnect', () => {
    const [slow, gone] = [new FakeSink(), new FakeSink()]
    hub.connect(user('a'), slow)
    const disconnect = hub.connect(user('b'), gone)
    disconnect()
    slow.bufferedBytes = 101
    hub.deliver(change(1))
    expect(slow.closed).toBe(true)
    expect(slow.chunks).toEqual([])
    expect(gone.chunks).toEqual([])
    expect(hub.connectionCount).toBe(0)
  })

  it('sends heartbeats on its interval and ends streams whose access token expired', async () => {
    const fast = new RealtimeHub({ heartbeatMs: 10, maxBufferedBytes: 100 })
    const [live, expiring] = [new FakeSink(), new FakeSink()]
    fast.connect(user('a'), live)
    fast.connect(user('b'), expiring, Date.now() + 30)
    await expect.poll(() => expiring.closed).toBe(true)
    expect(live.chunks).toContain(HEARTBEAT)
    expect(live.closed).toBe(false)
    fast.close()
    expect(live.closed).toBe(true)
  })
})
