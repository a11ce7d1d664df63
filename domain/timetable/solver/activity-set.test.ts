import { describe, expect, it } from 'vitest'
import { ActivitySet } from './activity-set.ts'

describe('ActivitySet', () => {
  it('holds each activity once, in the order added, like a Set', () => {
    const set = new ActivitySet(10).add(4).add(1).add(4).add(7)
    expect([...set]).toEqual([4, 1, 7])
    expect([set.size, set.has(1), set.has(2), set.at(2)]).toEqual([3, true, false, 7])
  })

  it('keeps the order of the others when one is taken out, and adds it again at the end', () => {
    const set = new ActivitySet(10).add(4).add(1).add(7)
    expect([set.delete(4), set.delete(4)]).toEqual([true, false])
    expect([...set.add(4)]).toEqual([1, 7, 4])
  })

  it('is empty after clear, and fills again', () => {
    const set = new ActivitySet(10).add(3).add(5)
    set.clear()
    expect([set.size, set.has(3), [...set]]).toEqual([0, false, []])
    expect([...set.add(5).add(3)]).toEqual([5, 3])
  })
})
