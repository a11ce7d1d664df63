import { describe, expect, it } from 'vitest'
import type { SyncStatus } from './sync-status.ts'
import { ApiError, NetworkError } from './api-client.ts'
import { createSyncState, type LastSyncedStore } from './sync-state.ts'

/** A last-synced store in memory; `loaded` is what a previous run left. */
function memoryStore(loaded?: number): LastSyncedStore & { saved: number[] } {
  const saved: number[] = []
  return { saved, load: () => Promise.resolve(loaded), save: (at) => Promise.resolve(void saved.push(at)) }
}

function newState(store = memoryStore(), now = { time: 1000 }) {
  const state = createSyncState({ names: ['catalog', 'org'], lastSynced: store, clock: () => now.time })
  const seen: SyncStatus[] = []
  state.status$.subscribe((status) => seen.push(status))
  return { state, store, now, seen }
}

/** Everything a healthy engine reports once connected and idle. */
function bringToSynced(state: ReturnType<typeof newState>['state']): void {
  state.streamChanged('open')
  state.initialSyncDone()
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('sync state', () => {
  it('starts syncing, then is synced once the stream is open and the first sync is done', () => {
    const { state } = newState()
    expect(state.status()).toMatchObject({ phase: 'syncing', initialSyncDone: false, lastSyncedAt: null })
    state.streamChanged('open')
    expect(state.status().phase).toBe('syncing')
    state.initialSyncDone()
    expect(state.status()).toMatchObject({ phase: 'synced', initialSyncDone: true })
  })

  it('stamps and saves the time each time everything is in sync again', () => {
    const { state, store, now } = newState()
    bringToSynced(state)
    expect(state.status().lastSyncedAt).toBe(1000)
    now.time = 5000
    state.collectionChanged('org', { pending: 2 })
    expect(state.status()).toMatchObject({ phase: 'syncing', pending: 2, lastSyncedAt: 1000 })
    state.collectionChanged('org', { pending: 0 })
    expect(state.status()).toMatchObject({ phase: 'synced', lastSyncedAt: 5000 })
    expect(store.saved).toEqual([1000, 5000])
  })

  it('is synced again when it gets back in sync within the same millisecond', () => {
    const { state, store } = newState()
    bringToSynced(state)
    state.collectionChanged('org', { pending: 1 })
    expect(state.status().phase).toBe('syncing')
    state.collectionChanged('org', { pending: 0 })
    expect(state.status()).toMatchObject({ phase: 'synced', pending: 0, lastSyncedAt: 1000 })
    expect(store.saved).toEqual([1000, 1000])
  })

  it('never shows synced without its time', () => {
    const { state, seen } = newState()
    bringToSynced(state)
    expect(seen.filter((s) => s.phase === 'synced').map((s) => s.lastSyncedAt)).toEqual([1000])
  })

  it('shows the time a previous run saved until it syncs itself', async () => {
    const { state } = newState(memoryStore(300))
    await settle()
    expect(state.status().lastSyncedAt).toBe(300)
    bringToSynced(state)
    expect(state.status().lastSyncedAt).toBe(1000)
  })

  it('keeps its own time when the saved one arrives late', async () => {
    const { state } = newState(memoryStore(300))
    bringToSynced(state)
    await settle()
    expect(state.status().lastSyncedAt).toBe(1000)
  })

  it('adds up the pending changes and running state of every collection', () => {
    const { state } = newState()
    bringToSynced(state)
    state.collectionChanged('catalog', { pending: 1, active: true })
    state.collectionChanged('org', { pending: 4 })
    expect(state.status()).toMatchObject({ phase: 'syncing', pending: 5, active: true })
    expect(state.collection('catalog')).toEqual({ pending: 1, active: true, error: null })
  })

  it('records a failing handler as the collection error and clears it on the next success', async () => {
    const { state, now } = newState()
    bringToSynced(state)
    let fail = true
    const handler = state.tracked('org', async (n: number) => {
      if (fail) throw new ApiError(500, 'internal', 'database locked')
      return n * 2
    })
    now.time = 2000
    await expect(handler(1)).rejects.toThrow('database locked')
    expect(state.collection('org').error).toMatchObject({
      message: 'database locked',
      network: false,
      at: 2000,
    })
    expect(state.status()).toMatchObject({ phase: 'error', lastError: { message: 'database locked' } })
    fail = false
    now.time = 2500
    await expect(handler(21)).resolves.toBe(42)
    expect(state.collection('org').error).toBeNull()
    expect(state.status().phase).toBe('synced')
  })

  it('is offline when the stream closes on a network error, and forgets that error once open again', () => {
    const { state, now } = newState()
    bringToSynced(state)
    state.streamChanged('closed', new NetworkError('fetch failed'))
    expect(state.status()).toMatchObject({ phase: 'offline', online: false })
    state.streamChanged('connecting')
    expect(state.status().phase).toBe('offline')
    now.time = 3000
    state.streamChanged('open')
    expect(state.status()).toMatchObject({ phase: 'synced', lastError: null, lastSyncedAt: 3000 })
  })

  it('is offline whenever the browser says so', () => {
    const { state, now } = newState()
    bringToSynced(state)
    state.browserOnlineChanged(false)
    expect(state.status().phase).toBe('offline')
    now.time = 4000
    state.browserOnlineChanged(true)
    expect(state.status()).toMatchObject({ phase: 'synced', lastSyncedAt: 4000 })
  })

  it('counts pulled documents and malformed stream events', () => {
    const { state } = newState()
    state.pulled([{}, {}, {}])
    state.pulled([])
    state.pulled([{}])
    state.malformedEvent()
    expect(state.status()).toMatchObject({ pulled: 4, malformedEvents: 1 })
  })

  it('emits nothing after stop', () => {
    const { state, seen } = newState()
    state.stop()
    const before = seen.length
    bringToSynced(state)
    expect(seen).toHaveLength(before)
  })
})
