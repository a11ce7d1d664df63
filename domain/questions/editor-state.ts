import type { BlobRef } from '../blobs/blob-ref.ts'
import { copyJson } from '../documents.ts'
import {
  blankCount,
  emptyContent,
  stemImages,
  typeContent,
  type EditedFields,
  type QuestionContent,
} from './editing.ts'
import {
  QUESTION_TYPES,
  type Blank,
  type ChoiceOption,
  type MatchingPair,
  type OrderingItem,
  type Question,
  type QuestionType,
} from './types.ts'

/** The type-specific fields while editing: every list present (the type's own are saved). */
export interface EditedContent {
  options: ChoiceOption[]
  items: OrderingItem[]
  pairs: MatchingPair[]
  answer?: boolean
  referenceAnswer: string
  maxFiles?: number
}

/** Everything the question editor edits (QB-1/QB-2); it lives in the editor so a refused save loses nothing. */
export interface EditorState {
  type: QuestionType
  subjectId: string
  stem: string
  explanation: string
  attachments: BlobRef[]
  content: EditedContent
  /** Blank rows, kept beyond the stem's count so a deleted `{{n}}` brought back has its answers. */
  blankPool: Blank[]
  /** Every image the stem has shown while editing (the stem's `images` are those it still shows). */
  knownImages: BlobRef[]
}

export function isQuestionType(value: unknown): value is QuestionType {
  return (QUESTION_TYPES as readonly unknown[]).includes(value)
}

function editedContent(content: QuestionContent): EditedContent {
  return { options: [], items: [], pairs: [], referenceAnswer: '', ...copyJson(content) }
}

function optionalText(text: string | undefined): string | undefined {
  return text?.trim() ? text : undefined
}

/** A new question of `type`: empty rows to fill in, no subject yet. */
export function newEditorState(type: QuestionType): EditorState {
  return {
    type,
    subjectId: '',
    stem: '',
    explanation: '',
    attachments: [],
    content: editedContent(emptyContent(type)),
    blankPool: [],
    knownImages: [],
  }
}

/** A stored question opened for editing: its own fields copied, so editing never touches the stored one. */
export function editorStateOf(question: Question): EditorState {
  return {
    type: question.type,
    subjectId: question.subjectId,
    stem: question.stem,
    explanation: question.explanation ?? '',
    attachments: [...question.attachments],
    content: editedContent(typeContent(question.type, question)),
    blankPool: copyJson(question.blanks ?? []),
    knownImages: [...question.images],
  }
}

/** Why `userId` may not edit `question`, or null: only one's own drafts are edited (published ones are read-only). */
export type EditRefusal = 'notFound' | 'publishedReadOnly' | 'notYours'

export function editRefusal(question: Question | undefined, userId: string | undefined): EditRefusal | null {
  if (!question) return 'notFound'
  if (question.status === 'published') return 'publishedReadOnly'
  if (question.authorId !== userId) return 'notYours'
  return null
}

/** The blanks the stem asks for now (the pool may hold more). */
export function activeBlanks(state: Pick<EditorState, 'stem' | 'blankPool'>): Blank[] {
  return state.blankPool.slice(0, blankCount(state.stem))
}

/**
 * The fields a save writes: the type's own content only, empty optional texts left out, the stem's images among those
 * known (an image deleted from the stem is not saved) and the active blanks.
 */
export function editedFields(state: EditorState): EditedFields {
  return {
    type: state.type,
    subjectId: state.subjectId,
    stem: state.stem,
    explanation: optionalText(state.explanation),
    images: stemImages(state.stem, state.knownImages),
    attachments: state.attachments,
    ...typeContent(state.type, {
      ...state.content,
      referenceAnswer: optionalText(state.content.referenceAnswer),
      blanks: activeBlanks(state),
    }),
  }
}

/** The known images with `image` (once, by its hash). */
export function withKnownImage(known: readonly BlobRef[], image: BlobRef): BlobRef[] {
  return known.some((ref) => ref.sha256 === image.sha256) ? [...known] : [...known, image]
}

/** The pool with the answers of blank `index` replaced. */
export function withBlankAnswers(pool: readonly Blank[], index: number, answers: string[]): Blank[] {
  return pool.map((blank, i) => (i === index ? { ...blank, answers } : blank))
}

/**
 * The question as a save would write it now, what the rules check and the preview shows: the edited fields
 * on the stored question (a new one is a first draft of `author`'s). Pure.
 */
export function questionBeingEdited(
  fields: EditedFields,
  stored: Question | null,
  author: { id: string; schoolId: string } | null,
): Question {
  return {
    id: stored?.id ?? 'new',
    kind: 'question',
    schoolId: author?.schoolId ?? '',
    updatedAt: 0,
    authorId: author?.id ?? '',
    status: 'draft',
    createdAt: stored?.createdAt ?? 0,
    lineageId: stored?.lineageId ?? 'new',
    version: stored?.version ?? 1,
    ...fields,
  }
}
