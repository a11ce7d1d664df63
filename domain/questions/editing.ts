import type { BlobRef } from '../blobs/blob-ref.ts'
import { newId } from '../documents.ts'
import { blankPlaceholders, stemImageHashes } from './stem.ts'
import { TYPE_FIELDS, type Blank, type Question, type QuestionType } from './types.ts'

/** The fields of a question that belong to one type (options, items, answer, …). */
export type QuestionContent = Pick<
  Question,
  'options' | 'items' | 'answer' | 'referenceAnswer' | 'maxFiles' | 'pairs' | 'blanks'
>

const ALL_TYPE_FIELDS = [...new Set(Object.values(TYPE_FIELDS).flat())]
const CHOICE_OPTIONS = 4
const LIST_ROWS = 2

function emptyChoices() {
  return Array.from({ length: CHOICE_OPTIONS }, () => ({ id: newId(), text: '', correct: false }))
}

/** What a new question of a type starts with: empty rows to fill in, no answer chosen yet. */
export function emptyContent(type: QuestionType): QuestionContent {
  switch (type) {
    case 'single_choice':
    case 'multiple_choice':
      return { options: emptyChoices() }
    case 'ordering':
      return { items: Array.from({ length: LIST_ROWS }, () => ({ id: newId(), text: '' })) }
    case 'matching':
      return { pairs: Array.from({ length: LIST_ROWS }, () => ({ id: newId(), left: '', right: '' })) }
    case 'short_answer':
      return { referenceAnswer: '' }
    case 'true_false':
      return {}
    case 'attachment':
      return { maxFiles: 1 }
    case 'fill_blank':
      return { blanks: [] }
  }
}

/** Only the fields of `source` that the type uses (a question never carries another type's fields). */
export function typeContent(type: QuestionType, source: QuestionContent): QuestionContent {
  const content: Record<string, unknown> = {}
  for (const field of TYPE_FIELDS[type]) {
    const value = source[field as keyof QuestionContent]
    if (value !== undefined) content[field] = value
  }
  return content as QuestionContent
}

/** The fields the editor writes; the rest (id, author, lineage, version) are set once, when created. */
export type EditedFields = Pick<
  Question,
  'type' | 'subjectId' | 'stem' | 'explanation' | 'images' | 'attachments' | keyof QuestionContent
>

/** A question written from scratch: version 1 of a lineage of its own, by `authorId`. */
export function firstVersion(
  fields: EditedFields,
  made: { id: string; authorId: string; status: Question['status']; now: number },
): Omit<Question, 'schoolId' | 'updatedAt'> {
  return {
    ...fields,
    id: made.id,
    kind: 'question',
    status: made.status,
    authorId: made.authorId,
    createdAt: made.now,
    lineageId: made.id,
    version: 1,
  }
}

/** A patch that writes `fields` over a stored question and removes every type field they do not set. */
export function replacingPatch(fields: EditedFields): Partial<EditedFields> {
  const cleared = Object.fromEntries(
    ALL_TYPE_FIELDS.map((field) => [field, undefined]),
  ) as Partial<EditedFields>
  return { ...cleared, ...fields }
}

/** The list with the entry at `index` moved by `delta` places (unchanged when that leaves the list). */
export function moveEntry<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = index + delta
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list]
  const moved = [...list]
  const [entry] = moved.splice(index, 1)
  moved.splice(target, 0, entry as T)
  return moved
}

/** The list with a new entry right after `index` (at the end when `index` is the last or -1). */
export function insertAfter<T>(list: readonly T[], index: number, entry: T): T[] {
  const at = index < 0 ? list.length : index + 1
  return [...list.slice(0, at), entry, ...list.slice(at)]
}

export function emptyBlank(): Blank {
  return { id: newId(), answers: [] }
}

/** How many blanks the stem asks for: its highest `{{n}}` (gaps are reported by the rules, not hidden). */
export function blankCount(stem: string): number {
  return Math.max(0, ...blankPlaceholders(stem))
}

/** The number for a newly inserted blank: one past the highest in the stem. */
export function nextBlankNumber(stem: string): number {
  return blankCount(stem) + 1
}

/**
 * The blank rows kept while editing: at least `count`, so deleting a `{{n}}` and undoing it brings its
 * answers back. The question saves only the first `count`.
 */
export function fitBlanks(pool: readonly Blank[], count: number): Blank[] {
  const extra = Array.from({ length: Math.max(0, count - pool.length) }, emptyBlank)
  return [...pool, ...extra]
}

/**
 * Renumbering the stem's placeholders 1, 2, 3 … in the order they appear: `numbers` is the old number of
 * each placeholder in that order; the blanks follow their placeholder (a repeated or new one gets an empty
 * blank), and the blanks no placeholder uses any more are kept after them.
 */
export function renumberBlanks(numbers: readonly number[], pool: readonly Blank[]): Blank[] {
  const used = new Set<number>()
  const ordered = numbers.map((number) => {
    const blank = pool[number - 1]
    if (!blank || used.has(number)) return emptyBlank()
    used.add(number)
    return blank
  })
  return [...ordered, ...pool.filter((_, index) => !used.has(index + 1))]
}

/** The references of the images a stem shows, taken from the images known to the editor. */
export function stemImages(stem: string, known: readonly BlobRef[]): BlobRef[] {
  const bySha = new Map(known.map((ref) => [ref.sha256, ref]))
  return stemImageHashes(stem).flatMap((sha256) => {
    const ref = bySha.get(sha256)
    return ref ? [ref] : []
  })
}

const ALLOWED_TAGS = new Set(['p', 'br', 'strong', 'em', 'u', 's', 'sub', 'sup', 'ul', 'ol', 'li', 'img'])
const TAG_ALIASES: Record<string, string> = { b: 'strong', i: 'em', strike: 's', del: 's' }
const TAG = /<(\/?)([a-z][a-z0-9]*)\b([^>]*)>/gi
const SHA256_ATTRIBUTE = /\bdata-blob\s*=\s*"([0-9a-f]{64})"/i
const ALT_ATTRIBUTE = /\balt\s*=\s*"([^"]*)"/i
const EMPTY_STEM = /^(<p>\s*(<br>)?\s*<\/p>)*$/

function normalisedImage(attributes: string): string {
  const sha256 = SHA256_ATTRIBUTE.exec(attributes)?.[1]
  if (!sha256) return ''
  const alt = ALT_ATTRIBUTE.exec(attributes)?.[1] ?? ''
  return `<img data-blob="${sha256.toLowerCase()}" alt="${alt}">`
}

/**
 * The editor's HTML reduced to the stem subset of `types.ts`: allowed tags without attributes (b/i/strike
 * become strong/em/s), images only as `<img data-blob alt>` (never a `src`: that is an object URL of this
 * PC), any other tag dropped with its text kept; an editor with nothing in it gives ''.
 */
export function normaliseStemHtml(html: string): string {
  const normalised = html.replace(TAG, (_tag, closing: string, rawName: string, attributes: string) => {
    const lower = rawName.toLowerCase()
    const name = TAG_ALIASES[lower] ?? lower
    if (!ALLOWED_TAGS.has(name)) return ''
    if (name === 'img') return closing ? '' : normalisedImage(attributes)
    if (name === 'br') return closing ? '' : '<br>'
    return `<${closing}${name}>`
  })
  return EMPTY_STEM.test(normalised) ? '' : normalised
}
