import { afterEach, describe, expect, it, vi } from 'vitest'
import type { SessionUser } from '../../../domain/auth/roles.ts'
import { schoolClass, subject } from '../test-support/documents.ts'
import { OrgIndex } from '../visibility/org-index.ts'
import { FakeSink } from '../test-support/fake-sink.ts'
import { HEARTBEAT, RealtimeHub, type StreamContext, type StreamScopes } from './hub.ts'

const user = (id: string, schoolId = 'demo'): SessionUser => ({ id, schoolId, name: id, roles: ['admin'] })
const change = (seq: number) => ({
  schoolId: 'demo',
  collection: 'catalog' as const,
  documents: [{ seq, data: subject('demo', `d${seq}`) }],
})

/** The store's saved scopes, in memory. */
class SavedScopes implements StreamScopes {
  readonly bySession = new Map<string, Record<string, string>>()
  async saveStreamScope(sessionId: string, fingerprint: Record<string, string>): Promise<void> {
    this.bySession.set(sessionId, fingerprint)
  }
}

const index = new OrgIndex()
const stream = (expiresAt = Infinity, sessionId = 'session'): StreamContext => ({
  index,
  sessionId,
  expiresAt,
  scopeAtDisconnect: null,
})

const classOfT = { ...schoolClass('c1'), headTeacherId: 't' }
const RESYNC = 'event: resync\ndata: {"collections":["org"],"fromZero":true}\n\n'

describe('RealtimeHub', () => {
  const scopes = new SavedScopes()
  const hub = new RealtimeHub({ heartbeatMs: 60_000, maxBufferedBytes: 100 }, scopes)
  afterEach(() => hub.close())

  it('sends changes to the streams of the school only', () => {
    const [mine, other] = [new FakeSink(), new FakeSink()]
    hub.connect(user('a'), mine, stream())
    hub.connect(user('b', 'demo2'), other, stream())
    hub.deliver(change(1))
    expect(mine.chunks).toEqual([
      `event: change\ndata: ${JSON.stringify({ collection: 'catalog', documents: [subject('demo', 'd1')], checkpoint: { seq: 1 } })}\n\n`,
    ])
    expect(other.chunks).toEqual([])
  })

  it('encodes a batch once for all the streams that see it whole', () => {
    const coalescing = new RealtimeHub(
      { heartbeatMs: 60_000, maxBufferedBytes: 100, coalesceMs: 60_000 },
      scopes,
    )
    const sinks = [new FakeSink(), new FakeSink(), new FakeSink()]
    sinks.forEach((sink, i) => coalescing.connect(user(`a${i}`), sink, stream()))
    coalescing.deliver(change(1))
    coalescing.deliver({
      schoolId: 'demo',
      collection: 'org',
      documents: [{ seq: 2, data: schoolClass('c1') }],
    })
    coalescing.flush()
    const [first, ...others] = sinks.map((sink) => sink.written)
    expect(first).toHaveLength(1)
    expect(Buffer.isBuffer(first?.[0])).toBe(true)
    for (const written of others) expect(written[0]).toBe(first?.[0])
    expect(sinks[0]?.chunks[0]?.match(/^event: change/gm)).toHaveLength(2)
    void coalescing.close()
  })

  it('sends resync to every stream of one user', () => {
    const [first, second, someoneElse] = [new FakeSink(), new FakeSink(), new FakeSink()]
    hub.connect(user('a'), first, stream())
    hub.connect(user('a'), second, stream())
    hub.connect(user('b'), someoneElse, stream())
    hub.resync('a', { collections: ['org'], fromZero: true })
    const resync = 'event: resync\ndata: {"collections":["org"],"fromZero":true}\n\n'
    expect([first.chunks, second.chunks, someoneElse.chunks]).toEqual([[resync], [resync], []])
  })

  it('tells a user whose scope a commit changed to pull org from 0, before the change', () => {
    const classes = new OrgIndex()
    const teacher: SessionUser = { ...user('t'), roles: ['teacher'] }
    const [sink, other] = [new FakeSink(), new FakeSink()]
    hub.connect(teacher, sink, { ...stream(), index: classes })
    hub.connect(user('a'), other, stream())
    const change = {
      schoolId: 'demo',
      collection: 'org' as const,
      documents: [{ seq: 1, data: classOfT }],
    }
    classes.apply(change.documents)
    hub.deliver(change)
    expect(sink.chunks[0]).toBe(RESYNC)
    expect(sink.chunks[1]).toMatch(/^event: change/)
    expect(other.chunks.filter((c) => c === RESYNC)).toEqual([])
  })

  it('tells a session that comes back with another scope to pull org from 0', () => {
    const classes = new OrgIndex()
    const teacher: SessionUser = { ...user('t'), roles: ['teacher'] }
    const context = (sessionId: string): StreamContext => ({
      index: classes,
      sessionId,
      expiresAt: Infinity,
      scopeAtDisconnect: scopes.bySession.get(sessionId) ?? null,
    })
    hub.connect(teacher, new FakeSink(), context('s1'))()
    hub.connect(teacher, new FakeSink(), context('s2'))()
    classes.apply([{ seq: 1, data: classOfT }])
    const [back, unchanged, unknown] = [new FakeSink(), new FakeSink(), new FakeSink()]
    hub.connect(teacher, back, context('s1'))
    hub.connect(teacher, unknown, context('s3'))
    hub.connect(teacher, new FakeSink(), context('s2'))()
    hub.connect(teacher, unchanged, context('s2'))
    expect([back.chunks, unchanged.chunks, unknown.chunks]).toEqual([[RESYNC], [], []])
  })

  it('drops a client that stopped reading and stops sending after disconnect', () => {
    const [slow, gone] = [new FakeSink(), new FakeSink()]
    hub.connect(user('a'), slow, stream())
    const disconnect = hub.connect(user('b'), gone, stream())
    disconnect()
    slow.bufferedBytes = 101
    hub.deliver(change(1))
    expect(slow.closed).toBe(true)
    expect(slow.chunks).toEqual([])
    expect(gone.chunks).toEqual([])
    expect(hub.connectionCount).toBe(0)
  })

  it('sends heartbeats on its interval and ends streams whose access token expired', async () => {
    const fast = new RealtimeHub({ heartbeatMs: 10, maxBufferedBytes: 100 }, new SavedScopes())
    const [live, expiring] = [new FakeSink(), new FakeSink()]
    fast.connect(user('a'), live, stream())
    fast.connect(user('b'), expiring, stream(Date.now() + 30))
    await expect.poll(() => expiring.closed).toBe(true)
    expect(live.chunks).toContain(HEARTBEAT)
    expect(live.closed).toBe(false)
    await fast.close()
    expect(live.closed).toBe(true)
  })

  it('tells the streams of a school that missed changes to pull everything again, and ends them', () => {
    const [mine, other] = [new FakeSink(), new FakeSink()]
    hub.connect(user('a'), mine, stream())
    hub.connect(user('b', 'demo2'), other, stream())
    hub.resyncSchool('demo')
    expect(mine.chunks.join('')).toContain('event: resync\ndata: {"collections":["org","catalog"')
    expect([mine.closed, other.closed]).toEqual([true, false])
    expect(hub.connectionCount).toBe(1)
    hub.resyncSchool(undefined)
    expect(other.closed).toBe(true)
  })
})

