import type { Chapter } from '../../../../domain/courses/chapter.ts'
import { buildChapterTree, flattenTree } from '../../../../domain/courses/tree.ts'

/** A line of the viewer's chapter list. `readable`: a chapter without sub-chapters, the one that holds files. */
export interface ReadingLine<C extends Chapter = Chapter> {
  chapter: C
  depth: number
  readable: boolean
}

/** The chapters in reading order (parents before their children); orphans last, at the top level. */
export function readingLines<C extends Chapter>(chapters: readonly C[]): ReadingLine<C>[] {
  const tree = buildChapterTree(chapters)
  return [
    ...flattenTree(tree.roots).map((node) => ({
      chapter: node.chapter,
      depth: node.depth,
      readable: node.children.length === 0,
    })),
    ...tree.orphans.map((chapter) => ({ chapter, depth: 0, readable: true })),
  ]
}

/** Where the viewer is: the current readable chapter and its previous and next ones. */
export interface ReadingPlace<C extends Chapter = Chapter> {
  current: C | null
  previous: C | null
  next: C | null
}

/**
 * The chapter to show for `wanted` (an id from the address): itself when readable, its first readable
 * sub-chapter for a parent, the first readable chapter when unknown or not given.
 */
export function readingPlace<C extends Chapter>(
  lines: readonly ReadingLine<C>[],
  wanted: string | null,
): ReadingPlace<C> {
  const readable = lines.filter((line) => line.readable).map((line) => line.chapter)
  const at = lines.findIndex((line) => line.chapter.id === wanted)
  const from = at < 0 ? 0 : at
  const target = lines.slice(from).find((line) => line.readable)?.chapter ?? readable[0] ?? null
  const index = target ? readable.indexOf(target) : -1
  return {
    current: target,
    previous: index > 0 ? (readable[index - 1] ?? null) : null,
    next: index >= 0 ? (readable[index + 1] ?? null) : null,
  }
}
