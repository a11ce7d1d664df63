/** FNV-1a: a 32-bit hash of a string. */
function hash(text: string): number {
  let value = 0x811c9dc5
  for (let i = 0; i < text.length; i++) value = Math.imul(value ^ text.charCodeAt(i), 0x01000193)
  return value >>> 0
}

/**
 * `items` shuffled the same way every time for the same `seed` (a question's id), so a preview does not
 * reshuffle on every render; never in the given order when there are two items or more, since for an ordering
 * question that order is the answer.
 */
export function shuffled<T>(items: readonly T[], seed: string): T[] {
  const result = items
    .map((item, index) => ({ item, key: hash(`${seed}#${index}`) }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item)
  const unchanged = result.every((item, i) => item === items[i])
  return unchanged && result.length > 1 ? [...result.slice(1), result[0] as T] : result
}
