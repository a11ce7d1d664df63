import { describe, expect, it } from 'vitest'
import { buildChapterTree, descendantIds, flattenTree, nextOrder } from './tree.ts'
import { chapter } from './testing.ts'

describe('buildChapterTree', () => {
  const chapters = [
    chapter('2', { order: 2 }),
    chapter('1.2', { parentId: '1', order: 2 }),
    chapter('1', { order: 1 }),
    chapter('1.1', { parentId: '1', order: 1 }),
    chapter('1.1.1', { parentId: '1.1', order: 5 }),
  ]

  it('nests flat chapters by parent and orders siblings by order', () => {
    const { roots, orphans } = buildChapterTree(chapters)
    expect(orphans).toEqual([])
    expect(roots.map((n) => n.chapter.id)).toEqual(['1', '2'])
    expect(roots[0]?.children.map((n) => n.chapter.id)).toEqual(['1.1', '1.2'])
    expect(flattenTree(roots).map((n) => [n.chapter.id, n.depth])).toEqual([
      ['1', 0],
      ['1.1', 1],
      ['1.1.1', 2],
      ['1.2', 1],
      ['2', 0],
    ])
  })

  it('breaks ties of order by id, the same on every replica', () => {
    const { roots } = buildChapterTree([chapter('b', { order: 1 }), chapter('a', { order: 1 })])
    expect(roots.map((n) => n.chapter.id)).toEqual(['a', 'b'])
  })

  it('keeps chapters whose parent is missing or that form a cycle apart, never dropping them', () => {
    const { roots, orphans } = buildChapterTree([
      chapter('1'),
      chapter('x', { parentId: 'gone' }),
      chapter('p', { parentId: 'q' }),
      chapter('q', { parentId: 'p' }),
    ])
    expect(roots.map((n) => n.chapter.id)).toEqual(['1'])
    expect(orphans.map((c) => c.id)).toEqual(['p', 'q', 'x'])
  })

  it('finds descendants and the next order', () => {
    expect(descendantIds(chapters, '1').sort()).toEqual(['1.1', '1.1.1', '1.2'])
    expect(descendantIds(chapters, '2')).toEqual([])
    expect(nextOrder(chapters.filter((c) => c.parentId === '1'))).toBe(3)
    expect(nextOrder([])).toBe(1)
  })
})
