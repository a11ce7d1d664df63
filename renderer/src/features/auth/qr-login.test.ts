import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { QrState, SessionTokens } from '../../../../domain/auth/auth-wire.ts'
import { ADMIN } from '../../db/testing/node-database.ts'
import {
  deviceName,
  RETRY_MIN_MS,
  startQrLogin,
  type QrLoginController,
  type QrLoginView,
} from './qr-login.ts'

const SERVER = 'http://qr.test'
const TTL_MS = 120_000
const LONG_POLL_MS = 25_000

interface Ticket {
  state: QrState
  expiresAt: number
  scannedBy?: string
  changed: () => void
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })

/** The QR half of DESIGN §6 in memory, long poll included, driven by the test (fake timers). */
class FakeQrServer {
  tickets = new Map<string, Ticket>()
  requests: string[] = []
  online = true
  private counter = 0

  readonly fetch = async (input: string, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(input)
    this.requests.push(`${init.method ?? 'GET'} ${url.pathname}${url.search}`)
    if (!this.online) throw new TypeError('fetch failed')
    if (init.method === 'POST' && url.pathname === '/api/auth/qr') {
      const ticketId = `t${++this.counter}`
      const expiresAt = Date.now() + TTL_MS
      this.tickets.set(ticketId, { state: 'pending', expiresAt, changed: () => undefined })
      return json({ ticketId, scanUrl: `${SERVER}/m/qr/${ticketId}`, pollToken: `p-${ticketId}`, expiresAt })
    }
    const id = url.pathname.split('/').pop() ?? ''
    const ticket = this.tickets.get(id)
    if (!ticket) return json({ error: 'not_found', message: 'unknown ticket' }, 404)
    expect(new Headers(init.headers).get('X-Poll-Token')).toBe(`p-${id}`)
    const after = url.searchParams.get('after')
    await new Promise<void>((resolve, reject) => {
      if (this.stateOf(ticket) !== after) return resolve()
      const timer = setTimeout(resolve, Math.min(LONG_POLL_MS, ticket.expiresAt - Date.now()))
      ticket.changed = () => {
        clearTimeout(timer)
        resolve()
      }
      init.signal?.addEventListener('abort', () => {
        clearTimeout(timer)
        reject(new DOMException('aborted', 'AbortError'))
      })
    })
    const state = this.stateOf(ticket)
    const tokens: SessionTokens | undefined =
      state === 'confirmed'
        ? { accessToken: 'a', refreshToken: 'r', user: ADMIN, mustChangePassword: false }
        : undefined
    return json({ state, ...(ticket.scannedBy ? { scannedBy: { name: ticket.scannedBy } } : {}), tokens })
  }

  private stateOf(ticket: Ticket): QrState {
    return ticket.state === 'pending' && Date.now() >= ticket.expiresAt ? 'expired' : ticket.state
  }

  /** What a phone does on the ticket. */
  set(id: string, state: QrState, scannedBy?: string): void {
    const ticket = this.tickets.get(id)
    if (!ticket) throw new Error(`no ticket ${id}`)
    Object.assign(ticket, { state }, scannedBy ? { scannedBy } : {})
    ticket.changed()
  }
}

let server: FakeQrServer
let views: QrLoginView[]
let confirmed: SessionTokens[]
let controller: QrLoginController | null

function start(onConfirmed = async (result: SessionTokens) => void confirmed.push(result)) {
  controller = startQrLogin({
    serverUrl: SERVER,
    deviceName: 'Campus Desk · Test PC',
    fetch: server.fetch,
    onChange: (view) => views.push(view),
    onConfirmed,
  })
  return controller
}

const last = () => views.at(-1)
const settle = () => vi.advanceTimersByTimeAsync(0)

beforeEach(() => {
  vi.useFakeTimers()
  server = new FakeQrServer()
  views = []
  confirmed = []
  controller = null
})

afterEach(() => {
  controller?.stop()
  vi.useRealTimers()
})

