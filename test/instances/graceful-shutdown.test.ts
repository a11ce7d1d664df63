// A real server process on SIGTERM (issue 16): streams get `resync` and end, a push in flight is acknowledged and
// stored, new connections are refused, and the process exits 0.
import { request, type ClientRequest } from 'node:http'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { COLLECTION_NAMES } from '../../domain/collections.ts'
import { startServer, type RunningServer } from '../../e2e/server.ts'
import { subject } from '../../sync-server/src/test-support/documents.ts'
import { SseClient } from '../../sync-server/src/test-support/sse.ts'
import { logIn } from '../support/server-calls.ts'

const ADMIN = '13800000001'

/** A push whose headers reached the server (it answered `100 Continue`) and whose body is still to be sent. */
async function startPush(server: RunningServer, token: string, body: string) {
  let answer: Promise<{ status: number; json: unknown }> | undefined
  const pending = await new Promise<ClientRequest>((resolve, reject) => {
    const push: ClientRequest = request(`${server.url}/api/sync/catalog/push`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        expect: '100-continue',
      },
    })
    answer = new Promise((resolveAnswer, rejectAnswer) => {
      push.on('response', (response) => {
        let text = ''
        response.setEncoding('utf8')
        response.on('data', (chunk: string) => (text += chunk))
        response.on('end', () => resolveAnswer({ status: response.statusCode ?? 0, json: JSON.parse(text) }))
        response.on('error', rejectAnswer)
      })
    })
    push.on('continue', () => resolve(push))
    push.on('error', reject)
    push.flushHeaders()
  })
  return {
    finish: () => {
      pending.end(body)
      return answer as Promise<{ status: number; json: unknown }>
    },
  }
}

/** Does a new TCP connection to the server's port fail (nothing listens any more)? */
function refusesConnection(server: RunningServer): Promise<boolean> {
  const { hostname, port } = new URL(server.url)
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname)
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', () => resolve(true))
  })
}

/** Polls until the server refuses new connections; the limit only ends a test that fails. */
async function untilRefused(server: RunningServer): Promise<void> {
  const until = Date.now() + 60_000
  while (!(await refusesConnection(server))) {
    if (Date.now() > until) throw new Error('the server still accepts connections')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('graceful shutdown of a server process', () => {
  let server: RunningServer

  beforeAll(async () => {
    server = await startServer({ LOG_LEVEL: 'warn' })
  }, 180_000)

  afterAll(() => server?.stop(), 60_000)

  it('on SIGTERM: resync then end on every stream, finishes the push in flight, refuses new connections, exits 0', async () => {
    const { accessToken } = await logIn(server, ADMIN)
    const sync = (await SseClient.connect(`${server.url}/api/sync/stream`, accessToken)).client
    const phone = (await SseClient.connect(`${server.url}/api/m/stream`, accessToken)).client
    if (!sync || !phone) throw new Error('streams did not open')
    const document = subject('demo', `shutdown-${crypto.randomUUID()}`)
    const push = await startPush(
      server,
      accessToken,
      JSON.stringify([{ assumedMasterState: null, newDocumentState: document }]),
    )

    const exited = server.terminate()
    await Promise.all([sync.whenEnded, phone.whenEnded])
    expect(sync.messages.filter((m) => m.event === 'resync')).toEqual([
      { event: 'resync', data: { collections: [...COLLECTION_NAMES] } },
    ])
    expect(phone.messages.filter((m) => m.event === 'resync')).toEqual([
      { event: 'resync', data: { collections: [] } },
    ])
    await untilRefused(server)
    expect(await push.finish()).toEqual({ status: 200, json: [] })
    expect(await exited).toBe(0)

    await server.restart()
    const reader = await logIn(server, ADMIN)
    const pulled = await fetch(`${server.url}/api/sync/catalog/pull?seq=0&limit=5000`, {
      headers: { authorization: `Bearer ${reader.accessToken}` },
    })
    const { documents } = (await pulled.json()) as { documents: { id: string }[] }
    expect(documents.map((d) => d.id)).toContain(document.id)
  }, 180_000)
})
