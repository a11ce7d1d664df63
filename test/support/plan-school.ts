import type { Period } from '../../domain/catalog/term.ts'
import type { TermForFet } from '../../domain/timetable/fet/term-to-fet.ts'
import type { PlanEntry } from '../../domain/timetable/plan-entry.ts'

/** Periods given out of order, to check that hours follow start times. */
export const PERIODS: Period[] = [
  { id: 'p3', name: '第3节', start: '10:00', end: '10:45' },
  { id: 'p1', name: '第1节', start: '08:00', end: '08:45' },
  { id: 'p2', name: '第2节', start: '08:55', end: '09:40' },
]

type Booking = Pick<PlanEntry, 'weekday' | 'periodId' | 'teacherId' | 'subjectId' | 'classId' | 'locationId'>

export function planEntry(id: string, booking: Booking, termId = 'term'): PlanEntry {
  return { id, kind: 'plan_entry', schoolId: 'school', updatedAt: 0, termId, ...booking }
}

/**
 * A small school: two teachers (one name twice), two grades with three classes, two subjects, a classroom, a
 * lab and a playground several classes share; a plan with a double lesson (Monday 1–2) and a shared room.
 */
export function planSchool(): TermForFet {
  const book = (teacherId: string, subjectId: string, classId: string, locationId: string) => ({
    teacherId,
    subjectId,
    classId,
    locationId,
  })
  return {
    institution: 'Small & <School>',
    periods: PERIODS,
    teachers: [
      { id: 't-li', name: '李老师' },
      { id: 't-wang', name: '王老师' },
      { id: 't-wang2', name: '王老师' },
    ],
    classes: [
      { id: 'c71', name: '初一(1)班', gradeName: '初一' },
      { id: 'c72', name: '初一(2)班', gradeName: '初一' },
      { id: 'c81', name: '初二(1)班', gradeName: '初二' },
    ],
    subjects: [
      { id: 's-math', name: '数学' },
      { id: 's-pe', name: '体育' },
    ],
    locations: [
      { id: 'l-101', name: 'A101', multiClass: false, capacity: 45 },
      { id: 'l-lab', name: '实验室', multiClass: false },
      { id: 'l-ground', name: '操场', multiClass: true },
    ],
    entries: [
      planEntry('e1', { weekday: 1, periodId: 'p1', ...book('t-li', 's-math', 'c71', 'l-101') }),
      planEntry('e2', { weekday: 1, periodId: 'p2', ...book('t-li', 's-math', 'c71', 'l-101') }),
      planEntry('e3', { weekday: 2, periodId: 'p3', ...book('t-li', 's-math', 'c71', 'l-101') }),
      planEntry('e4', { weekday: 1, periodId: 'p3', ...book('t-wang', 's-pe', 'c72', 'l-ground') }),
      planEntry('e5', { weekday: 1, periodId: 'p3', ...book('t-wang2', 's-pe', 'c81', 'l-ground') }),
      planEntry('e6', { weekday: 3, periodId: 'p1', ...book('t-wang2', 's-math', 'c81', 'l-lab') }),
    ],
  }
}

/** A plan entry or draft as one comparable line: where, when, who, what. */
export function bookingText(entry: Booking): string {
  return [
    entry.weekday,
    entry.periodId,
    entry.teacherId,
    entry.subjectId,
    entry.classId,
    entry.locationId,
  ].join(' ')
}
