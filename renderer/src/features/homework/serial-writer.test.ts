import { describe, expect, it } from 'vitest'
import { createSerialWriter } from './serial-writer.ts'

/** A store whose writes take a while to show in its live state, as a replica's list does. */
function slowStore(initial: number[]) {
  const store = { live: initial, stored: initial }
  const patch = async (next: number[]) => {
    await new Promise((resolve) => setTimeout(resolve, 5))
    store.stored = next
    setTimeout(() => (store.live = next), 5)
    return next
  }
  return { store, patch }
}

describe('serial writer', () => {
  it('applies quick successive changes each to the result of the one before', async () => {
    const { store, patch } = slowStore([])
    const enqueue = createSerialWriter(() => store.live)
    const results = await Promise.all([
      enqueue((base) => patch([...base, 1])),
      enqueue((base) => patch([...base, 2])),
      enqueue((base) => patch([...base, 3])),
    ])
    expect(results).toEqual([true, true, true])
    expect(store.stored).toEqual([1, 2, 3])
  })

  it('goes on from the last good state after a failed write, and from the live state once idle', async () => {
    const { store, patch } = slowStore([0])
    const enqueue = createSerialWriter(() => store.live)
    const failed = enqueue(async () => undefined)
    const next = enqueue((base) => patch([...base, 1]))
    expect(await failed).toBe(false)
    expect(await next).toBe(true)
    expect(store.stored).toEqual([0, 1])
    store.live = [7]
    await enqueue((base) => patch([...base, 8]))
    expect(store.stored).toEqual([7, 8])
  })

  it('writes nothing without a document', async () => {
    const enqueue = createSerialWriter<number[]>(() => null)
    expect(await enqueue(async () => [1])).toBe(false)
  })
})
