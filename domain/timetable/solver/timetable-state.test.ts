import { ActivitySet } from './activity-set.ts'
import { describe, expect, it } from 'vitest'
import { constraint, schoolFet, schoolProblem, times } from '../../../test/support/fet-school.ts'
import { slotCount, slotOf } from './problem.ts'
import { TimetableState } from './timetable-state.ts'

describe('TimetableState: TwoActivitiesConsecutive (issue 17)', () => {
  const consecutive = constraint(
    'TwoActivitiesConsecutive',
    '<First_Activity_Id>3</First_Activity_Id><Second_Activity_Id>4</Second_Activity_Id>',
  )
  const breakAt = (day: string, hour: string) =>
    constraint('BreakTimes', times('Break_Time', 'Day', 'Hour', [[day, hour]]))

  /** Activity 3 (2 hours) placed at Tu 1, then what placing activity 4 at Tu 4 forces out. */
  function forcedOutByFourAfterBreak(timeConstraints: string[]): number[] {
    const problem = schoolProblem(schoolFet(timeConstraints))
    const index = (id: number) => problem.activities.findIndex((activity) => activity.id === id)
    const state = new TimetableState(problem)
    state.place(index(3), slotOf(problem, 1, 0), null)
    return [...state.conflicts(index(4), slotOf(problem, 1, 3))].map((a) => problem.activities[a]?.id ?? -1)
  }

  it('takes a break between the two as consecutive, as FET does', () => {
    expect(forcedOutByFourAfterBreak([consecutive, breakAt('Tu', '3')])).toEqual([])
  })

  it('does not take a lesson hour between them as consecutive', () => {
    expect(forcedOutByFourAfterBreak([consecutive, breakAt('We', '3')])).toEqual([3])
  })
})

describe("TimetableState: a week's shape on a partial timetable, as FET weighs it (issue 17)", () => {
  /** The school's state with `placed` ([id, day, hour], indices) in place. */
  function arranged(timeConstraints: string[], placed: [number, number, number][]) {
    const problem = schoolProblem(schoolFet(timeConstraints))
    const index = (activityId: number) =>
      problem.activities.findIndex((activity) => activity.id === activityId)
    const state = new TimetableState(problem)
    for (const [placedId, placedDay, placedHour] of placed)
      state.place(index(placedId), slotOf(problem, placedDay, placedHour), null)
    return { problem, index, state }
  }

  /** What placing activity `id` at `day`, `hour` (indices) forces out, with `placed` in place. */
  function forcedOut(
    timeConstraints: string[],
    placed: [number, number, number][],
    id: number,
    day: number,
    hour: number,
  ) {
    const { problem, index, state } = arranged(timeConstraints, placed)
    return [...state.conflicts(index(id), slotOf(problem, day, hour))].map(
      (a) => problem.activities[a]?.id ?? -1,
    )
  }

  describe('teachers min hours daily (teacher A has 2 lessons a week, 1 and 2)', () => {
    const minTwo = constraint(
      'TeachersMinHoursDaily',
      '<Minimum_Hours_Daily>2</Minimum_Hours_Daily><Allow_Empty_Days>true</Allow_Empty_Days>',
    )

    it("forces out a day's lone lesson when the week has no hours left to complete both days", () => {
      expect(forcedOut([minTwo], [[1, 0, 0]], 2, 1, 0)).toEqual([1])
    })

    it('forces out nothing when the lesson completes that day', () => {
      expect(forcedOut([minTwo], [[1, 0, 0]], 2, 0, 1)).toEqual([])
    })

    it('fits a lesson freely only where it forces nothing out, the week included (fitsFreely)', () => {
      const { problem, index, state } = arranged([minTwo], [[1, 0, 0]])
      const fits = (id: number, day: number, hour: number) =>
        state.fitsFreely(index(id), slotOf(problem, day, hour), new ActivitySet(problem.activities.length))
      expect([fits(2, 0, 1), fits(2, 1, 0), fits(2, 0, 0)]).toEqual([true, false, false])
    })

    it('stops weighing the week once what it must force out costs the budget (limitAndCapacityConflicts)', () => {
      const { problem, index, state } = arranged([minTwo], [[1, 0, 0]])
      const weigh = (budget: number) => {
        const out = new ActivitySet(problem.activities.length)
        const within = state.limitAndCapacityConflicts(index(2), slotOf(problem, 1, 0), out, () => 5, budget)
        return { within, out: [...out].map((a) => problem.activities[a]?.id) }
      }
      expect(weigh(6)).toEqual({ within: true, out: [1] })
      expect(weigh(5)).toMatchObject({ within: false })
      expect(weigh(Infinity)).toEqual({ within: true, out: [1] })
    })
  })

  describe('students early max beginnings at second hour (S1 has 3 lessons a week: 1, 2 and 4)', () => {
    const noneAtSecond = constraint(
      'StudentsEarlyMaxBeginningsAtSecondHour',
      '<Max_Beginnings_At_Second_Hour>0</Max_Beginnings_At_Second_Hour>',
    )

    it('forces out the lesson of a day beginning too late when no lesson is left to fill its first hours', () => {
      expect(
        forcedOut(
          [noneAtSecond],
          [
            [1, 0, 0],
            [2, 1, 2],
          ],
          4,
          2,
          0,
        ),
      ).toEqual([2])
    })

    it('forces out nothing when the lesson is placed before that day begins', () => {
      expect(
        forcedOut(
          [noneAtSecond],
          [
            [1, 0, 0],
            [2, 1, 2],
          ],
          4,
          1,
          0,
        ),
      ).toEqual([])
    })
  })
})

