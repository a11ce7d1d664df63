/** One Server-Sent Event, as dispatched by the parser (comments are not events). */
export interface SseEvent {
  event: string
  data: string
  id?: string
}

/**
 * Incremental parser for a `text/event-stream` body (WHATWG HTML §9.2.6). Chunks may be split anywhere, even
 * between the `\r` and `\n` of one line ending; `feed` returns the events completed by the chunk.
 */
export class SseParser {
  private buffer = ''
  private skipLeadingLf = false
  private eventType = ''
  private dataLines: string[] = []
  private lastEventId: string | undefined

  feed(chunk: string): SseEvent[] {
    let text = chunk
    if (this.skipLeadingLf && text.startsWith('\n')) text = text.slice(1)
    this.skipLeadingLf = false
    this.buffer += text
    const events: SseEvent[] = []
    const lineEnd = /\r\n|\r|\n/g
    let start = 0
    for (let match = lineEnd.exec(this.buffer); match; match = lineEnd.exec(this.buffer)) {
      // A trailing lone `\r` may be the first half of `\r\n`: the next chunk must not start a blank line.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) this.skipLeadingLf = true
      const event = this.processLine(this.buffer.slice(start, match.index))
      if (event) events.push(event)
      start = lineEnd.lastIndex
    }
    this.buffer = this.buffer.slice(start)
    return events
  }

  private processLine(line: string): SseEvent | undefined {
    if (line === '') return this.dispatch()
    if (line.startsWith(':')) return undefined
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    const raw = colon === -1 ? '' : line.slice(colon + 1)
    const value = raw.startsWith(' ') ? raw.slice(1) : raw
    if (field === 'event') this.eventType = value
    else if (field === 'data') this.dataLines.push(value)
    else if (field === 'id' && !value.includes('\0')) this.lastEventId = value
    return undefined
  }

  private dispatch(): SseEvent | undefined {
    const hasData = this.dataLines.length > 0
    const event: SseEvent = { event: this.eventType || 'message', data: this.dataLines.join('\n') }
    if (this.lastEventId !== undefined) event.id = this.lastEventId
    this.eventType = ''
    this.dataLines = []
    return hasData ? event : undefined
  }
}

/** Reads a byte stream to its end, decoding UTF-8 across chunk boundaries and handing each event over. */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onEvent: (event: SseEvent) => void,
  onChunk: () => void = () => {},
): Promise<void> {
  const parser = new SseParser()
  const decoder = new TextDecoder()
  const reader = body.getReader()
  try {
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      onChunk()
      for (const event of parser.feed(decoder.decode(read.value, { stream: true }))) onEvent(event)
    }
  } finally {
    reader.releaseLock()
  }
}
