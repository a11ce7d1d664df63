import { BehaviorSubject, ReplaySubject } from 'rxjs'
import type { ApiClient } from '../api-client.ts'
import { retryDelay } from './backoff.ts'
import type { BlobDatabase, QueuedUpload } from './blob-database.ts'

/** A blob the server refused (too large, hash mismatch …): kept on this PC, not retried until asked. */
export interface FailedUpload {
  sha256: string
  name: string
  size: number
  mime: string
  /** The server's error code (`too_large`, `hash_mismatch`) or `HTTP <status>`. */
  error: string
  failedAt: number
}

export interface UploadQueueOptions {
  database: BlobDatabase
  api: Pick<ApiClient, 'request'>
  clock: () => number
  /** Longest wait between two rounds while uploads are pending. */
  pollMs: number
}

export interface UploadQueue {
  /** The counts once read from the database, then every change. */
  readonly pending$: ReplaySubject<number>
  /** The hashes of those blobs, in the same way: a screen marks which of its files still wait. */
  readonly pendingHashes$: ReplaySubject<string[]>
  readonly failed$: ReplaySubject<FailedUpload[]>
  /**
   * Why the last round broke off (the PC's file store could not be read or written), null once a round ends well.
   * Refusals and network errors are not this: they are recorded on their upload.
   */
  readonly roundError$: BehaviorSubject<string | null>
  /**
   * Uploads what is due, one blob at a time in queue order; asked while a round runs, one more round follows
   * it (never two at once). `ignoreBackoff`: the network is back or the user asked, so try now.
   */
  run(ignoreBackoff: boolean): Promise<void>
  /** Re-reads the queue's counts (after something was queued). */
  refresh(): Promise<void>
  retry(sha256: string): Promise<void>
  dismiss(sha256: string): Promise<void>
  stop(): Promise<void>
}

type Attempt = { outcome: 'done' } | { outcome: 'retry' | 'failed'; error: string }

const DONE: Attempt = { outcome: 'done' }

/** Worth trying again later: the server is down or busy, or the session is being renewed. */
function isTransient(status: number): boolean {
  return status >= 500 || status === 401 || status === 408 || status === 429
}

async function refusal(response: Response): Promise<Attempt> {
  const body = (await response.json().catch(() => ({}))) as { error?: unknown }
  const error = typeof body.error === 'string' && body.error ? body.error : `HTTP ${response.status}`
  return { outcome: isTransient(response.status) ? 'retry' : 'failed', error }
}

function failedUploadOf(upload: QueuedUpload): FailedUpload {
  const { sha256, name, size, mime, lastError, failedAt } = upload
  return { sha256, name, size, mime, error: lastError ?? '', failedAt: failedAt ?? 0 }
}

export function createUploadQueue(options: UploadQueueOptions): UploadQueue {
  const { database, api, clock } = options
  const pending$ = new ReplaySubject<number>(1)
  const pendingHashes$ = new ReplaySubject<string[]>(1)
  const failed$ = new ReplaySubject<FailedUpload[]>(1)
  const roundError$ = new BehaviorSubject<string | null>(null)
  let stopped = false
  // Stopping (the session ends) drops an upload in flight: it stays queued for the next session.
  const stopping = new AbortController()
  const signal = stopping.signal
  let timer: ReturnType<typeof setTimeout> | undefined
  let tail: Promise<void> = Promise.resolve()
  let queued: Promise<void> | null = null
  let queuedIgnoresBackoff = false

  async function refresh(): Promise<void> {
    const uploads = await database.uploads.toArray()
    const waiting = uploads.filter((upload) => upload.failedAt === null)
    pending$.next(waiting.length)
    pendingHashes$.next(waiting.map((upload) => upload.sha256))
    failed$.next(
      uploads
        .filter((upload) => upload.failedAt !== null)
        .map(failedUploadOf)
        .sort((a, b) => a.failedAt - b.failedAt),
    )
  }

  function nextInLine(): Promise<QueuedUpload | undefined> {
    return database.uploads
      .orderBy('queuedAt')
      .filter((upload) => upload.failedAt === null)
      .first()
  }

  async function attempt(upload: QueuedUpload): Promise<Attempt> {
    const path = `/api/blobs/${upload.sha256}`
    try {
      // Not a HEAD: its 404 for a new blob would show as a failed request in the browser's console.
      const check = await api.request(`${path}/exists`, { signal })
      if (!check.ok) return refusal(check)
      if (((await check.json()) as { exists: boolean }).exists) return DONE
      const stored = await database.blobs.get(upload.sha256)
      if (!stored) return { outcome: 'failed', error: 'missing_local_copy' }
      const put = await api.request(path, {
        method: 'PUT',
        headers: { 'Content-Type': upload.mime },
        body: stored.bytes,
        signal,
      })
      return put.ok ? DONE : refusal(put)
    } catch (error) {
      return { outcome: 'retry', error: error instanceof Error ? error.message : String(error) }
    }
  }

  async function record(upload: QueuedUpload, result: Attempt): Promise<void> {
    if (result.outcome === 'done') return database.uploads.delete(upload.sha256)
    const attempts = upload.attempts + 1
    const now = clock()
    await database.uploads.update(upload.sha256, {
      attempts,
      lastError: result.error,
      nextAttemptAt: now + retryDelay(attempts),
      failedAt: result.outcome === 'failed' ? now : null,
    })
  }

  async function round(ignoreBackoff: boolean): Promise<void> {
    while (!stopped) {
      const upload = await nextInLine()
      if (!upload || (!ignoreBackoff && upload.nextAttemptAt > clock())) break
      const result = await attempt(upload)
      await record(upload, result)
      await refresh()
      if (result.outcome === 'retry') break
    }
  }

  /** The next round: when the first upload in line is due, and at least every `pollMs` while any waits. */
  async function schedule(): Promise<void> {
    clearTimeout(timer)
    const upload = stopped ? undefined : await nextInLine()
    if (!upload || stopped) return
    const wait = Math.min(Math.max(upload.nextAttemptAt - clock(), 1), options.pollMs)
    timer = setTimeout(() => void run(false), wait)
  }

  function failedRound(error: unknown): void {
    // A database closed by stop() (the session ended mid-round) only ends the round.
    if (stopped) return
    const message = error instanceof Error ? error.message : String(error)
    console.error(`upload queue: a round failed: ${message}`)
    roundError$.next(message)
    timer = setTimeout(() => void run(false), options.pollMs)
  }

  function run(ignoreBackoff: boolean): Promise<void> {
    queuedIgnoresBackoff ||= ignoreBackoff
    queued ??= tail.then(async () => {
      const force = queuedIgnoresBackoff
      queued = null
      queuedIgnoresBackoff = false
      await round(force)
        .then(schedule)
        .then(() => roundError$.next(null), failedRound)
    })
    tail = queued
    return queued
  }

  async function retry(sha256: string): Promise<void> {
    await database.uploads.update(sha256, { failedAt: null, nextAttemptAt: clock() })
    await refresh()
    void run(true)
  }

  async function dismiss(sha256: string): Promise<void> {
    await database.uploads.delete(sha256)
    await refresh()
  }

  async function stop(): Promise<void> {
    stopped = true
    clearTimeout(timer)
    stopping.abort()
    await tail
  }

  return { pending$, pendingHashes$, failed$, roundError$, run, refresh, retry, dismiss, stop }
}