describe('RealtimeHub with coalescing', () => {
  const hub = new RealtimeHub(
    { heartbeatMs: 60_000, maxBufferedBytes: 1_000_000, coalesceMs: 60_000 },
    new SavedScopes(),
  )
  afterEach(async () => {
    vi.restoreAllMocks()
    await hub.close()
  })

  const checkpoints = (sink: FakeSink) =>
    sink.chunks.join('').match(/"checkpoint":\{"seq":\d+\}|event: resync/g)

  it('sends a batch as one write per stream, each collection run as one event', () => {
    const sink = new FakeSink()
    hub.connect(user('a'), sink, stream())
    hub.deliver(change(1))
    hub.deliver(change(2))
    hub.deliver({ schoolId: 'demo', collection: 'org', documents: [{ seq: 3, data: schoolClass('c1') }] })
    expect(sink.chunks).toEqual([])
    hub.flush('demo')
    expect(sink.chunks).toHaveLength(1)
    expect(checkpoints(sink)).toEqual(['"checkpoint":{"seq":2}', '"checkpoint":{"seq":3}'])
  })

  it('serializes an event once for every stream that sees the same documents whole', () => {
    const sinks = [new FakeSink(), new FakeSink(), new FakeSink()]
    for (const [at, sink] of sinks.entries()) hub.connect(user(`u${at}`), sink, stream())
    hub.deliver(change(1))
    hub.deliver({ schoolId: 'demo', collection: 'org', documents: [{ seq: 2, data: schoolClass('c1') }] })
    const stringify = vi.spyOn(JSON, 'stringify')
    hub.flush()
    expect(stringify).toHaveBeenCalledTimes(2)
    expect(new Set(sinks.map((sink) => sink.chunks.join(''))).size).toBe(1)
  })

  it('sends what it holds to the streams open before a new one, not to the new one', () => {
    const [before, after] = [new FakeSink(), new FakeSink()]
    hub.connect(user('a'), before, stream())
    hub.deliver(change(1))
    hub.connect(user('b'), after, stream())
    hub.deliver(change(2))
    hub.flush()
    expect([checkpoints(before), checkpoints(after)]).toEqual([
      ['"checkpoint":{"seq":1}', '"checkpoint":{"seq":2}'],
      ['"checkpoint":{"seq":2}'],
    ])
  })

  it('keeps the order of changes and resyncs when the batch is flushed before the org index changes', () => {
    const classes = new OrgIndex()
    const teacher: SessionUser = { ...user('t'), roles: ['teacher'] }
    const sink = new FakeSink()
    hub.connect(teacher, sink, { ...stream(), index: classes })
    hub.deliver(change(1))
    const scopeChange = {
      schoolId: 'demo',
      collection: 'org' as const,
      documents: [{ seq: 2, data: classOfT }],
    }
    hub.flush('demo')
    classes.apply(scopeChange.documents)
    hub.deliver(scopeChange)
    hub.deliver(change(3))
    hub.resync('t', { collections: ['catalog'] })
    expect(checkpoints(sink)).toEqual([
      '"checkpoint":{"seq":1}',
      'event: resync',
      '"checkpoint":{"seq":2}',
      '"checkpoint":{"seq":3}',
      'event: resync',
    ])
    expect(sink.chunks[1]).toBe(RESYNC)
  })

  it('sends what it holds before it ends the streams on close', async () => {
    const sink = new FakeSink()
    hub.connect(user('a'), sink, stream())
    hub.deliver(change(1))
    await hub.close()
    expect(checkpoints(sink)).toEqual(['"checkpoint":{"seq":1}', 'event: resync'])
    expect(sink.closed).toBe(true)
  })
})
