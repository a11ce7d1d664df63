import { isAdmin, isStaff } from '../auth/roles.ts'
import { blobRefListSchema, type BlobRef } from '../blobs/blob-ref.ts'
import { deepEqual, type BaseDocument } from '../documents.ts'
import { allowed, denied, isDeletion, kindSchema, type KindDefinition } from '../kinds.ts'

export const NOTICE_STATUSES = ['draft', 'sent', 'recalled', 'closed'] as const
export type NoticeStatus = (typeof NOTICE_STATUSES)[number]

export const QUESTION_KINDS = ['single', 'multiple', 'text', 'attachment'] as const
export type NoticeQuestionType = (typeof QUESTION_KINDS)[number]

export interface NoticeQuestion {
  id: string
  type: NoticeQuestionType
  title: string
  /** The choices of a single or multiple choice question (at least two). */
  options?: string[]
  required: boolean
}

export interface NoticeLink {
  title: string
  url: string
}

/** Who a notice is addressed to (DESIGN §7.1); the server resolves it into people when the notice is due. */
export interface Audience {
  wholeSchool?: true
  classIds?: string[]
  studentIds?: string[]
  staffIds?: string[]
  departmentIds?: string[]
}

/**
 * What the server recorded when it delivered the notice; written by the server only, so a PC's clock never
 * decides the recall window, and the reminders already sent survive a restart.
 */
export interface NoticeDelivery {
  /** The server's clock at delivery (ms). */
  deliveredAt: number
  /** How many of `reminders` the server has sent out. */
  remindersSent: number
}

/** NTC-1: a notice composed on the desktop and delivered to phones. */
export interface Notice extends BaseDocument {
  kind: 'notice'
  authorId: string
  title: string
  /** HTML, shown sanitised. */
  body: string
  links: NoticeLink[]
  attachments: BlobRef[]
  questions: NoticeQuestion[]
  audience: Audience
  ccStaffIds: string[]
  status: NoticeStatus
  /** When to deliver (server clock, ms); absent: as soon as the notice is sent. */
  sendAt?: number
  /** Raised by the author to re-notify those who have not read (or answered) it. */
  reminders: number
  delivery?: NoticeDelivery
}

/** Fields that cannot change once the notice reached its recipients. */
export const FROZEN_FIELDS = ['title', 'body', 'questions', 'audience'] as const

export const RECALL_WINDOW_MS = 24 * 60 * 60 * 1000

const ref = { type: 'string', minLength: 1, maxLength: 64 } as const
const refList = { type: 'array', items: ref, uniqueItems: true, maxItems: 10_000 } as const
const trimmed = (maxLength: number) => ({ type: 'string', minLength: 1, maxLength, pattern: '\\S' }) as const

export const noticeSchema = kindSchema(
  'notice',
  {
    authorId: ref,
    title: trimmed(120),
    body: { type: 'string', maxLength: 200_000 },
    links: {
      type: 'array',
      maxItems: 20,
      items: {
        type: 'object',
        properties: {
          title: trimmed(120),
          url: { type: 'string', pattern: '^https?://\\S+$', maxLength: 2000 },
        },
        required: ['title', 'url'],
        additionalProperties: false,
      },
    },
    attachments: blobRefListSchema,
    questions: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        properties: {
          id: ref,
          type: { enum: [...QUESTION_KINDS] },
          title: trimmed(200),
          options: { type: 'array', items: trimmed(200), maxItems: 30 },
          required: { type: 'boolean' },
        },
        required: ['id', 'type', 'title', 'required'],
        additionalProperties: false,
      },
    },
    audience: {
      type: 'object',
      properties: {
        wholeSchool: { const: true },
        classIds: refList,
        studentIds: refList,
        staffIds: refList,
        departmentIds: refList,
      },
      additionalProperties: false,
    },
    ccStaffIds: refList,
    status: { enum: [...NOTICE_STATUSES] },
    sendAt: { type: 'number', minimum: 0 },
    reminders: { type: 'integer', minimum: 0, maximum: 1000 },
    delivery: {
      type: 'object',
      properties: {
        deliveredAt: { type: 'number', minimum: 0 },
        remindersSent: { type: 'integer', minimum: 0 },
      },
      required: ['deliveredAt', 'remindersSent'],
      additionalProperties: false,
    },
  },
  [
    'authorId',
    'title',
    'body',
    'links',
    'attachments',
    'questions',
    'audience',
    'ccStaffIds',
    'status',
    'reminders',
  ],
)

