import type { FastifyPluginAsync, FastifyReply } from 'fastify'
import type { StreamSink } from '../../../realtime/hub.ts'
import { errorResponses } from '../../schemas.ts'

export const streamSchema = {
  response: {
    200: {
      description: 'Server-Sent Events: `change`, `resync` and `: heartbeat` comments',
      content: { 'text/event-stream': { schema: { type: 'string' } } },
    },
    ...errorResponses,
  },
} as const

const SSE_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  // The stream holds its connection until it ends; then the socket closes rather than idling (fast shutdown).
  connection: 'close',
  // Reverse proxies (nginx) would otherwise buffer the stream.
  'x-accel-buffering': 'no',
}

/**
 * Takes over the response of `reply` as a Server-Sent Events stream (its hooks' headers, CORS, kept) and returns
 * where to write the events.
 */
export function hijackEventStream(reply: FastifyReply): StreamSink {
  const response = reply.raw
  reply.hijack()
  // The reply is hijacked, so the headers Fastify's hooks set (CORS) are copied by hand.
  for (const [name, value] of Object.entries(reply.getHeaders())) {
    if (value !== undefined) response.setHeader(name, value)
  }
  // No chunked framing: the stream's body simply ends when its connection closes (RFC 9112 §6.3), so each event is
  // one socket write instead of a size line, the data and a CRLF, on every stream of every delivery.
  response.removeHeader('transfer-encoding')
  response.writeHead(200, SSE_HEADERS)
  response.write(': connected\n\n')
  return {
    write: (chunk) => void response.write(chunk),
    close: () => response.end(),
    get bufferedBytes() {
      return response.writableLength
    },
  }
}

/** Ends `disconnect`s stream when the client goes away. */
export function onStreamEnd(reply: FastifyReply, disconnect: () => void): void {
  reply.raw.on('close', disconnect)
  reply.raw.on('error', disconnect)
}

/** `GET /api/sync/stream`: one Server-Sent Events stream per client for every collection. */
const stream: FastifyPluginAsync = async (app) => {
  app.get('/stream', { schema: streamSchema }, async (request, reply) => {
    // Loaded before the response starts, so a failure is still an ordinary error response.
    const [index, scopeAtDisconnect] = await Promise.all([
      app.visibility.index(request.user.schoolId),
      app.store.streamScope(request.sessionId),
    ])
    const sink = hijackEventStream(reply)
    const disconnect = app.realtime.connect(request.user, sink, {
      index,
      sessionId: request.sessionId,
      expiresAt: request.accessExpiresAt,
      scopeAtDisconnect,
    })
    onStreamEnd(reply, disconnect)
  })
}

export default stream
