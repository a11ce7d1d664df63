import { isAdmin } from '../auth/roles.ts'
import { blobRefSchema, type BlobRef } from '../blobs/blob-ref.ts'
import type { BaseDocument } from '../documents.ts'
import { denied, kindSchema, type KindDefinition } from '../kinds.ts'

export const PERSON_KINDS = ['guardian', 'student', 'staff'] as const
export type RecipientKind = (typeof PERSON_KINDS)[number]

/** One answer: a choice, the choices of a multiple choice, a text, or files. */
export type Answer = string | string[] | BlobRef[]
export type Answers = Record<string, Answer>

/** NTC-2: one person's copy of a delivered notice, written by the server only. Id `<noticeId>:<personId>`. */
export interface Receipt extends BaseDocument {
  kind: 'receipt'
  noticeId: string
  personId: string
  personKind: RecipientKind
  /** The students the notice concerns for this person (a guardian's children it reached them through). */
  studentIds: string[]
  classIds: string[]
  deliveredAt: number
  readAt?: number
  answeredAt?: number
  answers?: Answers
  remindedAt?: number
}

export function receiptId(noticeId: string, personId: string): string {
  return `${noticeId}:${personId}`
}

const ref = { type: 'string', minLength: 1, maxLength: 64 } as const
const time = { type: 'number', minimum: 0 } as const

export const receiptKind: KindDefinition<Receipt> = {
  kind: 'receipt',
  collection: 'receipts',
  schema: kindSchema(
    'receipt',
    {
      id: { type: 'string', minLength: 3, maxLength: 129 },
      noticeId: ref,
      personId: ref,
      personKind: { enum: [...PERSON_KINDS] },
      studentIds: { type: 'array', items: ref },
      classIds: { type: 'array', items: ref },
      deliveredAt: time,
      readAt: time,
      answeredAt: time,
      answers: {
        type: 'object',
        additionalProperties: {
          anyOf: [
            { type: 'string', maxLength: 5000 },
            { type: 'array', items: { type: 'string', maxLength: 200 }, maxItems: 30 },
            { type: 'array', items: blobRefSchema, maxItems: 20 },
          ],
        },
      },
      remindedAt: time,
    },
    ['noticeId', 'personId', 'personKind', 'studentIds', 'classIds', 'deliveredAt'],
  ),
  canWrite: () => denied('receipts are written by the server only'),
  // The notice's author and CC staff: the server lists their notices in the scope's `noticeIds`.
  canRead: (user, receipt, scope) => isAdmin(user) || (scope.noticeIds?.has(receipt.noticeId) ?? false),
}
