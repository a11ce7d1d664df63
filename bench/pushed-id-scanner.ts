// What the scale-out benches' load generator reads of a sync stream (issue 16): the numbers of the pushed documents
// (`bench-push-<n>`) and the `resync` events, found in the raw bytes without decoding them to text, each reported only
// once the whole event holding it has arrived, however the stream was split into chunks.

const PUSHED_ID_MARKER = Buffer.from('bench-push-')
const RESYNC_MARKER = Buffer.from('event: resync')
const EVENT_END = Buffer.from('\n\n')
const NOTHING = Buffer.alloc(0)
const DIGIT_0 = 0x30
const DIGIT_9 = 0x39

export interface ScannedEventHandlers {
  /** A pushed document's number, in stream order. */
  onDocument(document: number): void
  onResync(): void
}

const isDigit = (byte: number | undefined) => byte !== undefined && byte >= DIGIT_0 && byte <= DIGIT_9

/** Reads the number written in ASCII digits at `start` of `bytes` (it must start with a digit). */
function digitsAt(bytes: Buffer, start: number): number {
  let value = 0
  for (let at = start; isDigit(bytes[at]); at++) value = value * 10 + (bytes[at] as number) - DIGIT_0
  return value
}

/** Calls `visit` with where `marker` starts in `bytes`, each occurrence in order. */
function forEachOccurrence(marker: Buffer, bytes: Buffer, visit: (at: number) => void): void {
  for (let at = bytes.indexOf(marker); at >= 0; at = bytes.indexOf(marker, at + marker.length)) visit(at)
}

/** One stream's scanner: feed it the stream's chunks in order. */
export class PushedIdScanner {
  readonly #handlers: ScannedEventHandlers
  /** The bytes after the last complete event, waiting for the rest of it. */
  #pending = NOTHING

  constructor(handlers: ScannedEventHandlers) {
    this.#handlers = handlers
  }

  /** Reports the documents and resyncs of the events `chunk` completed. */
  scan(chunk: Buffer): void {
    const bytes = this.#pending.length ? Buffer.concat([this.#pending, chunk]) : chunk
    const lastEventEnd = bytes.lastIndexOf(EVENT_END)
    const complete = lastEventEnd < 0 ? 0 : lastEventEnd + EVENT_END.length
    // A copy: the chunk's memory may be reused once this returns.
    this.#pending = complete < bytes.length ? Buffer.from(bytes.subarray(complete)) : NOTHING
    if (complete === 0) return
    const events = bytes.subarray(0, complete)
    forEachOccurrence(PUSHED_ID_MARKER, events, (at) => {
      const digits = at + PUSHED_ID_MARKER.length
      if (isDigit(events[digits])) this.#handlers.onDocument(digitsAt(events, digits))
    })
    forEachOccurrence(RESYNC_MARKER, events, () => this.#handlers.onResync())
  }
}
