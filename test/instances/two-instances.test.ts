// Two real server processes on one PostgreSQL database and one Redis (issue 16): what one instance does, the
// other one sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../../e2e/server.ts'
import { subject } from '../../sync-server/src/test-support/documents.ts'
import { SseClient, type SseMessage } from '../../sync-server/src/test-support/sse.ts'
import { freshDatabase, type FreshDatabase } from '../support/fresh-database.ts'
import { logIn, post, waitFor } from '../support/server-calls.ts'

const DATABASE_URL = process.env.TEST_DATABASE_URL
const REDIS_URL = process.env.TEST_REDIS_URL
const ADMIN = '13800000001'
const TEACHER = '13800000002'
const missing = [!DATABASE_URL && 'TEST_DATABASE_URL', !REDIS_URL && 'TEST_REDIS_URL'].filter(Boolean)
const title = `two server instances on PostgreSQL + Redis${missing.length ? `: skipped, ${missing.join(' and ')} not set` : ''}`

describe.skipIf(missing.length > 0)(title, () => {
  let database: FreshDatabase
  let a: RunningServer
  let b: RunningServer

  beforeAll(async () => {
    database = await freshDatabase(DATABASE_URL as string)
    const env = {
      DATABASE_URL: database.url,
      REDIS_URL: REDIS_URL as string,
      REDIS_PREFIX: `test-${crypto.randomUUID()}:`,
      LOG_LEVEL: 'warn',
    }
    // One after the other: the first seeds the demo schools and makes the shared token key.
    a = await startServer({ ...env, DEMO: '1' })
    b = await startServer({ ...env, DEMO: '0' })
  }, 300_000)

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()])
    await database?.drop()
  }, 60_000)

  it('accepts on one instance the access token the other gave out', async () => {
    const { accessToken } = await logIn(a, ADMIN)
    const response = await fetch(`${b.url}/api/sync/catalog/pull?seq=0&limit=5`, {
      headers: { authorization: `Bearer ${accessToken}` },
    })
    expect(response.status).toBe(200)
    expect(((await response.json()) as { documents: unknown[] }).documents).toHaveLength(5)
  })

  it('logs in by QR code across instances: made on A, scanned and confirmed on B, tokens once', async () => {
    const phone = (await logIn(b, ADMIN)).accessToken
    const { json: ticket } = await post<{ ticketId: string; pollToken: string }>(a, '/api/auth/qr', {
      deviceName: 'Office PC',
    })
    const poll = async (server: RunningServer, after: string) => {
      const response = await fetch(`${server.url}/api/auth/qr/${ticket.ticketId}?after=${after}`, {
        headers: { 'x-poll-token': ticket.pollToken },
      })
      return {
        status: response.status,
        json: (await response.json()) as { state?: string; tokens?: unknown },
      }
    }
    const scan = await post(b, `/api/auth/qr/${ticket.ticketId}/scan`, {}, phone)
    expect(scan).toMatchObject({ status: 200, json: { deviceName: 'Office PC' } })
    expect((await poll(a, 'pending')).json.state).toBe('scanned')
    const waiting = poll(a, 'scanned')
    expect((await post(b, `/api/auth/qr/${ticket.ticketId}/confirm`, {}, phone)).status).toBe(200)
    const [first, second] = await Promise.all([waiting, poll(b, 'scanned')])
    const answers = [first, second].map((answer) => [answer.status, answer.json.tokens !== undefined])
    expect(answers.sort()).toEqual([
      [200, true],
      [410, false],
    ])
  })

  it('limits failed logins spread over both instances as on one', async () => {
    const attempt = (server: RunningServer) =>
      post(server, '/api/auth/login', { account: TEACHER, password: 'wrong-password' })
    const answers = []
    for (const server of [a, b, a, b, a]) answers.push((await attempt(server)).status)
    expect(answers).toEqual([401, 401, 401, 401, 401])
    expect([(await attempt(b)).status, (await attempt(a)).status]).toEqual([429, 429])
  })

  it('streams 30 writes pushed one by one to A to a stream on B, in order', async () => {
    const { accessToken } = await logIn(b, ADMIN)
    const { client } = await SseClient.connect(`${b.url}/api/sync/stream`, accessToken)
    if (!client) throw new Error('no stream on B')
    try {
      const writer = (await logIn(a, ADMIN)).accessToken
      const ids = Array.from({ length: 30 }, (_, i) => `instances-${i}`)
      for (const id of ids) {
        const pushed = await post<unknown[]>(
          a,
          '/api/sync/catalog/push',
          [{ assumedMasterState: null, newDocumentState: subject('demo', id) }],
          writer,
        )
        expect(pushed).toEqual({ status: 200, json: [] })
      }
      type Change = { documents: { id: string }[]; checkpoint: { seq: number } }
      const ours = (m: SseMessage) =>
        m.event === 'change' && (m.data as Change).documents.some((d) => d.id.startsWith('instances-'))
      await waitFor(() => client.messages.filter(ours).length >= 30, '30 change events on B')
      const changes = client.messages.filter(ours).map((m) => m.data as Change)
      expect(changes.flatMap((c) => c.documents.map((d) => d.id))).toEqual(ids)
      const seqs = changes.map((c) => c.checkpoint.seq)
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y))
      expect(new Set(seqs).size).toBe(30)
      expect(client.messages.some((m) => m.event === 'resync')).toBe(false)
    } finally {
      client.close()
    }
  })
})
