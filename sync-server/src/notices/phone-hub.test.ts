import { afterEach, describe, expect, it } from 'vitest'
import { FakeSink } from '../test-support/fake-sink.ts'
import { SessionStreams } from '../realtime/session-streams.ts'
import { PhoneHub } from './phone-hub.ts'

describe('PhoneHub', () => {
  const hub = new PhoneHub(60_000)
  afterEach(() => hub.close())

  it("ends a session's streams, or an account's, and keeps the others hearing notices", () => {
    const [phone, tablet, other] = [new FakeSink(), new FakeSink(), new FakeSink()]
    hub.connect('demo', 'p1', phone, { sessionId: 's1', expiresAt: Infinity })
    hub.connect('demo', 'p1', tablet, { sessionId: 's2', expiresAt: Infinity })
    hub.connect('demo', 'p2', other, { sessionId: 's3', expiresAt: Infinity })
    const streams = new SessionStreams()
    streams.add(hub)

    streams.endSessions(['s1'])
    hub.notify('demo', ['p1', 'p2'], 'n1')
    expect([phone.closed, tablet.closed, other.closed]).toEqual([true, false, false])
    expect(phone.chunks).toEqual([])
    expect(tablet.chunks).toHaveLength(1)

    streams.endAccounts(['p2'])
    expect(other.closed).toBe(true)
    expect(hub.connectionCount).toBe(1)
  })
})
