import type { BlobRef } from '../blobs/blob-ref.ts'
import type { BaseDocument } from '../documents.ts'

/** QB-1: the eight question types, in the order the editor offers them. */
export const QUESTION_TYPES = [
  'single_choice',
  'multiple_choice',
  'ordering',
  'short_answer',
  'true_false',
  'attachment',
  'matching',
  'fill_blank',
] as const
export type QuestionType = (typeof QUESTION_TYPES)[number]

export const QUESTION_STATUSES = ['draft', 'published'] as const
export type QuestionStatus = (typeof QUESTION_STATUSES)[number]

/** An option of a single- or multiple-choice question (plain text). */
export interface ChoiceOption {
  id: string
  text: string
  correct: boolean
}

/** An item of an ordering question; `items` are stored in the correct order. */
export interface OrderingItem {
  id: string
  text: string
}

/** A pair of a matching question: the student matches each `left` with its `right`. */
export interface MatchingPair {
  id: string
  left: string
  right: string
}

/** A blank of a fill-in-the-blank question: the stem holds `{{n}}` where blank n (1-based) goes. */
export interface Blank {
  id: string
  /** Every accepted answer (compared trimmed, case-insensitively, when graded). */
  answers: string[]
}

/**
 * QB-1/QB-2: one version of a question of the question bank. A published version is read-only: editing it
 * makes a new draft version with the same `lineageId`.
 */
export interface Question extends BaseDocument {
  kind: 'question'
  type: QuestionType
  /**
   * The stem as sanitised HTML (p, br, strong, em, u, s, sub, sup, ul, ol, li, img). Images are
   * `<img data-blob="<sha256>" alt="…">`, each listed in `images`. Fill-in-the-blank stems hold `{{1}}`, `{{2}}`, ….
   */
  stem: string
  subjectId: string
  /** The member of staff who wrote it (their account id). */
  authorId: string
  status: QuestionStatus
  /** When it was created (ms, the writer's clock: shown, never used to order sync). */
  createdAt: number
  /** The id of the first version: every version of a question shares it. */
  lineageId: string
  /** 1 for the first version. */
  version: number
  /** The version this one was made from. */
  previousId?: string
  /** The images the stem shows. */
  images: BlobRef[]
  /** Files that come with the question (a worksheet, a recording). */
  attachments: BlobRef[]
  /** Explanation shown after answering (解析); Moodle's general feedback. */
  explanation?: string
  /** single_choice, multiple_choice. */
  options?: ChoiceOption[]
  /** ordering. */
  items?: OrderingItem[]
  /** true_false. */
  answer?: boolean
  /** short_answer: a model answer for whoever grades. */
  referenceAnswer?: string
  /** attachment: how many files a student may upload (1–10). */
  maxFiles?: number
  /** matching. */
  pairs?: MatchingPair[]
  /** fill_blank. */
  blanks?: Blank[]
}

/** The fields each type uses beyond the common ones; any other type-specific field is refused. */
export const TYPE_FIELDS: Record<QuestionType, readonly (keyof Question)[]> = {
  single_choice: ['options'],
  multiple_choice: ['options'],
  ordering: ['items'],
  short_answer: ['referenceAnswer'],
  true_false: ['answer'],
  attachment: ['maxFiles'],
  matching: ['pairs'],
  fill_blank: ['blanks'],
}
