import { describe, expect, it } from 'vitest'
import { check } from './check.ts'
import { polish } from './polish.ts'
import {
  HARD_WEIGHT,
  type Assignment,
  type Problem,
  type ProblemActivity,
  type ProblemConstraint,
} from './problem.ts'

/** Two days of two hours: slots 0, 1 (Mo) and 2, 3 (Tu). */
const SLOTS = 4

function lesson(id: number, teacher: number, possibleRooms: number[] | null = null): ProblemActivity {
  return {
    id,
    groupId: 0,
    duration: 1,
    teachers: [teacher],
    subgroups: [0],
    students: 20,
    subject: `S${id}`,
    tags: [],
    possibleRooms,
  }
}

/** One class, lessons x0 and x1 of teacher 0 and y0 and y1 of teacher 1, x0 and x1 wanted on different days. */
function school(extra: ProblemConstraint[] = []): Problem {
  return {
    dayNames: ['Mo', 'Tu'],
    hourNames: ['1', '2'],
    teacherNames: ['T0', 'T1'],
    subgroupNames: ['C'],
    rooms: [{ name: 'Lab', capacity: 30 }],
    activities: [lesson(1, 0), lesson(2, 0), lesson(3, 1), lesson(4, 1)],
    constraints: [
      { kind: 'basicTime', weight: HARD_WEIGHT, source: 'basic time' },
      {
        kind: 'minDaysBetween',
        weight: 95,
        source: 'x on different days',
        activities: [0, 1],
        minDays: 1,
        consecutiveIfSameDay: false,
      },
      ...extra,
    ],
  }
}

/**
 * One day of two hours; class C0 has a0 (T0) and a1 (T1), class C1 a2 (T1) and a3 (T2), both busy both hours; a0 is
 * wanted in the second hour. With `rooms`, C0's lessons need room R0 and C1's room R1.
 */
function twoFullClasses(rooms = false): Problem {
  const inClass = (id: number, teacher: number, subgroup: number) => ({
    ...lesson(id, teacher, rooms ? [subgroup] : null),
    subgroups: [subgroup],
  })
  return {
    dayNames: ['Mo'],
    hourNames: ['1', '2'],
    teacherNames: ['T0', 'T1', 'T2'],
    subgroupNames: ['C0', 'C1'],
    rooms: [
      { name: 'R0', capacity: 30 },
      { name: 'R1', capacity: 30 },
    ],
    activities: [inClass(1, 0, 0), inClass(2, 1, 0), inClass(3, 1, 1), inClass(4, 2, 1)],
    constraints: [
      { kind: 'basicTime', weight: HARD_WEIGHT, source: 'basic time' },
      {
        kind: 'allowedStarts',
        weight: 90,
        source: 'a0 second',
        activity: 0,
        allowed: new Uint8Array([0, 1]),
      },
    ],
  }
}

const at = (...slots: number[]): Assignment => slots.map((slot) => ({ slot, room: null }))
const slotsOf = (assignment: Assignment) => assignment.map((placement) => placement?.slot)

describe('polish', () => {
  it('mends a broken soft constraint by moving one lesson and the one it forces out (x1 ↔ y0)', async () => {
    const problem = school()
    const start = at(0, 1, 2, 3)
    expect(check(problem, start).softCost).toBe(95)
    const polished = await polish(problem, start)
    expect(check(problem, polished)).toEqual({ hard: [], soft: [], softCost: 0 })
  })

  it('mends it with a free slot alone when there is one', async () => {
    const problem = school()
    problem.activities.pop()
    const polished = await polish(problem, at(0, 1, 2))
    expect(check(problem, polished)).toEqual({ hard: [], soft: [], softCost: 0 })
    expect(polished[2]).toEqual({ slot: 2, room: null })
  })

  it('never breaks a hard constraint to mend a soft one', async () => {
    const teacherAwayTuesday = new Uint8Array(SLOTS).fill(1, 2)
    const problem = school([
      {
        kind: 'teacherUnavailable',
        weight: HARD_WEIGHT,
        source: 'T0 away',
        teacher: 0,
        busy: teacherAwayTuesday,
      },
    ])
    const polished = await polish(problem, at(0, 1, 2, 3))
    expect(slotsOf(polished)).toEqual([0, 1, 2, 3])
    expect(check(problem, polished).hard).toEqual([])
  })

  it('keeps whole-week hard limits: no day of one lesson under a daily minimum of two', async () => {
    const problem = school([
      {
        kind: 'teacherMinHoursDaily',
        weight: HARD_WEIGHT,
        source: 'min 2',
        teachers: [0, 1],
        min: 2,
        allowEmptyDays: true,
      },
    ])
    const polished = await polish(problem, at(0, 1, 2, 3))
    expect(slotsOf(polished)).toEqual([0, 1, 2, 3])
  })

  it('puts a lesson without a hard room in the room a soft constraint prefers', async () => {
    const problem = school([
      { kind: 'preferredRooms', weight: 90, source: 'x1 in the lab', activities: [1], rooms: [0] },
    ])
    const polished = await polish(problem, at(0, 2, 1, 3))
    expect(polished[1]?.room).toBe(0)
    expect(check(problem, polished).softCost).toBe(0)
  })

  it('mends a soft interval max days: x0 leaves the second hour, which x1 has on the other day', async () => {
    const problem = school([
      {
        kind: 'teacherIntervalMaxDaysPerWeek',
        weight: 90,
        source: 'T0 one day with a second hour',
        teachers: [0],
        start: 1,
        end: 2,
        max: 1,
      },
    ])
    const start = at(1, 3, 0, 2)
    expect(check(problem, start).softCost).toBe(90)
    expect(check(problem, await polish(problem, start)).softCost).toBe(0)
  })

  it('moves a lesson by a swap chain through two classes when no ejection chain can (a full week)', async () => {
    const problem = twoFullClasses()
    const polished = await polish(problem, at(0, 1, 0, 1))
    expect(slotsOf(polished)).toEqual([1, 0, 1, 0])
    expect(check(problem, polished)).toEqual({ hard: [], soft: [], softCost: 0 })
  })

  it('gives each lesson of a swap chain the room the one it swaps with leaves', async () => {
    const problem = twoFullClasses(true)
    const start: Assignment = [0, 1, 0, 1].map((slot, index) => ({ slot, room: index < 2 ? 0 : 1 }))
    const polished = await polish(problem, start)
    expect(polished).toEqual([1, 0, 1, 0].map((slot, index) => ({ slot, room: index < 2 ? 0 : 1 })))
    expect(check(problem, polished).hard).toEqual([])
  })

  it('gives the same timetable each time', async () => {
    const problem = school()
    expect(await polish(problem, at(0, 1, 2, 3))).toEqual(await polish(problem, at(0, 1, 2, 3)))
  })

  it('returns the timetable as it is when cancelled, and reports the soft cost after each round', async () => {
    const problem = school()
    const costs: number[] = []
    expect(await polish(problem, at(0, 1, 2, 3), { signal: AbortSignal.abort() })).toEqual(at(0, 1, 2, 3))
    await polish(problem, at(0, 1, 2, 3), { onProgress: (cost) => costs.push(cost) })
    expect(costs).toEqual([0, 0])
  })
})
