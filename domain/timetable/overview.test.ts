import { describe, expect, it } from 'vitest'
import type { Period } from '../catalog/term.ts'
import type { Lesson } from './lesson.ts'
import { classesOfDay, openingDay, teachersOfDay } from './overview.ts'

const periods: Period[] = [
  { id: 'p1', name: '第1节', start: '08:00', end: '08:45' },
  { id: 'p2', name: '第2节', start: '08:55', end: '09:40' },
  { id: 'p3', name: '第3节', start: '10:00', end: '10:45' },
]

let next = 0
function lesson(fields: Partial<Lesson>): Lesson {
  next++
  return {
    id: `l${next}`,
    kind: 'lesson',
    schoolId: 'demo',
    updatedAt: 1,
    termId: 't',
    date: '2026-12-07',
    periodId: 'p1',
    teacherId: 'li',
    subjectId: 'math',
    classId: 'g7-1',
    locationId: 'a101',
    ...fields,
  }
}

const MONDAY = '2026-12-07'
const lessons = [
  lesson({ periodId: 'p1', classId: 'g7-1', teacherId: 'li' }),
  lesson({ periodId: 'p2', classId: 'g7-2', teacherId: 'li' }),
  lesson({ periodId: 'p1', classId: 'g7-2', teacherId: 'zhang', subjectId: 'chinese' }),
  // PE of two classes together on the playground.
  lesson({ periodId: 'p3', classId: 'g7-1', teacherId: 'sun', subjectId: 'pe' }),
  lesson({ periodId: 'p3', classId: 'g7-2', teacherId: 'sun', subjectId: 'pe' }),
  // Another day, a cancelled lesson, a class that is not listed: not in Monday's overview.
  lesson({ date: '2026-12-08', periodId: 'p2', classId: 'g7-1', teacherId: 'zhang' }),
  lesson({ periodId: 'p2', classId: 'g7-1', teacherId: 'zhang', cancelled: true }),
  lesson({ periodId: 'p2', classId: 'g8-1', teacherId: 'zhou' }),
]

const idsByPeriod = (byPeriod: Map<string, Lesson[]>) =>
  Object.fromEntries([...byPeriod].map(([periodId, cell]) => [periodId, cell.map((l) => l.subjectId)]))

describe('whole-school overview of a day', () => {
  it('lays out the classes given, in their order, by period, without cancelled lessons or other days', () => {
    const rows = classesOfDay(lessons, MONDAY, ['g7-2', 'g7-1', 'g9-1'], periods)
    expect(rows.map((row) => row.id)).toEqual(['g7-2', 'g7-1', 'g9-1'])
    expect(rows.map((row) => idsByPeriod(row.byPeriod))).toEqual([
      { p1: ['chinese'], p2: ['math'], p3: ['pe'] },
      { p1: ['math'], p3: ['pe'] },
      {},
    ])
    expect(rows.map((row) => row.freePeriodIds)).toEqual([[], ['p2'], ['p1', 'p2', 'p3']])
  })

  it("gives each teacher's free periods, a teacher with two classes at once in one cell", () => {
    const rows = teachersOfDay(lessons, MONDAY, ['li', 'sun', 'zhang', 'zhou', 'wang'], periods)
    expect(rows.map((row) => [row.id, row.freePeriodIds])).toEqual([
      ['li', ['p3']],
      ['sun', ['p1', 'p2']],
      ['zhang', ['p2', 'p3']],
      ['zhou', ['p1', 'p3']],
      ['wang', ['p1', 'p2', 'p3']],
    ])
    expect(rows[1]?.byPeriod.get('p3')?.map((l) => l.classId)).toEqual(['g7-1', 'g7-2'])
  })
})

describe('the day the overview opens on', () => {
  const term = { start: '2026-09-01', end: '2027-01-15' }
  const days = (...dates: string[]) => dates.map((date) => ({ date }))

  it('is today when it has lessons, else the next day that has', () => {
    expect(openingDay(term, '2026-12-07', days('2026-12-04', '2026-12-07', '2026-12-08'))).toBe('2026-12-07')
    // Saturday: Monday.
    expect(openingDay(term, '2026-12-05', days('2026-12-04', '2026-12-08', '2026-12-07'))).toBe('2026-12-07')
  })

  it('skips cancelled lessons and lessons of other terms', () => {
    const lessons = [{ date: '2026-12-07', cancelled: true }, { date: '2027-03-01' }, { date: '2026-12-09' }]
    expect(openingDay(term, '2026-12-05', lessons)).toBe('2026-12-09')
  })

  it('is the first day with lessons before the term, the last one after its lessons end', () => {
    expect(openingDay(term, '2026-08-01', days('2026-09-02', '2026-09-01'))).toBe('2026-09-01')
    expect(openingDay(term, '2027-01-14', days('2027-01-08', '2026-09-01'))).toBe('2027-01-08')
  })

  it('is today inside the term when there are no lessons yet', () => {
    expect(openingDay(term, '2026-12-05', [])).toBe('2026-12-05')
    expect(openingDay(term, '2026-08-01', [])).toBe('2026-09-01')
    expect(openingDay(term, '2027-02-01', [])).toBe('2027-01-15')
  })
})
