import { describe, expect, it } from 'vitest'
import { chapter, PDF } from '../../../../domain/courses/testing.ts'
import {
  chapterActions,
  deletedWith,
  dropWrites,
  indentWrites,
  moveWrites,
  outdentWrites,
  publishWrites,
} from './chapter-commands.ts'

// 1 (1.1, 1.2 with a file), 2, 3
const tree = () => [
  chapter('1', { order: 1 }),
  chapter('1.1', { parentId: '1', order: 1 }),
  chapter('1.2', { parentId: '1', order: 2, attachments: [PDF] }),
  chapter('2', { order: 2 }),
  chapter('3', { order: 3 }),
]
const changed = (writes: { id: string; parentId: string | null; order: number }[]) =>
  writes.map(({ id, parentId, order }) => [id, parentId, order])

describe('chapter commands', () => {
  it('disables what cannot be done at all', () => {
    const states = (id: string) =>
      Object.fromEntries(
        chapterActions(tree(), tree().find((c) => c.id === id) ?? chapter(id)).map((a) => [
          a.command,
          a.disabled,
        ]),
      )
    expect(states('1')).toMatchObject({ up: true, down: false, indent: true, outdent: true, addChild: false })
    // 1.2 has a file: no sub-chapter under it; 1.1 above it has none, so 1.2 may go under 1.1.
    expect(states('1.2')).toMatchObject({ addChild: true, down: true, indent: false, outdent: false })
    expect(states('3')).toMatchObject({ down: true, up: false, publish: false })
    expect(chapterActions(tree(), chapter('x', { published: true })).map((a) => a.command)).toContain(
      'unpublish',
    )
  })

  it('moves among siblings by renumbering only what changes', () => {
    expect(changed(moveWrites(tree(), '3', -1))).toEqual([
      ['3', null, 2],
      ['2', null, 3],
    ])
    expect(moveWrites(tree(), '1', -1)).toEqual([])
  })

  it('indents under the chapter above and outdents after the parent', () => {
    expect(changed(indentWrites(tree(), '2'))).toEqual([['2', '1', 3]])
    expect(changed(outdentWrites(tree(), '1.1'))).toEqual([
      ['1.1', null, 2],
      ['2', null, 3],
      ['3', null, 4],
    ])
  })

  it('drops a chapter before the target, never into its own sub-chapters', () => {
    expect(changed(dropWrites(tree(), '3', '1.2'))).toEqual([
      ['3', '1', 2],
      ['1.2', '1', 3],
    ])
    expect(dropWrites(tree(), '1', '1.1')).toEqual([])
    expect(dropWrites(tree(), '1', '1')).toEqual([])
  })

  it('publishes and deletes a chapter with all its sub-chapters', () => {
    expect(publishWrites(tree(), '1', true).map((c) => [c.id, c.published])).toEqual([
      ['1', true],
      ['1.1', true],
      ['1.2', true],
    ])
    // Unpublishing and deleting go from the deepest chapters up: every state in between keeps the rules.
    const published = tree().map((c) => ({ ...c, published: c.id !== '1.1' }))
    expect(publishWrites(published, '1', false).map((c) => c.id)).toEqual(['1.2', '1'])
    expect(deletedWith(tree(), '1').map((c) => c.id)).toEqual(['1.1', '1.2', '1'])
    const shuffled = [...tree()].reverse()
    expect(publishWrites(shuffled, '1', true).map((c) => c.id)).toEqual(['1', '1.2', '1.1'])
  })
})
