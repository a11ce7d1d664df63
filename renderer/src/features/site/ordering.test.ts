import { describe, expect, it } from 'vitest'
import { inOrder, moveItem, nextOrder, orderChanges } from './ordering.ts'

const items = [
  { id: 'c', order: 3 },
  { id: 'a', order: 1 },
  { id: 'b', order: 2 },
]

describe('ordering', () => {
  it('sorts by order, then by id', () => {
    expect(inOrder(items).map((item) => item.id)).toEqual(['a', 'b', 'c'])
    expect(
      inOrder([
        { id: 'y', order: 1 },
        { id: 'x', order: 1 },
      ]).map((item) => item.id),
    ).toEqual(['x', 'y'])
  })

  it('moves an item down and up, leaving the list it was given alone', () => {
    const list = ['a', 'b', 'c', 'd']
    expect(moveItem(list, 0, 2)).toEqual(['b', 'c', 'a', 'd'])
    expect(moveItem(list, 3, 0)).toEqual(['d', 'a', 'b', 'c'])
    expect(moveItem(list, 1, 1)).toEqual(list)
    expect(list).toEqual(['a', 'b', 'c', 'd'])
  })

  it('ignores a move from or to outside the list', () => {
    expect(moveItem(['a', 'b'], 2, 0)).toEqual(['a', 'b'])
    expect(moveItem(['a', 'b'], 0, -1)).toEqual(['a', 'b'])
  })

  it('writes only the orders that change', () => {
    expect(orderChanges(items, ['a', 'c', 'b'])).toEqual([
      { id: 'c', order: 2 },
      { id: 'b', order: 3 },
    ])
    expect(orderChanges(items, ['a', 'b', 'c'])).toEqual([])
  })

  it('numbers from 1 even when the stored orders had gaps, and skips unknown ids', () => {
    const sparse = [
      { id: 'a', order: 10 },
      { id: 'b', order: 20 },
    ]
    expect(orderChanges(sparse, ['b', 'gone', 'a'])).toEqual([
      { id: 'b', order: 1 },
      { id: 'a', order: 3 },
    ])
  })

  it('puts a new document last', () => {
    expect(nextOrder(items)).toBe(4)
    expect(nextOrder([])).toBe(1)
  })
})
