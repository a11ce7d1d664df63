import { describe, expect, it } from 'vitest'
import type { SessionUser } from '../auth/roles.ts'
import type { BaseDocument } from '../documents.ts'
import { canRead, checkWrite } from '../permissions.ts'
import { validateDocument } from '../validation.ts'
import { isDue, recallRemainingMs, RECALL_WINDOW_MS, type Notice } from './notice.ts'
import type { Receipt } from './receipt.ts'
import { noticeWriteProblems, type NoticeWriteContext } from './rules.ts'
import { deliveredNotice, notice } from './testing.ts'

const teacher: SessionUser = { id: 't1', schoolId: 'demo', name: '李老师', roles: ['teacher'] }
const otherTeacher: SessionUser = { id: 't2', schoolId: 'demo', name: '王老师', roles: ['teacher'] }
const admin: SessionUser = { id: 'a1', schoolId: 'demo', name: '王校长', roles: ['admin'] }
const guardian: SessionUser = { id: 'g1', schoolId: 'demo', name: '陈家长', roles: ['guardian'] }

const HOUR = 60 * 60 * 1000
const DELIVERED = 1_000_000
// t1 heads c1 (students s1, s2).
const context = (now = DELIVERED): NoticeWriteContext => ({
  now,
  scope: { classIds: new Set(['c1']), studentIds: new Set(['s1', 's2']) },
})
const problems = (user: SessionUser, next: Notice, stored: Notice | null, now?: number) =>
  noticeWriteProblems(user, next, stored, context(now))
const tombstone = <T extends BaseDocument>(doc: T) => ({ ...doc, _deleted: true })

