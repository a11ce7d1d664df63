/** Pure helpers over a stem's HTML (no DOM: they run on the server and in workers too). */

const BLOB_IMAGE = /<img\b[^>]*\bdata-blob="([0-9a-f]{64})"[^>]*>/gi
const PLACEHOLDER = /\{\{(\d+)\}\}/g
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  apos: "'",
  nbsp: ' ',
}

/** The SHA-256 of every image the stem shows, in order, without repeats. */
export function stemImageHashes(stem: string): string[] {
  return [...new Set([...stem.matchAll(BLOB_IMAGE)].map((match) => (match[1] ?? '').toLowerCase()))]
}

/** The numbers of the `{{n}}` blank placeholders, in the order they appear. */
export function blankPlaceholders(stem: string): number[] {
  return [...stem.matchAll(PLACEHOLDER)].map((match) => Number(match[1]))
}

/** The stem as plain text: tags dropped (block ends become spaces), entities decoded, spaces collapsed. */
export function stemText(stem: string): string {
  return stem
    .replace(/<(br|\/p|\/li|\/div|\/h\d)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (entity, name: string) => decodeEntity(entity, name))
    .replace(/\s+/g, ' ')
    .trim()
}

function decodeEntity(entity: string, name: string): string {
  const lower = name.toLowerCase()
  if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16))
  if (lower.startsWith('#') && lower !== '#39') return String.fromCodePoint(Number(lower.slice(1)))
  return ENTITIES[lower] ?? entity
}

/** Escapes text for HTML (a plain-text stem from a file becomes one paragraph). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** Plain text as stem HTML: one paragraph per line. */
export function textToStem(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `<p>${escapeHtml(line)}</p>`)
    .join('')
}
