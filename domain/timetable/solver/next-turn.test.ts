import { afterEach, describe, expect, it, vi } from 'vitest'
import { nextTurn } from './next-turn.ts'

describe.each([
  ['with setImmediate (Node)', () => {}],
  ['without setImmediate (a browser worker)', () => vi.stubGlobal('setImmediate', undefined)],
])('nextTurn %s', (_, environment) => {
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  it('resumes without waiting for a timer (setTimeout stopped here)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] })
    environment()
    const later = new Promise<string>((resolve) => setInterval(() => resolve('timed out'), 200).unref())
    await expect(Promise.race([nextTurn().then(() => 'resumed'), later])).resolves.toBe('resumed')
  })

  it('lets a timer that is due run between turns (an abort by time limit)', async () => {
    environment()
    let fired = false
    setTimeout(() => (fired = true), 0)
    for (let turn = 0; turn < 1_000 && !fired; turn++) await nextTurn()
    expect(fired).toBe(true)
  })
})
