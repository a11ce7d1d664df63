import { describe, expect, it } from 'vitest'
import { shuffled } from './preview-order.ts'

const letters = ['a', 'b', 'c', 'd', 'e']

describe('shuffled', () => {
  it('gives the same order for the same seed', () => {
    expect(shuffled(letters, 'q1')).toEqual(shuffled(letters, 'q1'))
  })

  it('keeps every item once', () => {
    expect([...shuffled(letters, 'q1')].sort()).toEqual(letters)
  })

  it('never gives the original order (it would show the answer of an ordering question)', () => {
    for (let seed = 0; seed < 500; seed++) {
      expect(shuffled(['x', 'y'], `q${seed}`)).toEqual(['y', 'x'])
      expect(shuffled(letters, `q${seed}`)).not.toEqual(letters)
    }
  })

  it('orders differently for different seeds', () => {
    const orders = new Set(Array.from({ length: 20 }, (_, i) => shuffled(letters, `q${i}`).join('')))
    expect(orders.size).toBeGreaterThan(5)
  })

  it('leaves empty and single lists alone', () => {
    expect(shuffled([], 'q')).toEqual([])
    expect(shuffled(['only'], 'q')).toEqual(['only'])
  })
})