describe('TimetableState: weighed soft constraints (issue 17)', () => {
  it('counts the weighed soft relations a slot would break, and a start outside preferred ones twice', () => {
    const problem = schoolProblem(schoolFet([]))
    const mondayOnly = Uint8Array.from({ length: slotCount(problem) }, (_, slot) => (slot < 4 ? 1 : 0))
    const soft = { weight: 95, source: 'soft' }
    problem.constraints.push(
      { ...soft, kind: 'allowedStarts', activity: 1, allowed: mondayOnly },
      { ...soft, kind: 'minDaysBetween', activities: [0, 1], minDays: 1, consecutiveIfSameDay: false },
      { ...soft, kind: 'minDaysBetween', activities: [1, 2], minDays: 1, consecutiveIfSameDay: false },
    )
    const weighed = [problem.constraints.length - 3, problem.constraints.length - 2]
    const state = new TimetableState(problem, weighed)
    state.place(0, slotOf(problem, 1, 0), null)
    state.place(2, slotOf(problem, 1, 1), null)
    expect(state.brokenSoft(1, slotOf(problem, 0, 0))).toBe(0)
    expect(state.brokenSoft(1, slotOf(problem, 1, 2))).toBe(3)
  })
})

describe('TimetableState: at most two activities of a MinDaysBetweenActivities on one day (issue 17)', () => {
  const threeApart = constraint(
    'MinDaysBetweenActivities',
    '<Activity_Id>1</Activity_Id><Activity_Id>2</Activity_Id><Activity_Id>3</Activity_Id><MinDays>1</MinDays>',
    95,
  )

  /**
   * Activities 1 (Mo 1) and 3 (Mo 2–3) placed, then what placing activity 2 at `day` 4th hour forces out, activity
   * `expensive` costing more to force out than the other.
   */
  function forcedOutByTwo(day: number, expensive = 3): number[] {
    const problem = schoolProblem(schoolFet([threeApart]))
    const index = (id: number) => problem.activities.findIndex((activity) => activity.id === id)
    const state = new TimetableState(problem)
    state.place(index(1), slotOf(problem, 0, 0), null)
    state.place(index(3), slotOf(problem, 0, 1), null)
    const cost = (occupant: number) => (occupant === index(expensive) ? 5 : 1)
    return [
      ...state.conflicts(index(2), slotOf(problem, day, 3), new ActivitySet(problem.activities.length), cost),
    ].map((a) => problem.activities[a]?.id ?? -1)
  }

  it('forces the cheaper of the two out when a third comes on their day', () => {
    expect(forcedOutByTwo(0, 3)).toEqual([1])
    expect(forcedOutByTwo(0, 1)).toEqual([3])
  })

  it('forces nothing out on another day', () => {
    expect(forcedOutByTwo(1)).toEqual([])
  })
})

describe('TimetableState: interval max days per week (issue 17)', () => {
  const interval = (type: string, who: string, start: string, end: string, maxDays: number) =>
    constraint(
      type,
      `${who}<Interval_Start_Hour>${start}</Interval_Start_Hour><Interval_End_Hour>${end}</Interval_End_Hour>` +
        `<Max_Days_Per_Week>${maxDays}</Max_Days_Per_Week>`,
    )
  const teacherA = (start: string, end: string) =>
    interval('TeacherIntervalMaxDaysPerWeek', '<Teacher_Name>A</Teacher_Name>', start, end, 1)

  /** Activity 1 (teacher A) placed at Mo `hour` (index), then what placing activity 2 at Tu `hour2` forces out. */
  function forcedOutByTwo(timeConstraint: string, hour: number, hour2: number): number[] {
    const problem = schoolProblem(schoolFet([timeConstraint]))
    const index = (id: number) => problem.activities.findIndex((activity) => activity.id === id)
    const state = new TimetableState(problem)
    state.place(index(1), slotOf(problem, 0, hour), null)
    return [...state.conflicts(index(2), slotOf(problem, 1, hour2))].map(
      (a) => problem.activities[a]?.id ?? -1,
    )
  }

  it("forces out the other day's lessons in the interval when a day more would break the maximum", () => {
    expect(forcedOutByTwo(teacherA('1', '3'), 0, 1)).toEqual([1])
  })

  it('forces nothing out for a lesson outside the interval, nor for one whose day is outside it', () => {
    expect(forcedOutByTwo(teacherA('1', '3'), 0, 2)).toEqual([])
    expect(forcedOutByTwo(teacherA('2', ''), 0, 3)).toEqual([])
  })

  it('forbids the hours of an interval allowing no day', () => {
    const problem = schoolProblem(schoolFet([interval('StudentsIntervalMaxDaysPerWeek', '', '3', '', 0)]))
    const state = new TimetableState(problem)
    const allowedHours = (id: number) => {
      const { allowed } = state.rules[problem.activities.findIndex((activity) => activity.id === id)] ?? {}
      return [0, 1, 2, 3].filter((hour) => allowed?.[slotOf(problem, 2, hour)] === 1)
    }
    expect(allowedHours(4)).toEqual([0, 1])
    expect(allowedHours(3)).toEqual([0])
  })
})
