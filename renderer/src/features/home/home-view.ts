import { isAdmin, isStaff, type SessionUser } from '../../../../domain/auth/roles.ts'
import type { Period, Term } from '../../../../domain/catalog/term.ts'
import { noticesOfTab, noticeTime, tabsOf } from '../../../../domain/notices/lists.ts'
import type { Notice } from '../../../../domain/notices/notice.ts'
import type { Receipt } from '../../../../domain/notices/receipt.ts'
import { isActive, type Lesson } from '../../../../domain/timetable/lesson.ts'

/** What the home screen shows of today's timetable: a teacher's own lessons, the whole school's for admins. */
export type TodayView = 'my-lessons' | 'school-lessons'

export function todayViewsOf(user: SessionUser): TodayView[] {
  const views: TodayView[] = []
  if (user.roles.includes('teacher')) views.push('my-lessons')
  if (isAdmin(user)) views.push('school-lessons')
  return views
}

/** The everyday tasks the home screen links to (route names), admins' first for someone with both roles. */
const SHORTCUTS = {
  admin: ['notice-new', 'timetable', 'staff-directory', 'site'],
  teacher: ['my-timetable', 'questions', 'definitions', 'courses'],
} as const

export type Shortcut = (typeof SHORTCUTS)[keyof typeof SHORTCUTS][number]

export function shortcutsOf(user: SessionUser): Shortcut[] {
  const shortcuts: Shortcut[] = []
  if (isAdmin(user)) shortcuts.push(...SHORTCUTS.admin)
  if (user.roles.includes('teacher')) shortcuts.push(...SHORTCUTS.teacher)
  return [...new Set(shortcuts)]
}

/** One lesson of the day with its period, in the order of the day. */
export interface LessonOfDay {
  lesson: Lesson
  period: Period | undefined
}

/**
 * The lessons taking place on `date` (cancelled ones left out), for one teacher or for everyone (`teacherId`
 * undefined), in the order of the day: by the period's start, then by class; a lesson whose period is no longer
 * in its term comes last.
 */
export function lessonsOfDay(
  lessons: readonly Lesson[],
  terms: readonly Term[],
  date: string,
  teacherId?: string,
): LessonOfDay[] {
  const periods = new Map(terms.flatMap((term) => term.periods.map((period) => [period.id, period] as const)))
  return lessons
    .filter((lesson) => lesson.date === date && isActive(lesson))
    .filter((lesson) => teacherId === undefined || lesson.teacherId === teacherId)
    .map((lesson) => ({ lesson, period: periods.get(lesson.periodId) }))
    .sort(
      (a, b) =>
        (a.period?.start ?? '99:99').localeCompare(b.period?.start ?? '99:99') ||
        a.lesson.classId.localeCompare(b.lesson.classId),
    )
}

/** The school's day at a glance: how many lessons, and how many classes and teachers have one. */
export interface DaySummary {
  lessons: number
  classes: number
  teachers: number
}

export function summaryOfDay(day: readonly LessonOfDay[]): DaySummary {
  return {
    lessons: day.length,
    classes: new Set(day.map(({ lesson }) => lesson.classId)).size,
    teachers: new Set(day.map(({ lesson }) => lesson.teacherId)).size,
  }
}

/** Counts of what waits for this PC or this user, from the sync status and the replica. */
export interface WaitingCounts {
  /** Local changes not yet on the server. */
  changes: number
  /** Files waiting to upload. */
  uploads: number
  /** Files the server refused, and edits lost to a conflict or a refusal: the sync drawer lists them. */
  problems: number
  /** Micro-site comments waiting for this user's moderation. */
  comments: number
  /** Notices delivered to this user whose form they have not answered. */
  answers: number
}

export type WaitingKind = keyof WaitingCounts

export interface WaitingItem {
  kind: WaitingKind
  count: number
}

const WAITING_ORDER: WaitingKind[] = ['problems', 'changes', 'uploads', 'comments', 'answers']

/** What waits, problems first; nothing waiting is an empty list. */
export function waitingItems(counts: WaitingCounts): WaitingItem[] {
  return WAITING_ORDER.filter((kind) => counts[kind] > 0).map((kind) => ({ kind, count: counts[kind] }))
}

/**
 * Notices delivered to `user` that ask for an answer they have not given yet (the notice still open). The replica
 * holds a user's own receipt where they may read it (admins read every receipt).
 */
export function noticesToAnswer(
  notices: readonly Notice[],
  receipts: readonly Receipt[],
  user: SessionUser,
): Notice[] {
  const unanswered = new Set(
    receipts
      .filter((receipt) => receipt.personId === user.id && receipt.answeredAt === undefined)
      .map((receipt) => receipt.noticeId),
  )
  return notices.filter(
    (notice) => unanswered.has(notice.id) && notice.status === 'sent' && notice.questions.length > 0,
  )
}

/** The newest notices `user` sees on the notices page (drafts left out), newest first. */
export function recentNotices(notices: readonly Notice[], user: SessionUser, limit: number): Notice[] {
  if (!isStaff(user)) return []
  const seen = new Map<string, Notice>()
  for (const tab of tabsOf(user))
    for (const notice of noticesOfTab(notices, tab, user))
      if (notice.status !== 'draft') seen.set(notice.id, notice)
  return [...seen.values()].sort((a, b) => noticeTime(b) - noticeTime(a)).slice(0, limit)
}
