import { HEARTBEAT, sseEvent, type StreamSink } from '../realtime/hub.ts'

interface PhoneStream {
  sink: StreamSink
  /** When the access token the stream was opened with expires (ms): the phone reconnects with a fresh one. */
  expiresAt: number
}

const key = (schoolId: string, personId: string) => `${schoolId}\n${personId}`

/**
 * The open `/api/m/stream` connections of this server instance (DESIGN §7.1): a phone page hears `notice { id }`
 * when a notice is delivered to its user or re-sent to them as a reminder, and then asks the API for it.
 */
export class PhoneHub {
  readonly #streams = new Map<string, Set<PhoneStream>>()
  readonly #heartbeat: NodeJS.Timeout

  constructor(heartbeatMs: number) {
    this.#heartbeat = setInterval(() => this.#beat(), heartbeatMs)
    this.#heartbeat.unref()
  }

  get connectionCount(): number {
    let count = 0
    for (const streams of this.#streams.values()) count += streams.size
    return count
  }

  connect(schoolId: string, personId: string, sink: StreamSink, expiresAt: number): () => void {
    const stream = { sink, expiresAt }
    const streams = this.#streams.get(key(schoolId, personId)) ?? new Set()
    streams.add(stream)
    this.#streams.set(key(schoolId, personId), streams)
    return () => this.#remove(key(schoolId, personId), stream)
  }

  /** Tells the phones of `personIds` that notice `noticeId` has arrived (or is reminded). */
  notify(schoolId: string, personIds: Iterable<string>, noticeId: string): void {
    const event = sseEvent('notice', { id: noticeId })
    for (const personId of personIds) {
      for (const { sink } of this.#streams.get(key(schoolId, personId)) ?? []) sink.write(event)
    }
  }

  close(): void {
    clearInterval(this.#heartbeat)
    for (const streams of this.#streams.values()) for (const { sink } of streams) sink.close()
    this.#streams.clear()
  }

  #beat(): void {
    const now = Date.now()
    for (const [streamKey, streams] of this.#streams) {
      for (const stream of streams) {
        if (stream.expiresAt > now) stream.sink.write(HEARTBEAT)
        else {
          this.#remove(streamKey, stream)
          stream.sink.close()
        }
      }
    }
  }

  #remove(streamKey: string, stream: PhoneStream): void {
    const streams = this.#streams.get(streamKey)
    streams?.delete(stream)
    if (streams?.size === 0) this.#streams.delete(streamKey)
  }
}
