import { isAdmin, isStaff, type SessionUser } from '../auth/roles.ts'
import { blobRefListSchema } from '../blobs/blob-ref.ts'
import { allowed, denied, isDeletion, kindSchema, type KindDefinition } from '../kinds.ts'
import { problemText, saveProblems } from './rules.ts'
import { QUESTION_STATUSES, QUESTION_TYPES, type Question } from './types.ts'

const id = { type: 'string', minLength: 1, maxLength: 64 } as const
const shortText = { type: 'string', maxLength: 1000 } as const

export const questionKind: KindDefinition<Question> = {
  kind: 'question',
  collection: 'questions',
  schema: kindSchema(
    'question',
    {
      type: { enum: [...QUESTION_TYPES] },
      stem: { type: 'string', maxLength: 100_000 },
      subjectId: id,
      authorId: id,
      status: { enum: [...QUESTION_STATUSES] },
      createdAt: { type: 'number', minimum: 0 },
      lineageId: id,
      version: { type: 'integer', minimum: 1 },
      previousId: id,
      images: blobRefListSchema,
      attachments: blobRefListSchema,
      explanation: { type: 'string', maxLength: 10_000 },
      options: {
        type: 'array',
        maxItems: 26,
        items: {
          type: 'object',
          properties: { id, text: shortText, correct: { type: 'boolean' } },
          required: ['id', 'text', 'correct'],
          additionalProperties: false,
        },
      },
      items: {
        type: 'array',
        maxItems: 26,
        items: {
          type: 'object',
          properties: { id, text: shortText },
          required: ['id', 'text'],
          additionalProperties: false,
        },
      },
      answer: { type: 'boolean' },
      referenceAnswer: { type: 'string', maxLength: 10_000 },
      maxFiles: { type: 'integer', minimum: 1, maximum: 10 },
      pairs: {
        type: 'array',
        maxItems: 26,
        items: {
          type: 'object',
          properties: { id, left: shortText, right: shortText },
          required: ['id', 'left', 'right'],
          additionalProperties: false,
        },
      },
      blanks: {
        type: 'array',
        maxItems: 50,
        items: {
          type: 'object',
          properties: { id, answers: { type: 'array', items: shortText, maxItems: 20 } },
          required: ['id', 'answers'],
          additionalProperties: false,
        },
      },
    },
    [
      'type',
      'stem',
      'subjectId',
      'authorId',
      'status',
      'createdAt',
      'lineageId',
      'version',
      'images',
      'attachments',
    ],
  ),
  check: (question) => saveProblems(question).map(problemText),
  canWrite: canWriteQuestion,
  canRead: (user, question) =>
    isStaff(user) && (question.status === 'published' || question.authorId === user.id || isAdmin(user)),
}

function canWriteQuestion(user: SessionUser, next: Question, stored: Question | null) {
  if (!isStaff(user)) return denied('only staff may write questions')
  if (!stored) {
    return next.authorId === user.id ? allowed : denied('a new question must be written by its author')
  }
  if (stored.status === 'published') {
    return denied('a published question is read-only; editing it makes a new version')
  }
  if (stored.authorId !== user.id) return denied('only the author may change or delete a draft question')
  if (isDeletion(next)) return allowed
  const identityKept =
    next.authorId === stored.authorId &&
    next.lineageId === stored.lineageId &&
    next.version === stored.version
  return identityKept ? allowed : denied('the author, lineage and version of a question cannot change')
}
