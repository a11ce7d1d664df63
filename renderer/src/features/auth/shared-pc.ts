import type { SyncStatus } from '../../db/index.ts'

/** What a logout on a shared PC must not throw away with the replica. */
export interface UnsentWork {
  phase: SyncStatus['phase']
  /** Local changes the server has not acknowledged. */
  pending: number
  /** Files queued for upload, failed ones included. */
  files: number
  /** Edits that lost a conflict and wait for the user to re-apply or dismiss them. */
  lostEdits: number
}

/**
 * Whether a logout on a shared PC may remove the user's replica: only when the PC is in sync with the server — the
 * status says `synced` (stream open, nothing running, nothing pending; a change written a moment ago keeps the
 * upstream active, so it is never `synced` before its push is acknowledged) — and no file or lost edit waits.
 * Otherwise the replica stays, closed as on any logout, until the user logs in here again.
 */
export function mayRemoveReplicaAtLogout(work: UnsentWork): boolean {
  return work.phase === 'synced' && work.pending === 0 && work.files === 0 && work.lostEdits === 0
}
