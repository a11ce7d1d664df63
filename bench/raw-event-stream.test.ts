import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { Dechunker, openRawEventStream } from './raw-event-stream.ts'

function dechunk(pieces: string[]): string {
  let out = ''
  const dechunker = new Dechunker((bytes) => (out += bytes.toString()))
  for (const piece of pieces) dechunker.feed(Buffer.from(piece))
  return out
}

describe('Dechunker', () => {
  const events = ['a\n\n', 'event: change\ndata: {"x":"二"}\n\n']
  const chunk = (data: string) => `${Buffer.byteLength(data).toString(16)}\r\n${data}\r\n`
  const body = `${events.map(chunk).join('')}0\r\n\r\n`

  it('hands on the data of every chunk, framing removed', () => {
    expect(dechunk([body])).toBe(events.join(''))
  })

  it('gives the same bytes however the body is split, down to one byte at a time', () => {
    const whole = dechunk([body])
    for (let cut = 1; cut < body.length; cut++)
      expect(dechunk([body.slice(0, cut), body.slice(cut)])).toBe(whole)
    expect(dechunk([...body])).toBe(whole)
  })

  it('refuses a size line that is not hexadecimal', () => {
    expect(() => dechunk(['zz\r\nabc'])).toThrow(/chunk size line "zz"/)
  })
})

describe('openRawEventStream', () => {
  let server: Server | undefined
  afterEach(() => server?.close())

  async function serve(handle: (response: ServerResponse, authorization: string | undefined) => void) {
    server = createServer((request, response) => handle(response, request.headers.authorization))
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/sync/stream`
  }

  it('sends the headers and reads a chunked body written in pieces, until the server ends it', async () => {
    const url = await serve((response, authorization) => {
      response.writeHead(200, { 'content-type': 'text/event-stream', connection: 'close' })
      response.write(`data: ${authorization}\n\n`)
      setTimeout(() => response.end('data: 二\n\n'), 20)
    })
    let body = ''
    const closed = new Promise<void>((resolve) =>
      openRawEventStream(
        url,
        { authorization: 'Bearer t1' },
        { onBody: (bytes) => (body += bytes.toString()), onClose: resolve },
      ),
    )
    await closed
    expect(body).toBe('data: Bearer t1\n\ndata: 二\n\n')
  })

  it('rejects with the status when the answer is not 200', async () => {
    const url = await serve((response) => response.writeHead(401).end('{"error":"unauthorized"}'))
    const opened = openRawEventStream(url, {}, { onBody: () => undefined, onClose: () => undefined })
    await expect(opened).rejects.toThrow('a bench stream answered 401')
  })
})
