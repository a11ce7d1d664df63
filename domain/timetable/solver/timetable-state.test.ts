import { describe, expect, it } from 'vitest'
import { constraint, schoolFet, schoolProblem, times } from '../../../test/support/fet-school.ts'
import { slotOf } from './problem.ts'
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
