/** A document the user puts in order by hand (banners, article types): lower `order` first. */
export interface Ordered {
  id: string
  order: number
}

/** `items` in their `order`, ties by id so that every PC shows the same list. */
export function inOrder<T extends Ordered>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** `list` with the item at `from` moved to `to` (indexes in the list before the move); a copy. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const moved = [...list]
  if (from < 0 || from >= list.length || to < 0 || to >= list.length) return moved
  const [item] = moved.splice(from, 1)
  if (item !== undefined) moved.splice(to, 0, item)
  return moved
}

/**
 * The writes that give `items` the order of `ids` (1, 2, 3…): only the documents whose `order` changes, so
 * saving an order touches as few documents as it can (and two PCs reordering different parts merge).
 */
export function orderChanges(items: readonly Ordered[], ids: readonly string[]): Ordered[] {
  const current = new Map(items.map((item) => [item.id, item.order]))
  return ids.flatMap((id, index) => {
    const order = index + 1
    return current.has(id) && current.get(id) !== order ? [{ id, order }] : []
  })
}

/** The `order` of a new document: after every other one. */
export function nextOrder(items: readonly Ordered[]): number {
  return items.reduce((highest, item) => Math.max(highest, item.order), 0) + 1
}
