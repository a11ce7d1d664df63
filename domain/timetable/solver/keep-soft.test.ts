import { describe, expect, it } from 'vitest'
import { softConstraintsToKeep, withKeptAsHard } from './keep-soft.ts'
import { HARD_WEIGHT, type Problem, type ProblemConstraint } from './problem.ts'

const minDays = (weight: number, activities: number[]): ProblemConstraint => ({
  kind: 'minDaysBetween',
  weight,
  source: `min days ${weight} ${activities.join(',')}`,
  activities,
  minDays: 1,
  consecutiveIfSameDay: false,
})

function problemWith(constraints: ProblemConstraint[]): Problem {
  return {
    dayNames: ['Mo', 'Tu', 'We'],
    hourNames: ['1', '2'],
    teacherNames: ['T'],
    subgroupNames: ['C'],
    rooms: [],
    activities: [],
    constraints,
  }
}

describe('keeping soft constraints of high weight', () => {
  const everyDay = () => new Set([0, 1, 2])

  it('keeps soft ones of weight 90 and more about activities, not whole-week limits nor lighter ones', () => {
    const problem = problemWith([
      minDays(95, [0, 1]),
      minDays(HARD_WEIGHT, [2, 3]),
      minDays(85, [4, 5]),
      { kind: 'teacherMaxGapsPerWeek', weight: 95, source: 'gaps', teachers: [0], max: 0 },
      minDays(90, [6, 7]),
    ])
    const kept = softConstraintsToKeep(problem, everyDay)
    expect(kept).toEqual([0, 4])
    expect(withKeptAsHard(problem, kept).constraints.map((c) => c.weight)).toEqual([100, 100, 85, 95, 100])
  })

  it('does not keep a min days between that the allowed days cannot space out', () => {
    const problem = problemWith([minDays(95, [0, 1, 2]), minDays(95, [3, 4])])
    expect(softConstraintsToKeep(problem, () => new Set([0, 2]))).toEqual([1])
  })
})
