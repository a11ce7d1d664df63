import { describe, expect, it } from 'vitest'
import { constraint, schoolFet } from '../../../test/support/fet-school.ts'
import { bookingText as booking, PERIODS, planSchool } from '../../../test/support/plan-school.ts'
import { fetPlacementsOf, fetToPlan, matchName, type SchoolRecords } from './fet-to-plan.ts'
import { readFet } from './read-fet.ts'
import { termToFet } from './term-to-fet.ts'

describe('matchName', () => {
  const records = [
    { id: '1', name: 'Ana' },
    { id: '2', name: 'ana ' },
    { id: '3', name: 'Bo' },
    { id: '4', name: 'Bo' },
  ]
  it('takes the one exact match, else the one trimmed, case-insensitive match; never guesses between two', () => {
    expect(matchName('Ana', records)?.id).toBe('1')
    expect(matchName('ana ', records)?.id).toBe('2')
    expect(matchName('ANA', records)).toBeUndefined()
    expect(matchName(' bo', records)).toBeUndefined()
    expect(matchName('Cy', records)).toBeUndefined()
  })
})

describe('fetToPlan', () => {
  it('brings an exported term back as the same plan entries', () => {
    const school = {
      ...planSchool(),
      teachers: [...planSchool().teachers.slice(0, 2), { id: 't-wang2', name: '赵老师' }],
    }
    const fet = readFet(termToFet(school).xml)
    const result = fetToPlan(fet, fetPlacementsOf(fet), school, { termId: 'other-term', periods: PERIODS })
    expect(result.notPlaced).toEqual([])
    expect(Object.values(result.unmatched).flat()).toEqual([])
    expect(result.drafts.every((draft) => draft.termId === 'other-term')).toBe(true)
    expect(result.drafts.map(booking).sort()).toEqual(school.entries.map(booking).sort())
  })

  const lockTime = (id: number, day: string, hour: string) =>
    constraint(
      'ActivityPreferredStartingTime',
      `<Activity_Id>${id}</Activity_Id><Preferred_Day>${day}</Preferred_Day><Preferred_Hour>${hour}</Preferred_Hour>`,
    )
  const lockRoom = (id: number, room: string) =>
    constraint('ActivityPreferredRoom', `<Activity_Id>${id}</Activity_Id><Room>${room}</Room>`)
  const fet = readFet(
    schoolFet(
      [lockTime(1, 'Mo', '1'), lockTime(3, 'Tu', '3'), lockTime(4, 'We', '2'), lockTime(2, 'Mo', '2')],
      [lockRoom(1, 'R1'), lockRoom(4, 'R2')],
    ),
  )
  const records: SchoolRecords = {
    teachers: [
      { id: 'ta', name: 'A' },
      { id: 'tb', name: ' b' },
    ],
    classes: [
      { id: 'cg1', name: 'g1' },
      { id: 'cy2', name: 'Y2' },
    ],
    subjects: [
      { id: 'sm', name: 'Math' },
      { id: 'sa', name: 'Art' },
    ],
    locations: [{ id: 'lr1', name: 'R1' }],
  }
  const target = { termId: 'term', periods: PERIODS }

  it('matches names, lists the unmatched ones and the activities that cannot become plan entries', () => {
    const result = fetToPlan(fet, fetPlacementsOf(fet), records, target)
    expect(result.matched.teachers.map((m) => [m.fetName, m.id])).toEqual([
      ['A', 'ta'],
      ['B', 'tb'],
    ])
    expect(result.matched.students.map((m) => [m.fetName, m.id])).toEqual([
      ['G1', 'cg1'],
      ['Y2', 'cy2'],
    ])
    expect(result.unmatched).toEqual({ teachers: [], students: ['S1'], subjects: ['Sport'], rooms: ['R2'] })
    expect(result.drafts.map(booking)).toEqual(['1 p1 ta sm cg1 lr1'])
    expect(result.notPlaced).toEqual([
      { activityId: 2, reason: 'noRoom' },
      { activityId: 3, reason: 'hourOutsideTerm' },
      { activityId: 4, reason: 'unmatchedSubject' },
    ])
  })

  it('takes a FET solution over the locks, and a default location for lessons without a room', () => {
    const solution = [
      { id: 2, day: 'We', hour: '3', room: '' },
      { id: 3, day: 'Tu', hour: '1', room: 'R1' },
    ]
    const result = fetToPlan(fet, fetPlacementsOf(fet, solution), records, {
      ...target,
      defaultLocationId: 'lx',
    })
    expect(result.drafts.map(booking)).toEqual([
      '1 p1 ta sm cg1 lr1',
      '3 p3 ta sm cg1 lx',
      '2 p1 tb sa cy2 lr1',
      '2 p2 tb sa cy2 lr1',
    ])
  })

  it('does not place activities without a placement, on a day past Sunday, or with several teachers', () => {
    const result = fetToPlan(
      { ...fet, days: ['1', '2', '3', '4', '5', '6', '7', 'Mo'] },
      fetPlacementsOf(fet),
      records,
      target,
    )
    expect(result.notPlaced.find((n) => n.activityId === 1)?.reason).toBe('dayOutsideWeek')
    const twoTeachers = fet.activities.map((a) => (a.id === 1 ? { ...a, teachers: ['A', 'B'] } : a))
    const noLocks = { ...fet, activities: twoTeachers, timeConstraints: [] }
    expect(
      fetToPlan(noLocks, fetPlacementsOf(noLocks), records, target).notPlaced.map((n) => n.reason),
    ).toEqual(['noPlacement', 'noPlacement', 'noPlacement', 'noPlacement'])
    const placedTwoTeachers = { ...fet, activities: twoTeachers }
    expect(fetToPlan(placedTwoTeachers, fetPlacementsOf(fet), records, target).notPlaced[0]).toEqual({
      activityId: 1,
      reason: 'notOneTeacher',
    })
  })
})