export const isChoice = (question: Pick<NoticeQuestion, 'type'>) =>
  question.type === 'single' || question.type === 'multiple'

export function hasAudience(audience: Audience): boolean {
  return (
    audience.wholeSchool === true ||
    [audience.classIds, audience.studentIds, audience.staffIds, audience.departmentIds].some(
      (ids) => (ids?.length ?? 0) > 0,
    )
  )
}

/** Rules across the fields of one notice that the schema cannot express. */
export function noticeProblems(notice: Notice): string[] {
  const problems: string[] = []
  const ids = new Set<string>()
  for (const question of notice.questions) {
    if (ids.has(question.id)) problems.push(`question ${question.id} appears twice`)
    ids.add(question.id)
    const options = question.options ?? []
    if (isChoice(question) && options.length < 2)
      problems.push(`question "${question.title}" needs at least two options`)
    if (!isChoice(question) && question.options !== undefined)
      problems.push(`question "${question.title}" is not a choice and has no options`)
    if (new Set(options).size !== options.length)
      problems.push(`question "${question.title}" repeats an option`)
  }
  if (notice.status !== 'draft' && !hasAudience(notice.audience))
    problems.push('a sent notice needs recipients')
  return problems
}

/** Has the server delivered it (recipients resolved, receipts written)? */
export const isDelivered = (notice: Notice) => notice.delivery !== undefined

/** Is it time to deliver `notice` by the server's clock `now`? */
export function isDue(notice: Notice & { _deleted?: boolean }, now: number): boolean {
  return (
    notice._deleted !== true &&
    notice.status === 'sent' &&
    !isDelivered(notice) &&
    (notice.sendAt === undefined || notice.sendAt <= now)
  )
}

/** How long the author may still recall a delivered notice (ms, 0 when too late) by the server's clock. */
export function recallRemainingMs(notice: Notice, now: number): number {
  if (!notice.delivery) return 0
  return Math.max(0, notice.delivery.deliveredAt + RECALL_WINDOW_MS - now)
}

export const noticeKind: KindDefinition<Notice> = {
  kind: 'notice',
  collection: 'notices',
  schema: noticeSchema,
  check: noticeProblems,
  // What needs the address book or the server's clock (classes a teacher may address, frozen fields, the
  // recall window) is in `noticeWriteProblems`, which the server runs on every push.
  canWrite: (user, next, stored) => {
    if (!isStaff(user)) return denied('only staff may write notices')
    if (!stored && next.authorId !== user.id) return denied('a new notice must have its pusher as author')
    if (stored && next.authorId !== stored.authorId) return denied('the author of a notice cannot change')
    if (stored && stored.authorId !== user.id && !isAdmin(user))
      return denied('teachers may change only their own notices')
    // A replica that has not pulled the delivery yet pushes without it: that row conflicts (see the write rules).
    if (next.delivery && !deepEqual(next.delivery, stored?.delivery))
      return denied('delivery is recorded by the server only')
    // A creation probe has no audience (see `canWrite`).
    const audience = next.audience as Notice['audience'] | undefined
    if (audience?.wholeSchool && !isAdmin(user) && !isDeletion(next))
      return denied('only admins may address the whole school')
    return allowed
  },
  canRead: (user, notice) =>
    isAdmin(user) || notice.authorId === user.id || notice.ccStaffIds.includes(user.id),
}
