import type { Chapter } from './chapter.ts'

/** A chapter with its sub-chapters in order; `depth` 0 at the top. */
export interface ChapterNode<C extends Chapter = Chapter> {
  chapter: C
  depth: number
  children: ChapterNode<C>[]
}

/** The chapters of one course as a tree, and those whose parent is not among them (or that sit in a cycle). */
export interface ChapterTree<C extends Chapter = Chapter> {
  roots: ChapterNode<C>[]
  orphans: C[]
}

/** Siblings order: by `order`, then by id, so every replica shows the same order even when two orders tie. */
export function compareChapters(a: Chapter, b: Chapter): number {
  return a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** The chapters grouped by parent id (null: top level), each group in order. */
export function childrenByParent<C extends Chapter>(chapters: readonly C[]): Map<string | null, C[]> {
  const byParent = new Map<string | null, C[]>()
  for (const chapter of chapters) {
    const siblings = byParent.get(chapter.parentId) ?? []
    siblings.push(chapter)
    byParent.set(chapter.parentId, siblings)
  }
  for (const siblings of byParent.values()) siblings.sort(compareChapters)
  return byParent
}

/**
 * Builds the ordered tree of one course's chapters (flat documents → nested nodes). A chapter whose parent is
 * missing (deleted on another PC) or that is part of a cycle is not in the tree but in `orphans`, so nothing is
 * silently hidden.
 */
export function buildChapterTree<C extends Chapter>(chapters: readonly C[]): ChapterTree<C> {
  const byParent = childrenByParent(chapters)
  const placed = new Set<string>()
  const nodesOf = (parentId: string | null, depth: number): ChapterNode<C>[] =>
    (byParent.get(parentId) ?? []).map((chapter) => {
      placed.add(chapter.id)
      return { chapter, depth, children: nodesOf(chapter.id, depth + 1) }
    })
  const roots = nodesOf(null, 0)
  const orphans = chapters.filter((chapter) => !placed.has(chapter.id)).sort(compareChapters)
  return { roots, orphans }
}

/** The nodes depth first, parents before their children: reading order (previous / next chapter). */
export function flattenTree<C extends Chapter>(roots: readonly ChapterNode<C>[]): ChapterNode<C>[] {
  return roots.flatMap((node) => [node, ...flattenTree(node.children)])
}

/** The ids of every chapter below `id` (children, their children, …), cycles tolerated. */
export function descendantIds(chapters: readonly Chapter[], id: string): string[] {
  const byParent = childrenByParent(chapters)
  const found = new Set<string>()
  const visit = (parentId: string) => {
    for (const child of byParent.get(parentId) ?? []) {
      if (found.has(child.id) || child.id === id) continue
      found.add(child.id)
      visit(child.id)
    }
  }
  visit(id)
  return [...found]
}

/** The `order` for a chapter added after the last of `siblings`. */
export function nextOrder(siblings: readonly Pick<Chapter, 'order'>[]): number {
  return siblings.reduce((max, sibling) => Math.max(max, sibling.order), 0) + 1
}
