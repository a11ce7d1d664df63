import { describe, expect, it } from 'vitest'
import { mayRemoveReplicaAtLogout, type UnsentWork } from './shared-pc.ts'

const inSync: UnsentWork = { phase: 'synced', pending: 0, files: 0, lostEdits: 0 }

describe('removing the replica at logout on a shared PC', () => {
  it('removes it when the PC is in sync and nothing waits', () => {
    expect(mayRemoveReplicaAtLogout(inSync)).toBe(true)
  })

  it('keeps it while anything could be lost', () => {
    const kept: Partial<UnsentWork>[] = [
      { phase: 'syncing' },
      { phase: 'offline' },
      { phase: 'connecting' },
      { phase: 'error' },
      { pending: 1 },
      { files: 1 },
      { lostEdits: 1 },
    ]
    for (const change of kept)
      expect(mayRemoveReplicaAtLogout({ ...inSync, ...change }), JSON.stringify(change)).toBe(false)
  })
})
