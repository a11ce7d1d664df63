import { ApiError, NetworkError, type ApiClient } from './api-client.ts'
import { readEventStream, type SseEvent } from './sse-parser.ts'

export type StreamState = 'connecting' | 'open' | 'closed'

export interface SyncStreamOptions {
  api: ApiClient
  onEvent(event: SseEvent): void
  /** `open` is reported on every (re)connect: the caller re-syncs then (DESIGN §5). */
  onState(state: StreamState, error?: unknown): void
  /** First reconnect delay, doubled up to `maxDelayMs`. */
  initialDelayMs?: number
  maxDelayMs?: number
  /** No byte for this long (the server sends a heartbeat every 15 s) means a dead connection. */
  idleTimeoutMs?: number
}

export interface SyncStream {
  /** Skips the wait before the next attempt (the user pressed "retry", or the network came back). */
  reconnectNow(): void
  close(): void
}

/**
 * The one `GET /api/sync/stream` connection of this client, read with `fetch` so it can carry the
 * `Authorization` header, reconnected with exponential backoff until closed.
 */
export function openSyncStream(options: SyncStreamOptions): SyncStream {
  const initialDelay = options.initialDelayMs ?? 1000
  const maxDelay = options.maxDelayMs ?? 30_000
  const idleTimeout = options.idleTimeoutMs ?? 45_000
  let closed = false
  let connection: AbortController | null = null
  let wakeUp: () => void = () => {}

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms)
      wakeUp = () => {
        clearTimeout(timer)
        resolve()
      }
    })
  }

  async function connectOnce(): Promise<void> {
    const abort = new AbortController()
    connection = abort
    let idle: ReturnType<typeof setTimeout> | undefined
    const touch = () => {
      clearTimeout(idle)
      idle = setTimeout(() => abort.abort(new NetworkError('sync stream idle')), idleTimeout)
    }
    try {
      touch()
      const response = await options.api.request('/api/sync/stream', {
        headers: { Accept: 'text/event-stream' },
        signal: abort.signal,
      })
      if (!response.ok || !response.body) throw new ApiError(response.status, '', 'sync stream refused')
      options.onState('open')
      // The server ends streams too (restart, access token expiry): not an error, just reconnect.
      await readEventStream(response.body, options.onEvent, touch)
    } finally {
      clearTimeout(idle)
      connection = null
    }
  }

  async function run(): Promise<void> {
    let delay = initialDelay
    while (!closed) {
      options.onState('connecting')
      const startedAt = Date.now()
      try {
        await connectOnce()
        if (!closed) options.onState('closed')
      } catch (error) {
        if (closed) break
        options.onState('closed', error)
      }
      // A connection that lived a while was healthy: start the backoff over.
      if (Date.now() - startedAt > maxDelay) delay = initialDelay
      await sleep(delay)
      delay = Math.min(delay * 2, maxDelay)
    }
    options.onState('closed')
  }

  void run()
  return {
    reconnectNow: () => wakeUp(),
    close() {
      closed = true
      connection?.abort()
      wakeUp()
    },
  }
}
