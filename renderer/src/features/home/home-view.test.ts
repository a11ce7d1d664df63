import { describe, expect, it } from 'vitest'
import type { Role, SessionUser } from '../../../../domain/auth/roles.ts'
import type { Term } from '../../../../domain/catalog/term.ts'
import { deliveredNotice, notice, receipt } from '../../../../domain/notices/testing.ts'
import type { Lesson } from '../../../../domain/timetable/lesson.ts'
import {
  lessonsOfDay,
  noticesToAnswer,
  recentNotices,
  shortcutsOf,
  summaryOfDay,
  todayViewsOf,
  waitingItems,
} from './home-view.ts'

const user = (id: string, ...roles: Role[]): SessionUser => ({ id, schoolId: 'demo', name: id, roles })
const ADMIN = user('a1', 'admin')
const TEACHER = user('t1', 'teacher')
const HEAD_TEACHER = user('t2', 'admin', 'teacher')

const TERM: Term = {
  id: 'term1',
  kind: 'term',
  schoolId: 'demo',
  updatedAt: 1,
  name: '2026 秋',
  start: '2026-09-01',
  end: '2027-01-20',
  periods: [
    { id: 'p2', name: '第二节', start: '09:00', end: '09:45' },
    { id: 'p1', name: '第一节', start: '08:00', end: '08:45' },
  ],
}

function lesson(id: string, fields: Partial<Lesson> = {}): Lesson {
  return {
    id,
    kind: 'lesson',
    schoolId: 'demo',
    updatedAt: 1,
    termId: 'term1',
    date: '2026-12-07',
    periodId: 'p1',
    teacherId: 't1',
    subjectId: 'math',
    classId: 'c1',
    locationId: 'r1',
    ...fields,
  }
}

describe('what the home shows for which role', () => {
  it('gives teachers their own lessons and admins the school day, both to someone with both roles', () => {
    expect(todayViewsOf(TEACHER)).toEqual(['my-lessons'])
    expect(todayViewsOf(ADMIN)).toEqual(['school-lessons'])
    expect(todayViewsOf(HEAD_TEACHER)).toEqual(['my-lessons', 'school-lessons'])
    expect(todayViewsOf(user('g1', 'guardian'))).toEqual([])
  })

  it("links to each role's everyday tasks, admins' first and none twice", () => {
    expect(shortcutsOf(ADMIN)).toEqual(['notice-new', 'timetable', 'staff-directory', 'site'])
    expect(shortcutsOf(TEACHER)).toEqual(['my-timetable', 'questions', 'definitions', 'courses'])
    expect(shortcutsOf(HEAD_TEACHER)).toEqual([...shortcutsOf(ADMIN), ...shortcutsOf(TEACHER)])
  })
})

describe('lessonsOfDay', () => {
  const lessons = [
    lesson('late', { periodId: 'p2' }),
    lesson('early-c2', { classId: 'c2' }),
    lesson('early-c1'),
    lesson('other-teacher', { teacherId: 't9', classId: 'c3' }),
    lesson('cancelled', { cancelled: true }),
    lesson('tomorrow', { date: '2026-12-08' }),
    lesson('lost-period', { periodId: 'gone' }),
  ]

  it("lists one teacher's lessons of the day in the order of the day, cancelled ones left out", () => {
    const day = lessonsOfDay(lessons, [TERM], '2026-12-07', 't1')
    expect(day.map(({ lesson }) => lesson.id)).toEqual(['early-c1', 'early-c2', 'late', 'lost-period'])
    expect(day[0]?.period?.name).toBe('第一节')
    expect(day[3]?.period).toBeUndefined()
  })

  it("lists the whole school's day without a teacher, and summarises it", () => {
    const day = lessonsOfDay(lessons, [TERM], '2026-12-07')
    expect(day).toHaveLength(5)
    expect(summaryOfDay(day)).toEqual({ lessons: 5, classes: 3, teachers: 2 })
  })

  it('is empty on a day without lessons', () => {
    expect(lessonsOfDay(lessons, [TERM], '2026-12-12', 't1')).toEqual([])
    expect(summaryOfDay([])).toEqual({ lessons: 0, classes: 0, teachers: 0 })
  })
})

describe('waitingItems', () => {
  const none = { changes: 0, uploads: 0, problems: 0, comments: 0, answers: 0 }

  it('lists only what waits, problems first', () => {
    expect(waitingItems(none)).toEqual([])
    expect(waitingItems({ ...none, changes: 3, problems: 1, answers: 2 })).toEqual([
      { kind: 'problems', count: 1 },
      { kind: 'changes', count: 3 },
      { kind: 'answers', count: 2 },
    ])
  })
})

describe('notices on the home', () => {
  it('finds the open notices with a form that the user has not answered', () => {
    const notices = [
      deliveredNotice(10, { id: 'open' }),
      deliveredNotice(10, { id: 'answered' }),
      deliveredNotice(10, { id: 'closed', status: 'closed' }),
      deliveredNotice(10, { id: 'no-form', questions: [] }),
      deliveredNotice(10, { id: 'someone-else' }),
    ]
    const receipts = [
      receipt('open', 'a1', { personKind: 'staff' }),
      receipt('answered', 'a1', { personKind: 'staff', answeredAt: 20 }),
      receipt('closed', 'a1', { personKind: 'staff' }),
      receipt('no-form', 'a1', { personKind: 'staff' }),
      receipt('someone-else', 'g1'),
    ]
    expect(noticesToAnswer(notices, receipts, ADMIN).map((n) => n.id)).toEqual(['open'])
  })

  it('lists the newest notices the user sees, drafts left out', () => {
    const notices = [
      deliveredNotice(10, { id: 'mine-old' }),
      deliveredNotice(30, { id: 'mine-new' }),
      notice({ id: 'my-draft' }),
      deliveredNotice(20, { id: 'cc', authorId: 'a1', ccStaffIds: ['t1'] }),
      deliveredNotice(40, { id: 'not-for-me', authorId: 'a1' }),
    ]
    expect(recentNotices(notices, TEACHER, 5).map((n) => n.id)).toEqual(['mine-new', 'cc', 'mine-old'])
    expect(recentNotices(notices, TEACHER, 2).map((n) => n.id)).toEqual(['mine-new', 'cc'])
    expect(recentNotices(notices, ADMIN, 5).map((n) => n.id)).toEqual([
      'not-for-me',
      'mine-new',
      'cc',
      'mine-old',
    ])
  })
})