describe('notice schema and rules', () => {
  it('accepts a notice of the contract shape and refuses choices with fewer than two options', () => {
    expect(validateDocument('notices', { ...notice(), _deleted: false }).ok).toBe(true)
    const bad = notice({
      questions: [{ id: 'q', type: 'single', title: '?', options: ['a'], required: true }],
    })
    expect(validateDocument('notices', bad)).toEqual({
      ok: false,
      errors: ['notice n1: question "?" needs at least two options'],
    })
    expect(validateDocument('notices', notice({ title: 'x'.repeat(121) })).ok).toBe(false)
    expect(validateDocument('notices', notice({ status: 'sent', audience: {} })).ok).toBe(false)
  })

  it('lets staff write their own notices and admins anyone’s, never with another author', () => {
    expect(checkWrite(teacher, notice(), null).ok).toBe(true)
    expect(checkWrite(guardian, notice({ authorId: guardian.id }), null).ok).toBe(false)
    expect(checkWrite(otherTeacher, notice(), null)).toMatchObject({ ok: false })
    expect(checkWrite(otherTeacher, notice({ title: '改' }), notice()).ok).toBe(false)
    expect(checkWrite(admin, notice({ title: '改' }), notice()).ok).toBe(true)
    expect(checkWrite(admin, notice({ authorId: admin.id }), notice()).ok).toBe(false)
  })

  it('lets only admins address the whole school', () => {
    expect(checkWrite(teacher, notice({ audience: { wholeSchool: true } }), null)).toEqual({
      ok: false,
      reason: 'notice n1: only admins may address the whole school',
    })
    expect(checkWrite(admin, notice({ authorId: admin.id, audience: { wholeSchool: true } }), null).ok).toBe(
      true,
    )
  })

  it('keeps the delivery record to the server', () => {
    expect(checkWrite(teacher, deliveredNotice(5), null).ok).toBe(false)
    const stored = deliveredNotice(5)
    expect(
      checkWrite(teacher, { ...stored, delivery: { deliveredAt: 6, remindersSent: 0 } }, stored).ok,
    ).toBe(false)
    expect(checkWrite(teacher, { ...stored, reminders: 1 }, stored).ok).toBe(true)
    // Without it, the row is a stale replica's (it conflicts) or an attempt to undo the delivery.
    expect(problems(teacher, notice({ status: 'sent' }), stored).forbidden).toEqual([
      'notice n1: delivery is recorded by the server only',
    ])
  })

  it('lets a teacher address only their classes and those classes’ students, and any staff', () => {
    const outside = notice({
      audience: { classIds: ['c1', 'c9'], studentIds: ['s1', 's9'], staffIds: ['x'] },
    })
    expect(problems(teacher, outside, null)).toEqual({
      forbidden: [
        "notice n1: class c9 is not one of the writer's classes",
        "notice n1: student s9 is not in one of the writer's classes",
      ],
      invalid: [],
    })
    expect(
      problems(
        teacher,
        notice({ audience: { studentIds: ['s2'], staffIds: ['t7'], departmentIds: ['d1'] } }),
        null,
      ).forbidden,
    ).toEqual([])
    expect(problems(admin, outside, null).forbidden).toEqual([])
  })

  it('freezes title, body, questions and audience once delivered', () => {
    const stored = deliveredNotice(DELIVERED)
    const { invalid } = problems(
      teacher,
      { ...stored, title: '新', body: '<p>x</p>', questions: [], audience: { classIds: [] } },
      stored,
    )
    expect(invalid).toEqual([
      'notice n1: title cannot change after delivery',
      'notice n1: body cannot change after delivery',
      'notice n1: questions cannot change after delivery',
      'notice n1: audience cannot change after delivery',
    ])
    // Before delivery (a scheduled notice) they may change, and the notice may go back to a draft.
    const scheduled = notice({ status: 'sent', sendAt: DELIVERED + HOUR })
    expect(problems(teacher, { ...scheduled, title: '新', status: 'draft' }, scheduled).invalid).toEqual([])
    expect(problems(teacher, tombstone(stored), stored).invalid).toEqual([
      'notice n1: a delivered notice cannot be deleted: recall it instead',
    ])
  })

  it('recalls within 24 hours of delivery by the given clock, and never later', () => {
    const stored = deliveredNotice(DELIVERED)
    const recalled = { ...stored, status: 'recalled' as const }
    expect(problems(teacher, recalled, stored, DELIVERED + 23 * HOUR).invalid).toEqual([])
    expect(problems(teacher, recalled, stored, DELIVERED + RECALL_WINDOW_MS).invalid).toEqual([
      'notice n1: a notice can be recalled only within 24 hours of its delivery',
    ])
    expect(recallRemainingMs(stored, DELIVERED + 23 * HOUR)).toBe(HOUR)
    expect(recallRemainingMs(notice(), DELIVERED)).toBe(0)
  })

  it('moves status only along draft → sent → closed / recalled', () => {
    expect(problems(teacher, notice({ status: 'closed' }), null).invalid).toEqual([
      'notice n1: status cannot change from draft to closed',
    ])
    const closed = deliveredNotice(DELIVERED, { status: 'closed' })
    expect(problems(teacher, { ...closed, status: 'sent' }, closed).invalid).toEqual([
      'notice n1: status cannot change from closed to sent',
    ])
    const stored = deliveredNotice(DELIVERED)
    expect(problems(teacher, { ...stored, status: 'closed', reminders: 2 }, stored).invalid).toEqual([])
    expect(problems(teacher, { ...stored, reminders: 0 }, { ...stored, reminders: 1 }).invalid).toEqual([
      'notice n1: reminders cannot go down',
    ])
  })

  it('is due when sent and its time has come, until delivered', () => {
    expect(isDue(notice({ status: 'sent' }), 0)).toBe(true)
    expect(isDue(notice({ status: 'sent', sendAt: 10 }), 9)).toBe(false)
    expect(isDue(notice({ status: 'sent', sendAt: 10 }), 10)).toBe(true)
    expect(isDue(notice(), 10)).toBe(false)
    expect(isDue(deliveredNotice(5), 10)).toBe(false)
    expect(isDue({ ...notice({ status: 'sent' }), _deleted: true }, 10)).toBe(false)
  })
})

describe('receipts', () => {
  const receipt: Receipt = {
    id: 'n1:g1',
    kind: 'receipt',
    schoolId: 'demo',
    updatedAt: 1,
    noticeId: 'n1',
    personId: 'g1',
    personKind: 'guardian',
    studentIds: ['s1'],
    classIds: ['c1'],
    deliveredAt: 1,
  }

  it('are refused from any pusher, admins included', () => {
    expect(checkWrite(admin, receipt, null)).toEqual({
      ok: false,
      reason: 'receipt n1:g1: receipts are written by the server only',
    })
  })

  it('are read by admins and by the users whose notices the scope lists', () => {
    const none = { classIds: new Set<string>(), studentIds: new Set<string>() }
    expect(canRead(admin, receipt, none)).toBe(true)
    expect(canRead(teacher, receipt, none)).toBe(false)
    expect(canRead(teacher, receipt, { ...none, noticeIds: new Set(['n1']) })).toBe(true)
  })

  it('are read as notices by their author and CC staff', () => {
    expect(canRead(teacher, notice())).toBe(true)
    expect(canRead(otherTeacher, notice())).toBe(false)
    expect(canRead(otherTeacher, notice({ ccStaffIds: ['t2'] }))).toBe(true)
  })
})
