import { isAdmin, type SessionUser } from '../auth/roles.ts'
import { deepEqual } from '../documents.ts'
import { isDeletion, type ReadScope } from '../kinds.ts'
import { FROZEN_FIELDS, isDelivered, recallRemainingMs, type Notice, type NoticeStatus } from './notice.ts'

/** What a notice write is checked against besides the document: the server's clock and the writer's classes. */
export interface NoticeWriteContext {
  /** The server's clock (ms). */
  now: number
  /** The classes the writer heads or teaches and their students (`ReadScope` of the address book). */
  scope: ReadScope
}

/** What is wrong with a notice write: `forbidden` is refused with 403, `invalid` with 400. */
export interface NoticeWriteProblems {
  forbidden: string[]
  invalid: string[]
}

const NEXT_STATUSES: Record<NoticeStatus, { undelivered: NoticeStatus[]; delivered: NoticeStatus[] }> = {
  draft: { undelivered: ['draft', 'sent'], delivered: [] },
  sent: { undelivered: ['draft', 'sent'], delivered: ['sent', 'recalled', 'closed'] },
  closed: { undelivered: [], delivered: ['closed', 'recalled'] },
  recalled: { undelivered: [], delivered: ['recalled'] },
}

/** Teachers address the classes they head or teach, those classes' students, and any staff (DESIGN §7.1). */
function audienceProblems(user: SessionUser, notice: Notice, scope: ReadScope): string[] {
  if (isAdmin(user)) return []
  const { classIds = [], studentIds = [] } = notice.audience
  return [
    ...classIds
      .filter((id) => !scope.classIds.has(id))
      .map((id) => `class ${id} is not one of the writer's classes`),
    ...studentIds
      .filter((id) => !scope.studentIds.has(id))
      .map((id) => `student ${id} is not in one of the writer's classes`),
  ]
}

function statusProblems(next: Notice, stored: Notice | null, now: number): string[] {
  const from = stored?.status ?? 'draft'
  const allowedNext =
    stored && isDelivered(stored) ? NEXT_STATUSES[from].delivered : NEXT_STATUSES[from].undelivered
  if (!allowedNext.includes(next.status)) return [`status cannot change from ${from} to ${next.status}`]
  if (
    stored &&
    next.status === 'recalled' &&
    stored.status !== 'recalled' &&
    recallRemainingMs(stored, now) === 0
  )
    return ['a notice can be recalled only within 24 hours of its delivery']
  return []
}

function deliveredProblems(next: Notice, stored: Notice): string[] {
  if (isDeletion(next)) return ['a delivered notice cannot be deleted: recall it instead']
  const frozen = [...FROZEN_FIELDS, 'sendAt' as const].filter(
    (field) => !deepEqual(next[field], stored[field]),
  )
  return [
    ...frozen.map((field) => `${field} cannot change after delivery`),
    ...(next.reminders < stored.reminders ? ['reminders cannot go down'] : []),
  ]
}

/**
 * The rules of a notice write that need more than the two documents' fields (the kind's `canWrite` checks
 * those): the writer's classes, the fields frozen at delivery, the status changes and the recall window by
 * the server's clock. Each problem names the notice.
 */
export function noticeWriteProblems(
  user: SessionUser,
  next: Notice,
  stored: Notice | null,
  { now, scope }: NoticeWriteContext,
): NoticeWriteProblems {
  const label = (problem: string) => `notice ${next.id}: ${problem}`
  const audienceChanged = !stored || !deepEqual(stored.audience, next.audience)
  const forbidden = [
    ...(audienceChanged && !isDeletion(next) ? audienceProblems(user, next, scope) : []),
    ...(stored?.delivery && !next.delivery ? ['delivery is recorded by the server only'] : []),
  ]
  const invalid =
    stored && isDelivered(stored)
      ? [...deliveredProblems(next, stored), ...statusProblems(next, stored, now)]
      : isDeletion(next)
        ? []
        : statusProblems(next, stored, now)
  return { forbidden: forbidden.map(label), invalid: invalid.map(label) }
}
