import { describe, expect, it } from 'vitest'
import { ViewCounter } from './views.ts'

describe('ViewCounter', () => {
  it('saves the views counted since the last flush, per school, and keeps them when saving fails', async () => {
    const saved: [string, Record<string, number>][] = []
    let failing = true
    const counter = new ViewCounter(async (schoolId, counts) => {
      if (failing) throw new Error('store down')
      saved.push([schoolId, Object.fromEntries(counts)])
    })
    counter.count('demo', 'a1')
    counter.count('demo', 'a1')
    counter.count('demo2', 'x')
    await expect(counter.flush('demo')).rejects.toThrow('store down')
    counter.count('demo', 'a1')
    expect(Object.fromEntries(counter.pending('demo'))).toEqual({ a1: 3 })
    failing = false
    await counter.flush()
    expect(Object.fromEntries(saved)).toEqual({ demo: { a1: 3 }, demo2: { x: 1 } })
    expect(counter.pending('demo').size).toBe(0)
    await counter.flush()
    expect(saved).toHaveLength(2)
  })
})