describe('QR login', () => {
  it('shows a code, follows scanned → confirmed with after= the last state, and logs in once', async () => {
    start()
    expect(last()?.state).toBe('loading')
    await settle()
    expect(last()).toMatchObject({ state: 'pending', scanUrl: `${SERVER}/m/qr/t1`, scannedBy: null })
    expect(last()?.expiresAt).toBe(Date.now() + TTL_MS)

    // A quiet long poll ends after 25 s and is asked again with the same `after`.
    await vi.advanceTimersByTimeAsync(LONG_POLL_MS)
    server.set('t1', 'scanned', '李老师')
    await settle()
    expect(last()).toMatchObject({ state: 'scanned', scannedBy: '李老师' })
    server.set('t1', 'confirmed')
    await settle()
    expect(last()?.state).toBe('confirmed')
    expect(confirmed).toEqual([expect.objectContaining({ refreshToken: 'r', user: ADMIN })])
    expect(server.requests).toEqual([
      'POST /api/auth/qr',
      'GET /api/auth/qr/t1?after=pending',
      'GET /api/auth/qr/t1?after=pending',
      'GET /api/auth/qr/t1?after=scanned',
    ])
    await vi.advanceTimersByTimeAsync(TTL_MS * 2)
    expect(server.requests).toHaveLength(4)
  })

  it('stops at a rejection and starts over with a new code on request', async () => {
    const qr = start()
    await settle()
    server.set('t1', 'scanned', '李老师')
    await settle()
    server.set('t1', 'rejected')
    await settle()
    expect(last()?.state).toBe('rejected')
    await vi.advanceTimersByTimeAsync(TTL_MS * 2)
    expect(server.tickets.size).toBe(1)

    qr.restart()
    await settle()
    expect(last()).toMatchObject({ state: 'pending', scanUrl: `${SERVER}/m/qr/t2`, scannedBy: null })
  })

  it('replaces an expired code by itself and says so', async () => {
    start()
    await settle()
    await vi.advanceTimersByTimeAsync(TTL_MS + 1)
    expect(last()).toMatchObject({ state: 'expired', scanUrl: `${SERVER}/m/qr/t2` })
    expect(last()?.expiresAt).toBe(Date.now() + TTL_MS)
    // The fresh code works like the first one.
    server.set('t2', 'scanned', '李老师')
    await settle()
    expect(last()).toMatchObject({ state: 'scanned', scannedBy: '李老师' })
  })

  it('gets a fresh code when the server no longer knows the ticket (restart)', async () => {
    start()
    await settle()
    server.tickets.clear()
    await vi.advanceTimersByTimeAsync(LONG_POLL_MS)
    await vi.advanceTimersByTimeAsync(1000)
    expect(last()).toMatchObject({ state: 'expired', scanUrl: `${SERVER}/m/qr/t2` })
  })

  it('retries an unreachable server with growing delays, then carries on', async () => {
    server.online = false
    start()
    await settle()
    expect(last()).toMatchObject({ state: 'loading', retrying: true })
    await vi.advanceTimersByTimeAsync(RETRY_MIN_MS)
    await vi.advanceTimersByTimeAsync(RETRY_MIN_MS * 2)
    expect(server.requests).toHaveLength(3)
    await vi.advanceTimersByTimeAsync(RETRY_MIN_MS * 3)
    expect(server.requests).toHaveLength(3)
    server.online = true
    await vi.advanceTimersByTimeAsync(RETRY_MIN_MS)
    expect(last()).toMatchObject({ state: 'pending', retrying: false, scanUrl: `${SERVER}/m/qr/t1` })

    // A lost connection during the long poll is retried on the same ticket.
    server.online = false
    await vi.advanceTimersByTimeAsync(LONG_POLL_MS)
    expect(last()?.retrying).toBe(true)
    server.online = true
    await vi.advanceTimersByTimeAsync(RETRY_MIN_MS * 2)
    server.set('t1', 'scanned', '李老师')
    await settle()
    expect(last()).toMatchObject({ state: 'scanned', retrying: false })
  })

  it('fails visibly when the server cannot do QR logins or the login with its tokens fails', async () => {
    const noQr = async () => json({ error: 'not_found', message: 'Route POST:/api/auth/qr not found' }, 404)
    controller = startQrLogin({
      serverUrl: SERVER,
      deviceName: 'x',
      fetch: noQr,
      onChange: (view) => views.push(view),
      onConfirmed: async () => undefined,
    })
    await settle()
    expect(last()?.state).toBe('failed')
    controller.stop()

    views = []
    start(async () => {
      throw new Error('disk full')
    })
    await settle()
    server.set('t1', 'confirmed')
    await settle()
    expect(last()).toMatchObject({ state: 'failed', error: new Error('disk full') })
  })

  it('stop() ends the long poll, the timers and the updates', async () => {
    const qr = start()
    await settle()
    const seen = views.length
    qr.stop()
    server.set('t1', 'scanned', '李老师')
    await vi.advanceTimersByTimeAsync(TTL_MS * 2)
    expect(views).toHaveLength(seen)
    expect(server.requests).toHaveLength(2)
    expect(vi.getTimerCount()).toBe(0)
  })
})

describe('deviceName', () => {
  it('names the PC by its host name, else by its system', () => {
    expect(deviceName({ name: 'Campus Desk', platform: 'win32', hostName: 'OFFICE-PC-3' })).toBe(
      'Campus Desk · OFFICE-PC-3',
    )
    expect(deviceName({ name: 'Campus Desk', platform: 'win32', hostName: null })).toBe(
      'Campus Desk · Windows',
    )
    expect(deviceName({ name: 'Campus Desk', platform: 'web' })).toBe('Campus Desk · Web')
  })
})
