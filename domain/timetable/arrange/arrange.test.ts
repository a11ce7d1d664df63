import { describe, expect, it } from 'vitest'
import type { Period } from '../../catalog/term.ts'
import type { PlanEntry } from '../plan-entry.ts'
import { check } from '../solver/check.ts'
import { solve } from '../solver/solve.ts'
import {
  arrangeProblem,
  ArrangeInputError,
  demandsFromPlan,
  entriesFromAssignment,
  type ArrangeInput,
  type ArrangeSettings,
  type LessonDemand,
} from './arrange.ts'

const PERIODS: Period[] = Array.from({ length: 6 }, (_, i) => ({
  id: `p${i + 1}`,
  name: `P${i + 1}`,
  start: `0${i + 1}:00`,
  end: `0${i + 1}:45`,
}))

const SETTINGS: ArrangeSettings = {
  weekdays: [1, 2, 3, 4, 5],
  unavailable: [],
  maxLessonsPerDay: 4,
  maxGapsPerWeek: null,
  subjectOnDifferentDays: true,
}

function entry(id: string, fields: Partial<PlanEntry>): PlanEntry {
  return {
    id,
    kind: 'plan_entry',
    schoolId: 's',
    updatedAt: 0,
    termId: 't',
    weekday: 1,
    periodId: 'p1',
    teacherId: 'ana',
    subjectId: 'math',
    classId: '1a',
    locationId: 'room-1a',
    ...fields,
  }
}

const MATH_1A: LessonDemand = {
  classId: '1a',
  subjectId: 'math',
  teacherId: 'ana',
  locationId: 'room-1a',
  count: 5,
  doubles: 0,
}

/** Two classes with home rooms, a shared lab and a gym several classes may use at once. */
function smallSchool(): LessonDemand[] {
  const demand = (
    classId: string,
    subjectId: string,
    teacherId: string,
    locationId: string,
    count: number,
  ) => ({
    classId,
    subjectId,
    teacherId,
    locationId,
    count,
    doubles: 0,
  })
  return [
    demand('1a', 'math', 'ana', 'room-1a', 5),
    demand('1b', 'math', 'ana', 'room-1b', 5),
    demand('1a', 'chinese', 'bo', 'room-1a', 5),
    demand('1b', 'chinese', 'bo', 'room-1b', 5),
    demand('1a', 'physics', 'chen', 'lab', 3),
    demand('1b', 'physics', 'chen', 'lab', 3),
    demand('1a', 'pe', 'dan', 'gym', 2),
    demand('1b', 'pe', 'dan', 'gym', 2),
  ]
}

function input(overrides: Partial<ArrangeInput> = {}): ArrangeInput {
  return {
    termId: 't',
    periods: PERIODS,
    demands: smallSchool(),
    fixed: [],
    settings: SETTINGS,
    sharedLocationIds: new Set(['gym']),
    ...overrides,
  }
}

async function arrangeAndCheck(arrangeInput: ArrangeInput) {
  const arranged = arrangeProblem(arrangeInput)
  const result = await solve(arranged.problem, { seed: 1, signal: AbortSignal.timeout(20_000) })
  return { arranged, result, entries: entriesFromAssignment(arranged, result.assignment, 't') }
}

describe('demandsFromPlan', () => {
  it('counts lessons per class, subject and teacher, in the room used most', () => {
    const demands = demandsFromPlan([
      entry('1', { weekday: 1 }),
      entry('2', { weekday: 2, locationId: 'lab' }),
      entry('3', { weekday: 3 }),
      entry('4', { classId: '1b', locationId: 'room-1b' }),
    ])
    expect(demands).toEqual([
      { classId: '1a', subjectId: 'math', teacherId: 'ana', locationId: 'room-1a', count: 3, doubles: 0 },
      { classId: '1b', subjectId: 'math', teacherId: 'ana', locationId: 'room-1b', count: 1, doubles: 0 },
    ])
  })
})

describe('arrangeProblem', () => {
  it('makes classes subgroups, periods hours, school days days, each lesson an activity in its room', () => {
    const { problem, locationIds } = arrangeProblem(input())
    expect(problem.dayNames).toEqual(['1', '2', '3', '4', '5'])
    expect(problem.hourNames).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6'])
    expect(problem.subgroupNames).toEqual(['1a', '1b'])
    expect(problem.activities).toHaveLength(30)
    expect(locationIds).toEqual(['room-1a', 'room-1b', 'lab'])
    const pe = problem.activities.filter((activity) => activity.subject === 'pe')
    expect(pe.every((activity) => activity.possibleRooms === null)).toBe(true)
  })

  it('turns double lessons into two-period activities', () => {
    const demands = [{ ...MATH_1A, count: 5, doubles: 2 }]
    const { problem } = arrangeProblem(input({ demands }))
    expect(problem.activities.map((activity) => activity.duration)).toEqual([2, 2, 1])
  })

  it('refuses counts the solver cannot meet, with a clear error', () => {
    const demands = [{ ...MATH_1A, count: 3, doubles: 2 }]
    expect(() => arrangeProblem(input({ demands }))).toThrow(ArrangeInputError)
    expect(() => arrangeProblem(input({ settings: { ...SETTINGS, weekdays: [] } }))).toThrow('no school days')
  })
})

