import { describe, expect, it } from 'vitest'
import { readEventStream, SseParser, type SseEvent } from './sse-parser.ts'

const STREAM = [
  ': connected',
  '',
  'event: change',
  'data: {"collection":"catalog","documents":[],"checkpoint":{"seq":7}}',
  '',
  ': heartbeat',
  '',
  'event: resync',
  'data: {"collections":["org"],',
  'data: "fromZero":true}',
  'id: 42',
  '',
  'data:no space after the colon',
  '',
  'data: 科目 上課地點',
  '',
  '',
].join('\n')

const EXPECTED: SseEvent[] = [
  { event: 'change', data: '{"collection":"catalog","documents":[],"checkpoint":{"seq":7}}' },
  { event: 'resync', data: '{"collections":["org"],\n"fromZero":true}', id: '42' },
  { event: 'message', data: 'no space after the colon', id: '42' },
  { event: 'message', data: '科目 上課地點', id: '42' },
]

function feedInPieces(text: string, cuts: number[]): SseEvent[] {
  const parser = new SseParser()
  const bounds = [0, ...cuts, text.length]
  return bounds.slice(1).flatMap((end, i) => parser.feed(text.slice(bounds[i], end)))
}

/** A deterministic pseudo-random sequence, so a failure can be replayed. */
function randomCuts(length: number, seed: number): number[] {
  let state = seed
  const cuts: number[] = []
  for (let at = 0; at < length;) {
    state = (state * 1103515245 + 12345) % 2 ** 31
    at += 1 + (state % 9)
    if (at < length) cuts.push(at)
  }
  return cuts
}

describe('SseParser', () => {
  it('parses events, multi-line data, ids and skips comments', () => {
    expect(new SseParser().feed(STREAM)).toEqual(EXPECTED)
  })

  it('gives the same events whatever the chunk boundaries', () => {
    for (let seed = 1; seed <= 50; seed++) {
      expect(feedInPieces(STREAM, randomCuts(STREAM.length, seed))).toEqual(EXPECTED)
    }
  })

  it('gives the same events one character at a time', () => {
    const cuts = Array.from({ length: STREAM.length - 1 }, (_, i) => i + 1)
    expect(feedInPieces(STREAM, cuts)).toEqual(EXPECTED)
  })

  it('accepts CRLF and CR line endings, also split between CR and LF', () => {
    const crlf = STREAM.replaceAll('\n', '\r\n')
    const atEveryCr = [...crlf.matchAll(/\r/g)].map((m) => m.index + 1)
    expect(feedInPieces(crlf, atEveryCr)).toEqual(EXPECTED)
    expect(new SseParser().feed(STREAM.replaceAll('\n', '\r'))).toEqual(EXPECTED)
  })

  it('keeps an incomplete event until its blank line arrives', () => {
    const parser = new SseParser()
    expect(parser.feed('event: change\ndata: 1\n')).toEqual([])
    expect(parser.feed('\n')).toEqual([{ event: 'change', data: '1' }])
  })

  it('does not dispatch an event without data, and resets its type', () => {
    const parser = new SseParser()
    expect(parser.feed('event: change\n\ndata: x\n\n')).toEqual([{ event: 'message', data: 'x' }])
  })
})

describe('readEventStream', () => {
  it('decodes UTF-8 characters split across byte chunks', async () => {
    const bytes = new TextEncoder().encode('event: change\ndata: 上課地點\n\n')
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 2) controller.enqueue(bytes.slice(i, i + 2))
        controller.close()
      },
    })
    const events: SseEvent[] = []
    await readEventStream(body, (e) => events.push(e))
    expect(events).toEqual([{ event: 'change', data: '上課地點' }])
  })
})
