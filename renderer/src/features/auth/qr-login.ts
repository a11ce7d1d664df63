import type { QrPollAnswer, QrState, QrTicket, SessionTokens } from '../../../../domain/auth/auth-wire.ts'
import { ApiError, createQrTicket, isNetworkError, pollQrTicket, type FetchLike } from '../../db/index.ts'

/**
 * What the QR side of the login page shows:
 * - `loading`: the first code is on its way;
 * - `pending`: the code waits for a phone;
 * - `expired`: the previous code expired and this is a fresh one (`scanUrl` null while it comes);
 * - `scanned`: `scannedBy` scanned it and has to confirm on the phone;
 * - `confirmed`: the phone confirmed, the desktop is logging in;
 * - `rejected`: the phone said no (a new code on request);
 * - `failed`: the server cannot do QR logins, or logging in with the handed tokens failed (`error`).
 */
export type QrLoginState = 'loading' | 'pending' | 'expired' | 'scanned' | 'confirmed' | 'rejected' | 'failed'

export interface QrLoginView {
  state: QrLoginState
  /** The address the code encodes; null while no code is shown. */
  scanUrl: string | null
  /** When the shown code dies, on this PC's clock (epoch ms). */
  expiresAt: number | null
  scannedBy: string | null
  /** The last request could not reach the server (or the server failed): retrying with backoff. */
  retrying: boolean
  error: unknown
}

export interface QrLoginOptions {
  serverUrl: string
  deviceName: string
  fetch: FetchLike
  onChange(view: QrLoginView): void
  /** Logs in with the tokens the phone handed over, exactly as a password login does. */
  onConfirmed(result: SessionTokens): Promise<void>
}

export interface QrLoginController {
  /** Drops the current code and asks for a new one (after `rejected` or `failed`). */
  restart(): void
  /** Stops polling and timers for good (the page is left). */
  stop(): void
}

export const RETRY_MIN_MS = 1000
export const RETRY_MAX_MS = 30_000
/** DESIGN §6 ticket lifetime: used when the server's `expiresAt` makes no sense on this PC's clock. */
const DEFAULT_TTL_MS = 120_000
const MAX_TTL_MS = 600_000
/** Never ask for tickets faster than this, even when the server declares each one expired at once. */
export const MIN_TICKET_INTERVAL_MS = 1000

export const INITIAL_QR_VIEW: QrLoginView = {
  state: 'loading',
  scanUrl: null,
  expiresAt: null,
  scannedBy: null,
  retrying: false,
  error: null,
}

/** Worth retrying: the server is unreachable, overloaded or failing; anything else will not change. */
function isTransient(error: unknown): boolean {
  return isNetworkError(error) || (error instanceof ApiError && (error.status >= 500 || error.status === 429))
}

/** The server no longer knows the ticket (restarted) or it is not ours any more: time for a fresh one. */
function isDeadTicket(error: unknown): boolean {
  return error instanceof ApiError && [401, 403, 404, 410].includes(error.status)
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}

/** The server's `expiresAt` on this PC's clock; a clock far off falls back to the designed lifetime. */
function localExpiry(serverExpiresAt: number): number {
  const ttl = serverExpiresAt - Date.now()
  return Date.now() + (ttl > 0 && ttl <= MAX_TTL_MS ? ttl : DEFAULT_TTL_MS)
}

/**
 * The desktop side of QR login (DESIGN §6): create a ticket, long-poll it with `after=` the last state seen,
 * follow scanned → confirmed | rejected, and replace an expired or unknown ticket with a fresh one by itself.
 * Network and server errors are retried with backoff (1 s → 30 s). Framework-free: `onChange` gets each view.
 */
