import type { Chapter } from '../../../../domain/courses/chapter.ts'
import { childrenByParent, descendantIds, nextOrder } from '../../../../domain/courses/tree.ts'

/** What can be done to a chapter: the context menu and the toolbar offer the same commands. */
export type ChapterCommand =
  'addChild' | 'rename' | 'up' | 'down' | 'indent' | 'outdent' | 'publish' | 'unpublish' | 'delete'

export interface ChapterAction {
  command: ChapterCommand
  disabled: boolean
}

function siblingsOf(chapters: readonly Chapter[], chapter: Chapter): Chapter[] {
  return childrenByParent(chapters).get(chapter.parentId) ?? []
}

/**
 * The commands for `chapter` in menu order. Only what cannot be done at all is disabled (no sibling to move
 * past, a sub-chapter under a chapter with attachments); the rules of DESIGN §7.3 that need the whole course
 * (publishing, deleting) are checked when the command runs, and say why in words.
 */
export function chapterActions(chapters: readonly Chapter[], chapter: Chapter): ChapterAction[] {
  const siblings = siblingsOf(chapters, chapter)
  const index = siblings.findIndex((sibling) => sibling.id === chapter.id)
  const previous = siblings[index - 1]
  const action = (command: ChapterCommand, disabled = false): ChapterAction => ({ command, disabled })
  return [
    action('addChild', chapter.attachments.length > 0),
    action('rename'),
    action('up', index <= 0),
    action('down', index < 0 || index >= siblings.length - 1),
    action('indent', !previous || previous.attachments.length > 0),
    action('outdent', chapter.parentId === null),
    chapter.published ? action('unpublish') : action('publish'),
    action('delete'),
  ]
}

/** Siblings renumbered 1…n in the given order: only those whose order changes are returned. */
function renumbered(siblings: readonly Chapter[], parentId: string | null): Chapter[] {
  return siblings.flatMap((sibling, index) =>
    sibling.order === index + 1 && sibling.parentId === parentId
      ? []
      : [{ ...sibling, order: index + 1, parentId }],
  )
}

/** Moves a chapter one place up (-1) or down (+1) among its siblings; the chapters whose order changes. */
export function moveWrites(chapters: readonly Chapter[], id: string, offset: -1 | 1): Chapter[] {
  const chapter = chapters.find((c) => c.id === id)
  if (!chapter) return []
  const siblings = [...siblingsOf(chapters, chapter)]
  const index = siblings.findIndex((sibling) => sibling.id === id)
  const target = index + offset
  if (target < 0 || target >= siblings.length) return []
  siblings.splice(index, 1)
  siblings.splice(target, 0, chapter)
  return renumbered(siblings, chapter.parentId)
}

/** Makes a chapter the last sub-chapter of the sibling above it. */
export function indentWrites(chapters: readonly Chapter[], id: string): Chapter[] {
  const chapter = chapters.find((c) => c.id === id)
  if (!chapter) return []
  const siblings = siblingsOf(chapters, chapter)
  const previous = siblings[siblings.findIndex((sibling) => sibling.id === id) - 1]
  if (!previous) return []
  const children = childrenByParent(chapters).get(previous.id) ?? []
  return [{ ...chapter, parentId: previous.id, order: nextOrder(children) }]
}

/** Makes a chapter the sibling right after its parent. */
export function outdentWrites(chapters: readonly Chapter[], id: string): Chapter[] {
  const chapter = chapters.find((c) => c.id === id)
  const parent = chapter?.parentId ? chapters.find((c) => c.id === chapter.parentId) : undefined
  if (!chapter || !parent) return []
  const siblings = siblingsOf(chapters, parent).filter((sibling) => sibling.id !== chapter.id)
  siblings.splice(siblings.findIndex((sibling) => sibling.id === parent.id) + 1, 0, chapter)
  return renumbered(siblings, parent.parentId)
}

/** How deep each chapter sits (0 at the top), cycles tolerated. */
function depths(chapters: readonly Chapter[]): Map<string, number> {
  const byId = new Map(chapters.map((chapter) => [chapter.id, chapter]))
  const depth = new Map<string, number>()
  for (const chapter of chapters) {
    const seen = new Set<string>()
    let at = chapter
    while (at.parentId !== null && !seen.has(at.id)) {
      seen.add(at.id)
      const parent = byId.get(at.parentId)
      if (!parent) break
      at = parent
    }
    depth.set(chapter.id, seen.size)
  }
  return depth
}

/** `chapters` with parents before their sub-chapters (`downward`), or sub-chapters first. */
function byDepth(chapters: Chapter[], all: readonly Chapter[], downward: boolean): Chapter[] {
  const depth = depths(all)
  const sign = downward ? 1 : -1
  return chapters.sort((a, b) => sign * ((depth.get(a.id) ?? 0) - (depth.get(b.id) ?? 0)))
}

/**
 * Publishes or unpublishes a chapter with all its sub-chapters (CRS-2); only those that change. In the order they
 * are to be written, every state between two writes keeping the rules (the server may get them one by one):
 * parents are published before their sub-chapters, and unpublished after them.
 */
export function publishWrites(chapters: readonly Chapter[], id: string, published: boolean): Chapter[] {
  const ids = new Set([id, ...descendantIds(chapters, id)])
  const changed = chapters
    .filter((chapter) => ids.has(chapter.id) && chapter.published !== published)
    .map((chapter) => ({ ...chapter, published }))
  return byDepth(changed, chapters, published)
}

/** A chapter and all its sub-chapters, deepest first: what deleting it deletes, in the order to delete. */
export function deletedWith(chapters: readonly Chapter[], id: string): Chapter[] {
  const ids = new Set([id, ...descendantIds(chapters, id)])
  return byDepth(
    chapters.filter((chapter) => ids.has(chapter.id)),
    chapters,
    false,
  )
}

/**
 * Drag and drop: puts the dragged chapter right before `targetId`, among the target's siblings (under the target's
 * parent). Nothing when dropped on itself or on one of its own sub-chapters.
 */
export function dropWrites(chapters: readonly Chapter[], draggedId: string, targetId: string): Chapter[] {
  const dragged = chapters.find((c) => c.id === draggedId)
  const target = chapters.find((c) => c.id === targetId)
  if (!dragged || !target || draggedId === targetId) return []
  if (descendantIds(chapters, draggedId).includes(targetId)) return []
  const siblings = siblingsOf(chapters, target).filter((sibling) => sibling.id !== draggedId)
  siblings.splice(
    siblings.findIndex((sibling) => sibling.id === targetId),
    0,
    dragged,
  )
  return renumbered(siblings, target.parentId)
}
