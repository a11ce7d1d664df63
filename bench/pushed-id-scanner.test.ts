import { describe, expect, it } from 'vitest'
import { PushedIdScanner } from './pushed-id-scanner.ts'

const change = (...ids: string[]) =>
  `event: change\ndata: ${JSON.stringify({ collection: 'catalog', documents: ids.map((id) => ({ id, name: '压测科目' })), checkpoint: { seq: 7 } })}\n\n`
const RESYNC = 'event: resync\ndata: {"collections":["org"],"fromZero":true}\n\n'
const HEARTBEAT = ': heartbeat\n\n'

/** What a scanner reports after each of `chunks`. */
function scanChunks(chunks: Buffer[]): { documents: number[][]; resyncs: number } {
  const seen = { documents: [] as number[][], resyncs: 0 }
  let current: number[] = []
  const scanner = new PushedIdScanner({
    onDocument: (document) => current.push(document),
    onResync: () => seen.resyncs++,
  })
  for (const chunk of chunks) {
    current = []
    scanner.scan(chunk)
    seen.documents.push(current)
  }
  return seen
}

/** Where `search` starts in `text`'s UTF-8 bytes, plus `plus`. */
const byteOffset = (text: string, search: string, plus: number) => Buffer.from(text).indexOf(search) + plus

/** `text` cut into chunks at the given byte offsets. */
function splitAt(text: string, ...offsets: number[]): Buffer[] {
  const bytes = Buffer.from(text)
  return [0, ...offsets].map((start, i) => bytes.subarray(start, offsets[i] ?? bytes.length))
}

describe('PushedIdScanner', () => {
  it('reports every pushed document of the events in a chunk, in order', () => {
    const text =
      change('bench-push-12') + HEARTBEAT + change('bench-push-3', 'bench-push-40') + change('other-1')
    expect(scanChunks([Buffer.from(text)])).toEqual({ documents: [[12, 3, 40]], resyncs: 0 })
  })

  it('waits for the end of the event when the marker is split between chunks', () => {
    const text = change('bench-push-512')
    const inMarker = byteOffset(text, 'bench-push-', 5)
    expect(scanChunks(splitAt(text, inMarker))).toEqual({ documents: [[], [512]], resyncs: 0 })
  })

  it('reads the whole number when its digits are split between chunks', () => {
    const text = change('bench-push-98765')
    const inNumber = byteOffset(text, '98765', 2)
    expect(scanChunks(splitAt(text, inNumber))).toEqual({ documents: [[], [98765]], resyncs: 0 })
  })

  it('reports an event only once its blank line has arrived, even split between its two newlines', () => {
    const text = change('bench-push-1') + change('bench-push-2')
    const betweenNewlines = Buffer.byteLength(change('bench-push-1')) - 1
    expect(scanChunks(splitAt(text, betweenNewlines))).toEqual({
      documents: [[], [1, 2]],
      resyncs: 0,
    })
  })

  it('survives a chunk boundary inside a multi-byte character and many tiny chunks', () => {
    const text = change('bench-push-5') + RESYNC + change('bench-push-6')
    const bytes = Buffer.from(text)
    const oneByteChunks = Array.from({ length: bytes.length }, (_, i) => bytes.subarray(i, i + 1))
    const seen = scanChunks(oneByteChunks)
    expect(seen.documents.flat()).toEqual([5, 6])
    expect(seen.resyncs).toBe(1)
  })

  it('counts each resync event, also when its name is split', () => {
    const text = RESYNC + change('bench-push-9') + RESYNC
    const inName = byteOffset(text, 'resync', 3)
    expect(scanChunks(splitAt(text, inName))).toEqual({ documents: [[], [9]], resyncs: 2 })
  })

  it('ignores a marker not followed by digits', () => {
    expect(scanChunks([Buffer.from(change('bench-push-x'))])).toEqual({ documents: [[]], resyncs: 0 })
  })
})
