import { isNetworkError, isSessionExpired } from './api-client.ts'
import type { StreamState } from './sync-stream.ts'

/**
 * - `offline`: the browser says so, or the server cannot be reached (network errors, stream down)
 * - `connecting`: online, no problem, the change stream is not open yet
 * - `syncing`: pulling or pushing, local changes not yet acknowledged, or the first sync not done yet
 * - `synced`: stream open, nothing running, nothing pending, no error
 * - `error`: the server answered with an error (or the session expired); `lastError` says which
 */
export type SyncPhase = 'offline' | 'connecting' | 'syncing' | 'synced' | 'error'

export interface SyncProblem {
  message: string
  /** The server could not be reached: shown as offline, not as an error. */
  network: boolean
  /** The refresh token was refused: the user must log in again. */
  sessionExpired: boolean
  at: number
}

export interface CollectionSyncState {
  active: boolean
  /** Local changes not yet acknowledged by the server (see `scanUpstream` in `pending.ts`). */
  pending: number
  /** The last pull/push failure, cleared by the next success. */
  error: SyncProblem | null
}

export interface SyncInputs {
  browserOnline: boolean
  stream: StreamState
  streamError: SyncProblem | null
  collections: CollectionSyncState[]
  lastSyncedAt: number | null
  /** Documents received from the server since the engine started (progress of the first sync). */
  pulled: number
  initialSyncDone: boolean
  /** Stream events that were not JSON since the engine started: dropped, and every collection pulled again. */
  malformedEvents: number
}

export interface SyncStatus {
  phase: SyncPhase
  online: boolean
  active: boolean
  pending: number
  lastSyncedAt: number | null
  lastError: SyncProblem | null
  pulled: number
  initialSyncDone: boolean
  malformedEvents: number
}

export function problemOf(error: unknown, at: number): SyncProblem {
  return {
    message: error instanceof Error ? error.message : String(error),
    network: isNetworkError(error),
    sessionExpired: isSessionExpired(error),
    at,
  }
}

function latest(problems: SyncProblem[]): SyncProblem | null {
  return problems.reduce<SyncProblem | null>((last, p) => (!last || p.at >= last.at ? p : last), null)
}

function phaseOf(input: SyncInputs, problems: SyncProblem[], active: boolean, pending: number): SyncPhase {
  const streamDown = input.stream !== 'open'
  if (!input.browserOnline || (streamDown && problems.some((p) => p.network))) return 'offline'
  if (problems.some((p) => !p.network)) return 'error'
  if (active || pending > 0 || !input.initialSyncDone) return 'syncing'
  return streamDown ? 'connecting' : 'synced'
}

/** The one status the UI shows, from the engine's raw inputs. Pure. */
export function computeSyncStatus(input: SyncInputs): SyncStatus {
  const streamProblem = input.stream === 'open' ? null : input.streamError
  const problems = [streamProblem, ...input.collections.map((c) => c.error)].filter(
    (p): p is SyncProblem => p !== null,
  )
  const active = input.collections.some((c) => c.active)
  const pending = input.collections.reduce((sum, c) => sum + c.pending, 0)
  const phase = phaseOf(input, problems, active, pending)
  return {
    phase,
    online: phase !== 'offline',
    active,
    pending,
    lastSyncedAt: input.lastSyncedAt,
    lastError: latest(problems.filter((p) => !p.network)) ?? latest(problems),
    pulled: input.pulled,
    initialSyncDone: input.initialSyncDone,
    malformedEvents: input.malformedEvents,
  }
}
