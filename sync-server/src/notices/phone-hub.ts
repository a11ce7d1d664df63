import { HEARTBEAT, sseEvent, type StreamSink } from '../realtime/hub.ts'
import type { SessionStreamHub } from '../realtime/session-streams.ts'

/** Whose a phone stream is and how long its access token lasts. */
export interface PhoneStreamContext {
  /** The session (one phone) the stream belongs to: signing it out ends the stream. */
  sessionId: string
  /** When the access token the stream was opened with expires (ms): the phone reconnects with a fresh one. */
  expiresAt: number
}

interface PhoneStream extends PhoneStreamContext {
  sink: StreamSink
  personId: string
}

/** A phone stream carries no collections: `resync` only tells it to reconnect and reload its inbox. */
const RESTART_HINT = sseEvent('resync', { collections: [] })

const key = (schoolId: string, personId: string) => `${schoolId}\n${personId}`

/**
 * The open `/api/m/stream` connections of this server instance (DESIGN §7.1): a phone page hears `notice { id }`
 * when a notice is delivered to its user or re-sent to them as a reminder, and then asks the API for it.
 */
export class PhoneHub implements SessionStreamHub {
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

  connect(schoolId: string, personId: string, sink: StreamSink, context: PhoneStreamContext): () => void {
    const stream = { ...context, sink, personId }
    const streams = this.#streams.get(key(schoolId, personId)) ?? new Set()
    streams.add(stream)
    this.#streams.set(key(schoolId, personId), streams)
    return () => this.#remove(key(schoolId, personId), stream)
  }

  endSessions(sessionIds: readonly string[]): void {
    const ended = new Set(sessionIds)
    this.#end((stream) => ended.has(stream.sessionId))
  }

  disconnect(accountIds: readonly string[]): void {
    const ended = new Set(accountIds)
    this.#end((stream) => ended.has(stream.personId))
  }

  /** Tells the phones of `personIds` that notice `noticeId` has arrived (or is reminded). */
  notify(schoolId: string, personIds: Iterable<string>, noticeId: string): void {
    const event = sseEvent('notice', { id: noticeId })
    for (const personId of personIds) {
      for (const { sink } of this.#streams.get(key(schoolId, personId)) ?? []) sink.write(event)
    }
  }

  /** Ends every stream (server shutdown), each after a `resync` hint: the phone reconnects, to another instance. */
  close(): void {
    clearInterval(this.#heartbeat)
    for (const streams of this.#streams.values()) for (const { sink } of streams) sink.write(RESTART_HINT)
    this.#end(() => true)
  }

  #beat(): void {
    const now = Date.now()
    this.#end((stream) => stream.expiresAt <= now)
    for (const streams of this.#streams.values()) for (const { sink } of streams) sink.write(HEARTBEAT)
  }

  /** Closes and forgets the streams `ends` picks. */
  #end(ends: (stream: PhoneStream) => boolean): void {
    for (const [streamKey, streams] of [...this.#streams]) {
      for (const stream of [...streams]) {
        if (!ends(stream)) continue
        this.#remove(streamKey, stream)
        stream.sink.close()
      }
    }
  }

  #remove(streamKey: string, stream: PhoneStream): void {
    const streams = this.#streams.get(streamKey)
    streams?.delete(stream)
    if (streams?.size === 0) this.#streams.delete(streamKey)
  }
}