describe('arranging a small school', () => {
  it('places every lesson, passes check and round-trips to plan entries', async () => {
    const { arranged, result, entries } = await arrangeAndCheck(input())
    expect(result.complete).toBe(true)
    expect(check(arranged.problem, result.assignment).hard).toEqual([])
    expect(entries).toHaveLength(30)
    expect(
      demandsFromPlan(entries.map((draft, i) => ({ ...draft, id: String(i), schoolId: 's', updatedAt: 0 }))),
    ).toEqual(expect.arrayContaining(smallSchool()))
    const slots = new Set(
      entries.filter((e) => e.teacherId === 'ana').map((e) => `${e.weekday}|${e.periodId}`),
    )
    expect(slots.size).toBe(10)
  })

  it('keeps fixed lessons in place and leaves them out of the new entries', async () => {
    const fixed = [entry('kept', { weekday: 3, periodId: 'p2' })]
    const { arranged, result, entries } = await arrangeAndCheck(input({ fixed }))
    expect(result.complete).toBe(true)
    const keptIndex = arranged.lessons.findIndex((lesson) => lesson.fixedEntryId === 'kept')
    expect(result.assignment[keptIndex]?.slot).toBe(2 * PERIODS.length + 1)
    expect(entries).toHaveLength(29)
    expect(entries.some((e) => e.classId === '1a' && e.weekday === 3 && e.periodId === 'p2')).toBe(false)
  })

  it('respects teachers not available, max lessons a day and subjects on different days', async () => {
    const unavailable = PERIODS.slice(0, 3).map((period) => ({
      teacherId: 'ana',
      weekday: 1,
      periodId: period.id,
    }))
    const { result, entries } = await arrangeAndCheck(input({ settings: { ...SETTINGS, unavailable } }))
    expect(result.complete).toBe(true)
    const anaMonday = entries.filter((e) => e.teacherId === 'ana' && e.weekday === 1)
    expect(anaMonday.map((e) => e.periodId).filter((id) => ['p1', 'p2', 'p3'].includes(id))).toEqual([])
    for (const weekday of SETTINGS.weekdays) {
      const ana = entries.filter((e) => e.teacherId === 'ana' && e.weekday === weekday)
      expect(ana.length).toBeLessThanOrEqual(4)
      const physics1a = entries.filter(
        (e) => e.classId === '1a' && e.subjectId === 'physics' && e.weekday === weekday,
      )
      expect(physics1a.length).toBeLessThanOrEqual(1)
    }
  })

  it('places double lessons on two periods running', async () => {
    const demands = smallSchool().map((d) => (d.subjectId === 'physics' ? { ...d, count: 4, doubles: 1 } : d))
    const { result, entries } = await arrangeAndCheck(
      input({ demands, settings: { ...SETTINGS, subjectOnDifferentDays: false } }),
    )
    expect(result.complete).toBe(true)
    const physics = entries.filter((e) => e.classId === '1a' && e.subjectId === 'physics')
    expect(physics).toHaveLength(4)
    const doubleDay = SETTINGS.weekdays.find((day) => physics.filter((e) => e.weekday === day).length === 2)
    const [first = 0, second = 0] = physics
      .filter((e) => e.weekday === doubleDay)
      .map((e) => PERIODS.findIndex((p) => p.id === e.periodId))
      .sort()
    expect(second - first).toBe(1)
  })

  it('reports what cannot be satisfied when stopped: more lessons than the week holds', async () => {
    const demands = [{ ...MATH_1A, count: 31 }]
    const arranged = arrangeProblem(
      input({ demands, settings: { ...SETTINGS, maxLessonsPerDay: null, subjectOnDifferentDays: false } }),
    )
    const result = await solve(arranged.problem, { seed: 1, signal: AbortSignal.timeout(300) })
    expect(result.complete).toBe(false)
    expect(result.check.hard.some((v) => v.reason.includes('is not placed'))).toBe(true)
    expect(entriesFromAssignment(arranged, result.assignment, 't')).toHaveLength(30)
  })
})
