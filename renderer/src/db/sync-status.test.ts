import { describe, expect, it } from 'vitest'
import { ApiError, NetworkError } from './api-client.ts'
import { computeSyncStatus, problemOf, type CollectionSyncState, type SyncInputs } from './sync-status.ts'

const idle: CollectionSyncState = { active: false, pending: 0, error: null }

function inputs(change: Partial<SyncInputs> = {}): SyncInputs {
  return {
    browserOnline: true,
    stream: 'open',
    streamError: null,
    collections: [idle, idle],
    lastSyncedAt: 1000,
    pulled: 0,
    initialSyncDone: true,
    malformedEvents: 0,
    ...change,
  }
}

const networkDown = problemOf(new NetworkError('fetch failed'), 10)
const serverError = problemOf(new ApiError(500, 'internal', 'database locked'), 20)
const expired = problemOf(new ApiError(401, 'session_expired', 'log in again'), 30)

describe('computeSyncStatus', () => {
  it('is synced when the stream is open and nothing runs, waits or fails', () => {
    expect(computeSyncStatus(inputs())).toMatchObject({ phase: 'synced', online: true, pending: 0 })
  })

  it('adds up pending changes of every collection and shows them as syncing', () => {
    const status = computeSyncStatus(
      inputs({
        collections: [
          { ...idle, pending: 2 },
          { ...idle, pending: 3 },
        ],
      }),
    )
    expect(status).toMatchObject({ phase: 'syncing', pending: 5 })
  })

  it('is syncing while a replication is active', () => {
    expect(computeSyncStatus(inputs({ collections: [{ ...idle, active: true }, idle] })).phase).toBe(
      'syncing',
    )
  })

  it('is offline when the browser says so, whatever else', () => {
    const status = computeSyncStatus(inputs({ browserOnline: false, collections: [{ ...idle, pending: 1 }] }))
    expect(status).toMatchObject({ phase: 'offline', online: false, pending: 1 })
  })

  it('is offline when the server cannot be reached and the stream is down', () => {
    const status = computeSyncStatus(inputs({ stream: 'closed', streamError: networkDown }))
    expect(status).toMatchObject({ phase: 'offline', lastError: networkDown })
  })

  it('ignores a stale stream error once the stream is open again', () => {
    expect(computeSyncStatus(inputs({ stream: 'open', streamError: networkDown })).phase).toBe('synced')
  })

  it('reports a server error over a network error, with the error to show', () => {
    const status = computeSyncStatus(
      inputs({
        collections: [
          { ...idle, error: serverError },
          { ...idle, error: networkDown },
        ],
      }),
    )
    expect(status).toMatchObject({ phase: 'error', online: true, lastError: serverError })
  })

  it('flags an expired session', () => {
    const status = computeSyncStatus(inputs({ collections: [{ ...idle, error: expired }, idle] }))
    expect(status.lastError).toMatchObject({ sessionExpired: true, network: false })
  })

  it('is syncing until the first sync of every collection is done', () => {
    expect(computeSyncStatus(inputs({ initialSyncDone: false })).phase).toBe('syncing')
  })

  it('is connecting until the stream opens', () => {
    expect(computeSyncStatus(inputs({ stream: 'connecting' })).phase).toBe('connecting')
  })

  it('passes the first-sync progress and last sync time through', () => {
    const status = computeSyncStatus(inputs({ pulled: 1234, initialSyncDone: false, lastSyncedAt: 77 }))
    expect(status).toMatchObject({ phase: 'syncing', pulled: 1234, initialSyncDone: false, lastSyncedAt: 77 })
  })
})