export function startQrLogin(options: QrLoginOptions): QrLoginController {
  let current = new AbortController()

  function run(signal: AbortSignal): void {
    let view = INITIAL_QR_VIEW
    const update = (patch: Partial<QrLoginView>) => {
      if (signal.aborted) return
      view = { ...view, ...patch }
      options.onChange(view)
    }

    async function retrying<T>(until: AbortSignal, attempt: () => Promise<T>): Promise<T> {
      for (let delay = RETRY_MIN_MS; ; delay = Math.min(delay * 2, RETRY_MAX_MS)) {
        try {
          const result = await attempt()
          if (view.retrying) update({ retrying: false })
          return result
        } catch (error) {
          if (until.aborted || !isTransient(error)) throw error
          update({ retrying: true })
          await sleep(delay, until)
        }
      }
    }

    /** One long poll, given up when the code expires; null: the ticket is gone, a fresh one is needed. */
    async function poll(ticket: QrTicket, after: QrState, expiresAt: number) {
      const deadline = new AbortController()
      const timer = setTimeout(() => deadline.abort(), expiresAt - Date.now())
      const abort = () => deadline.abort()
      signal.addEventListener('abort', abort)
      try {
        const { serverUrl, fetch } = options
        return await retrying(deadline.signal, () =>
          pollQrTicket(serverUrl, ticket, after, fetch, deadline.signal),
        )
      } catch (error) {
        if (signal.aborted) throw error
        if (deadline.signal.aborted || isDeadTicket(error)) return null
        throw error
      } finally {
        clearTimeout(timer)
        signal.removeEventListener('abort', abort)
      }
    }

    async function confirm(status: QrPollAnswer): Promise<void> {
      update({ state: 'confirmed' })
      try {
        if (!status.tokens) throw new Error('the server confirmed without handing over a session')
        await options.onConfirmed(status.tokens)
      } catch (error) {
        update({ state: 'failed', error })
      }
    }

    /** Shows one code until it is used ('done') or dies ('expired'). */
    async function showTicket(renewal: boolean): Promise<'done' | 'expired'> {
      const requestedAt = Date.now()
      const waiting = renewal ? 'expired' : 'pending'
      update({ state: renewal ? 'expired' : 'loading', scanUrl: null, expiresAt: null, scannedBy: null })
      const { serverUrl, deviceName, fetch } = options
      const ticket = await retrying(signal, () => createQrTicket(serverUrl, deviceName, fetch))
      const expiresAt = localExpiry(ticket.expiresAt)
      update({ state: waiting, scanUrl: ticket.scanUrl, expiresAt })
      let after: QrState = 'pending'
      while (Date.now() < expiresAt) {
        const status = await poll(ticket, after, expiresAt)
        if (!status || status.state === 'expired') break
        if (status.state === after) continue
        after = status.state
        if (status.state === 'confirmed') {
          await confirm(status)
          return 'done'
        }
        if (status.state === 'rejected') {
          update({ state: 'rejected' })
          return 'done'
        }
        if (status.state === 'scanned')
          update({ state: 'scanned', scannedBy: status.scannedBy?.name ?? null })
        else update({ state: waiting, scannedBy: null })
      }
      await sleep(Math.max(0, requestedAt + MIN_TICKET_INTERVAL_MS - Date.now()), signal)
      return 'expired'
    }

    void (async () => {
      let renewal = false
      while ((await showTicket(renewal)) === 'expired') renewal = true
    })().catch((error: unknown) => update({ state: 'failed', error, retrying: false }))
  }

  function restart(): void {
    current.abort()
    current = new AbortController()
    run(current.signal)
  }

  restart()
  return { restart, stop: () => current.abort() }
}

const PLATFORM_NAMES: Record<string, string> = {
  win32: 'Windows',
  darwin: 'macOS',
  linux: 'Linux',
  web: 'Web',
}

/** How the phone names this PC: the computer's name when the shell knows it, else its system. */
export function deviceName(info: { name: string; platform: string; hostName?: string | null }): string {
  return `${info.name} · ${info.hostName || (PLATFORM_NAMES[info.platform] ?? info.platform)}`
}
