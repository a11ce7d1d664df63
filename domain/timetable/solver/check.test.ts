import { describe, expect, it } from 'vitest'
import {
  constraint,
  place,
  schoolFet,
  schoolProblem,
  times,
  type Placements,
} from '../../../test/support/fet-school.ts'
import { SUPPORTED_FET_CONSTRAINTS } from '../fet/read-fet.ts'
import { check, SoftCostMeter } from './check.ts'
import { HARD_WEIGHT, type Problem } from './problem.ts'

interface Case {
  /** The FET constraint type under test, as written in the file. */
  type: string
  time?: string
  space?: string
  keeps: Placements
  breaks: Placements
  /** Words the hard violation's reason must contain. */
  reason: string
}

const na = (slots: [string, string][]) => times('Not_Available_Time', 'Day', 'Hour', slots)
const preferredSlots = (slots: [string, string][]) =>
  times('Preferred_Time_Slot', 'Preferred_Day', 'Preferred_Hour', slots)
const preferredStarts = (slots: [string, string][]) =>
  times('Preferred_Starting_Time', 'Preferred_Starting_Day', 'Preferred_Starting_Hour', slots)
/** FET's interval of hours by name ('' as the end: the end of the day) and its maximum of days. */
const interval = (start: string, end: string, maxDays: number) =>
  `<Interval_Start_Hour>${start}</Interval_Start_Hour><Interval_End_Hour>${end}</Interval_End_Hour>` +
  `<Max_Days_Per_Week>${maxDays}</Max_Days_Per_Week>`
const ids = (...list: number[]) => list.map((id) => `<Activity_Id>${id}</Activity_Id>`).join('')
const filter = (teacher: string, subject: string) =>
  `<Teacher_Name>${teacher}</Teacher_Name><Students_Name></Students_Name><Subject_Name>${subject}</Subject_Name>` +
  `<Activity_Tag_Name></Activity_Tag_Name><Duration></Duration>`

const CASES: Case[] = [
  {
    type: 'BasicCompulsoryTime',
    keeps: {},
    breaks: { 2: ['Mo', '1', 'R1'] },
    reason: 'teacher A has 2 activities at Mo 1',
  },
  {
    type: 'BasicCompulsoryTime',
    keeps: {},
    breaks: { 3: ['Mo', '4', 'R2'] },
    reason: 'does not fit in the day',
  },
  {
    type: 'BasicCompulsorySpace',
    keeps: {},
    breaks: { 4: ['Mo', '1', 'R2'] },
    reason: 'room R2 has 2 activities',
  },
  {
    type: 'BasicCompulsorySpace',
    keeps: {},
    breaks: { 1: ['Mo', '1', 'R2'] },
    reason: 'has 20 students, room R2 holds 10',
  },
  {
    type: 'BreakTimes',
    time: constraint('BreakTimes', times('Break_Time', 'Day', 'Hour', [['We', '4']])),
    keeps: {},
    breaks: { 3: ['We', '3', 'R2'] },
    reason: 'activity 3 is at We 4, when it is a break',
  },
  {
    type: 'TeacherNotAvailableTimes',
    time: constraint('TeacherNotAvailableTimes', `<Teacher>A</Teacher>${na([['We', '1']])}`),
    keeps: {},
    breaks: { 2: ['We', '1', 'R1'] },
    reason: 'teacher A is not available',
  },
  {
    type: 'StudentsSetNotAvailableTimes',
    time: constraint('StudentsSetNotAvailableTimes', `<Students>S1</Students>${na([['Tu', '1']])}`),
    keeps: { 2: ['Tu', '2', 'R1'] },
    breaks: {},
    reason: 'activity 2 is at Tu 1, when its students are not available',
  },
  {
    type: 'ActivityPreferredStartingTime',
    time: constraint(
      'ActivityPreferredStartingTime',
      `${ids(1)}<Preferred_Day>Mo</Preferred_Day><Preferred_Hour>1</Preferred_Hour>`,
    ),
    keeps: {},
    breaks: { 1: ['Mo', '2', 'R1'] },
    reason: 'activity 1 starts at Mo 2',
  },
  {
    type: 'ActivityPreferredStartingTimes',
    time: constraint(
      'ActivityPreferredStartingTimes',
      ids(3) +
        preferredStarts([
          ['Mo', '1'],
          ['Tu', '1'],
        ]),
    ),
    keeps: { 3: ['Tu', '1', 'R2'] },
    breaks: { 3: ['Tu', '2', 'R2'] },
    reason: 'activity 3 starts at Tu 2',
  },
  {
    type: 'ActivityPreferredTimeSlots',
    time: constraint(
      'ActivityPreferredTimeSlots',
      ids(3) +
        preferredSlots([
          ['Mo', '1'],
          ['Mo', '2'],
          ['Mo', '4'],
        ]),
    ),
    keeps: {},
    breaks: { 3: ['Mo', '3', 'R2'] },
    reason: 'activity 3 starts at Mo 3',
  },
  {
    type: 'ActivitiesPreferredStartingTimes',
    time: constraint(
      'ActivitiesPreferredStartingTimes',
      filter('A', '') +
        preferredStarts([
          ['Mo', '1'],
          ['Tu', '1'],
        ]),
    ),
    keeps: {},
    breaks: { 2: ['We', '1', 'R1'] },
    reason: 'activity 2 starts at We 1',
  },
  {
    type: 'ActivitiesPreferredTimeSlots',
    time: constraint(
      'ActivitiesPreferredTimeSlots',
      filter('', 'Art') +
        preferredSlots([
          ['Mo', '1'],
          ['Mo', '2'],
        ]),
    ),
    keeps: {},
    breaks: { 3: ['Tu', '1', 'R2'] },
    reason: 'activity 3 starts at Tu 1',
  },
  {
    type: 'SubactivitiesPreferredTimeSlots',
    time: constraint(
      'SubactivitiesPreferredTimeSlots',
      `<Component_Number>2</Component_Number>${filter('', 'Math')}${preferredSlots([['Tu', '1']])}`,
    ),
    keeps: { 1: ['We', '3', 'R1'] },
    breaks: { 2: ['Tu', '2', 'R1'] },
    reason: 'activity 2 starts at Tu 2',
  },
  {
    type: 'ActivitiesSameStartingTime',
    time: constraint(
      'ActivitiesSameStartingTime',
      `<Number_of_Activities>2</Number_of_Activities>${ids(1, 3)}`,
    ),
    keeps: {},
    breaks: { 3: ['Mo', '2', 'R2'] },
    reason: 'activity 3 starts at Mo 2, activity 1 at Mo 1',
  },
  {
    type: 'ActivitiesNotOverlapping',
    time: constraint('ActivitiesNotOverlapping', ids(2, 3)),
    keeps: {},
    breaks: { 3: ['Tu', '1', 'R2'] },
    reason: 'activity 2 and activity 3 overlap at Tu 1',
  },
  {
    type: 'MinDaysBetweenActivities',
    time: constraint('MinDaysBetweenActivities', `${ids(1, 2)}<MinDays>1</MinDays>`),
    keeps: {},
    breaks: { 2: ['Mo', '2', 'R1'] },
    reason: 'are 0 days apart, at least 1',
  },
  {
    type: 'MinDaysBetweenActivities',
    time: constraint(
      'MinDaysBetweenActivities',
      `${ids(1, 2)}<MinDays>2</MinDays><Consecutive_If_Same_Day>true</Consecutive_If_Same_Day>`,
    ),
    keeps: { 2: ['We', '1', 'R1'] },
    breaks: { 2: ['Mo', '3', 'R1'] },
    reason: 'on the same day but not consecutive',
  },
  {
    type: 'TwoActivitiesConsecutive',
    time: constraint(
      'TwoActivitiesConsecutive',
      '<First_Activity_Id>3</First_Activity_Id><Second_Activity_Id>4</Second_Activity_Id>',
    ),
    keeps: { 4: ['Mo', '3', 'R2'] },
    breaks: { 4: ['Mo', '4', 'R2'] },
    reason: 'activity 4 does not start right after activity 3 ends',
  },
  {
    type: 'ActivityEndsStudentsDay',
    time: constraint('ActivityEndsStudentsDay', ids(1)),
    keeps: {},
    breaks: { 4: ['Mo', '3', 'R2'] },
    reason: 'activity 4 comes after activity 1',
  },
  {
    type: 'StudentsSetEarlyMaxBeginningsAtSecondHour',
    time: constraint(
      'StudentsSetEarlyMaxBeginningsAtSecondHour',
      '<Max_Beginnings_At_Second_Hour>0</Max_Beginnings_At_Second_Hour><Students>S1</Students>',
    ),
    keeps: { 4: ['We', '1', 'R2'] },
    breaks: {},
    reason: 'students S1: 1 days begin at the second hour',
  },
  {
    type: 'StudentsEarlyMaxBeginningsAtSecondHour',
    time: constraint(
      'StudentsEarlyMaxBeginningsAtSecondHour',
      '<Max_Beginnings_At_Second_Hour>1</Max_Beginnings_At_Second_Hour>',
    ),
    keeps: {},
    breaks: { 4: ['We', '3', 'R2'] },
    reason: 'students S1: 0 days begin at the second hour (at most 1), 1 later',
  },
  {
    type: 'StudentsMaxGapsPerWeek',
    time: constraint('StudentsMaxGapsPerWeek', '<Max_Gaps>0</Max_Gaps>'),
    keeps: { 4: ['Tu', '2', 'R2'] },
    breaks: { 4: ['Tu', '3', 'R2'] },
    reason: 'students S1: 1 gaps in the week, at most 0',
  },
  {
    type: 'StudentsSetMaxGapsPerWeek',
    time: constraint('StudentsSetMaxGapsPerWeek', '<Max_Gaps>0</Max_Gaps><Students>G1</Students>'),
    keeps: {},
    breaks: { 2: ['Mo', '3', 'R1'] },
    reason: 'gaps in the week, at most 0',
  },
  {
    type: 'StudentsSetMinHoursDaily',
    time: constraint(
      'StudentsSetMinHoursDaily',
      '<Minimum_Hours_Daily>1</Minimum_Hours_Daily><Students>S1</Students><Allow_Empty_Days>false</Allow_Empty_Days>',
    ),
    keeps: {},
    breaks: { 4: ['Mo', '3', 'R2'] },
    reason: 'students S1: fewer than 1 hours (We 0)',
  },
  {
    type: 'StudentsMinHoursDaily',
    time: constraint(
      'StudentsMinHoursDaily',
      '<Minimum_Hours_Daily>2</Minimum_Hours_Daily><Allow_Empty_Days>true</Allow_Empty_Days>',
    ),
    keeps: { 2: ['Mo', '2', 'R1'], 4: ['Mo', '3', 'R2'] },
    breaks: {},
    reason: 'students S1: fewer than 2 hours (Mo 1, Tu 1, We 1)',
  },
  {
    type: 'StudentsSetMaxHoursDaily',
    time: constraint(
      'StudentsSetMaxHoursDaily',
      '<Maximum_Hours_Daily>1</Maximum_Hours_Daily><Students>G1</Students>',
    ),
    keeps: {},
    breaks: { 4: ['Mo', '2', 'R2'] },
    reason: 'students S1: more than 1 hours (Mo 2)',
  },
  {
    type: 'TeacherMaxDaysPerWeek',
    time: constraint(
      'TeacherMaxDaysPerWeek',
      '<Teacher_Name>A</Teacher_Name><Max_Days_Per_Week>1</Max_Days_Per_Week>',
    ),
    keeps: { 2: ['Mo', '2', 'R1'] },
    breaks: {},
    reason: 'teacher A: 2 working days, at most 1',
  },
  {
    type: 'TeachersMaxDaysPerWeek',
    time: constraint('TeachersMaxDaysPerWeek', '<Max_Days_Per_Week>1</Max_Days_Per_Week>'),
    keeps: { 2: ['Mo', '2', 'R1'], 4: ['Mo', '3', 'R2'] },
    breaks: {},
    reason: 'teacher A: 2 working days, at most 1',
  },
  {
    type: 'TeacherIntervalMaxDaysPerWeek',
    time: constraint(
      'TeacherIntervalMaxDaysPerWeek',
      `<Teacher_Name>A</Teacher_Name>${interval('1', '3', 1)}`,
    ),
    keeps: { 2: ['Tu', '3', 'R1'] },
    breaks: {},
    reason: 'teacher A: 2 days with lessons in hours 1–2, at most 1',
  },
  {
    type: 'TeachersIntervalMaxDaysPerWeek',
    time: constraint('TeachersIntervalMaxDaysPerWeek', interval('2', '', 1)),
    keeps: { 4: ['Mo', '3', 'R2'] },
    breaks: {},
    reason: 'teacher B: 2 days with lessons in hours 2–4, at most 1',
  },
  {
    type: 'StudentsSetIntervalMaxDaysPerWeek',
    time: constraint('StudentsSetIntervalMaxDaysPerWeek', `<Students>G1</Students>${interval('1', '2', 1)}`),
    keeps: { 2: ['Tu', '2', 'R1'] },
    breaks: {},
    reason: 'students S1: 2 days with lessons in hour 1, at most 1',
  },
  {
    type: 'StudentsIntervalMaxDaysPerWeek',
    time: constraint('StudentsIntervalMaxDaysPerWeek', interval('3', '', 0)),
    keeps: {},
    breaks: { 4: ['We', '3', 'R2'] },
    reason: 'students S1: 1 days with lessons in hours 3–4, at most 0',
  },
  {
    type: 'StudentsMaxHoursDaily',
    time: constraint('StudentsMaxHoursDaily', '<Maximum_Hours_Daily>2</Maximum_Hours_Daily>'),
    keeps: {},
    breaks: { 2: ['Mo', '2', 'R1'], 4: ['Mo', '3', 'R2'] },
    reason: 'students S1: more than 2 hours (Mo 3)',
  },
  {
    type: 'TeacherMaxHoursDaily',
    time: constraint(
      'TeacherMaxHoursDaily',
      '<Teacher_Name>A</Teacher_Name><Maximum_Hours_Daily>1</Maximum_Hours_Daily>',
    ),
    keeps: {},
    breaks: { 2: ['Mo', '2', 'R1'] },
    reason: 'teacher A: more than 1 hours (Mo 2)',
  },
  {
    type: 'TeachersMaxHoursDaily',
    time: constraint('TeachersMaxHoursDaily', '<Maximum_Hours_Daily>2</Maximum_Hours_Daily>'),
    keeps: {},
    breaks: { 4: ['Mo', '3', 'R2'] },
    reason: 'teacher B: more than 2 hours (Mo 3)',
  },
  {
    type: 'TeachersMaxGapsPerWeek',
    time:
      constraint('TeacherNotAvailableTimes', `<Teacher>B</Teacher>${na([['Mo', '3']])}`) +
      constraint('TeachersMaxGapsPerWeek', '<Max_Gaps>0</Max_Gaps>'),
    keeps: { 4: ['Mo', '4', 'R2'] },
    breaks: { 4: ['Tu', '4', 'R2'], 3: ['Tu', '1', 'R2'] },
    reason: 'teacher B: 1 gaps in the week, at most 0',
  },
  {
    type: 'TeachersMaxGapsPerWeek',
    time: constraint('TeachersMaxGapsPerWeek', '<Max_Gaps>0</Max_Gaps>'),
    keeps: { 4: ['Mo', '3', 'R2'] },
    breaks: { 4: ['Mo', '4', 'R2'] },
    reason: 'teacher B: 1 gaps in the week, at most 0',
  },
  {
    type: 'TeacherMaxGapsPerWeek',
    time: constraint('TeacherMaxGapsPerWeek', '<Teacher_Name>A</Teacher_Name><Max_Gaps>1</Max_Gaps>'),
    keeps: { 2: ['Mo', '3', 'R1'] },
    breaks: { 2: ['Mo', '4', 'R1'] },
    reason: 'teacher A: 2 gaps in the week, at most 1',
  },
  {
    type: 'TeachersMinHoursDaily',
    time: constraint(
      'TeachersMinHoursDaily',
      '<Minimum_Hours_Daily>2</Minimum_Hours_Daily><Allow_Empty_Days>true</Allow_Empty_Days>',
    ),
    keeps: { 2: ['Mo', '2', 'R1'], 4: ['Mo', '3', 'R2'] },
    breaks: {},
    reason: 'teacher A: fewer than 2 hours (Mo 1, Tu 1)',
  },
  {
    type: 'TeacherMinHoursDaily',
    time: constraint(
      'TeacherMinHoursDaily',
      '<Teacher_Name>B</Teacher_Name><Minimum_Hours_Daily>2</Minimum_Hours_Daily><Allow_Empty_Days>true</Allow_Empty_Days>',
    ),
    keeps: { 4: ['Mo', '3', 'R2'] },
    breaks: {},
    reason: 'teacher B: fewer than 2 hours (We 1)',
  },
  {
    type: 'ActivityPreferredRoom',
    space: constraint('ActivityPreferredRoom', `${ids(4)}<Room>R2</Room>`),
    keeps: {},
    breaks: { 4: ['We', '2', 'R1'] },
    reason: 'activity 4 is in room R1',
  },
  {
    type: 'ActivityPreferredRooms',
    space: constraint('ActivityPreferredRooms', `${ids(4)}<Preferred_Room>R2</Preferred_Room>`),
    keeps: {},
    breaks: { 4: ['We', '2', 'R1'] },
    reason: 'activity 4 is in room R1',
  },
  {
    type: 'ActivityTagPreferredRoom',
    space: constraint('ActivityTagPreferredRoom', '<Activity_Tag>lab</Activity_Tag><Room>R1</Room>'),
    keeps: {},
    breaks: { 2: ['Tu', '1', ''] },
    reason: 'activity 2 is in no room',
  },
  {
    type: 'ActivityTagPreferredRooms',
    space: constraint(
      'ActivityTagPreferredRooms',
      '<Activity_Tag>lab</Activity_Tag><Preferred_Room>R1</Preferred_Room>',
    ),
    keeps: {},
    breaks: { 2: ['Tu', '1', 'R2'] },
    reason: 'activity 2 is in room R2',
  },
  {
    type: 'SubjectPreferredRoom',
    space: constraint('SubjectPreferredRoom', '<Subject>Art</Subject><Room>R2</Room>'),
    keeps: {},
    breaks: { 3: ['Tu', '3', 'R1'] },
    reason: 'activity 3 is in room R1',
  },
  {
    type: 'SubjectPreferredRooms',
    space: constraint('SubjectPreferredRooms', '<Subject>Math</Subject><Preferred_Room>R1</Preferred_Room>'),
    keeps: {},
    breaks: { 1: ['We', '4', 'R2'] },
    reason: 'activity 1 is in room R2',
  },
  {
    type: 'TeacherHomeRoom',
    space: constraint('TeacherHomeRoom', '<Teacher>B</Teacher><Room>R2</Room>'),
    keeps: {},
    breaks: { 4: ['We', '2', 'R1'] },
    reason: 'activity 4 is in room R1',
  },
  {
    type: 'RoomNotAvailableTimes',
    space: constraint('RoomNotAvailableTimes', `<Room>R1</Room>${na([['We', '1']])}`),
    keeps: {},
    breaks: { 1: ['We', '1', 'R1'] },
    reason: 'activity 1 is at We 1, when room R1 is not available',
  },
]

function hardReasons(testCase: Case, placements: Placements): string[] {
  const problem = schoolProblem(
    schoolFet(testCase.time ? [testCase.time] : [], testCase.space ? [testCase.space] : []),
  )
  return check(problem, place(problem, placements)).hard.map((violation) => violation.reason)
}

describe('the constraint checkers (issue 17)', () => {
  it.each(CASES)('$type: a timetable that keeps it has no hard violation', (testCase) => {
    expect(hardReasons(testCase, testCase.keeps)).toEqual([])
  })

  it.each(CASES)('$type: a timetable that breaks it is reported with the reason', (testCase) => {
    const reasons = hardReasons(testCase, testCase.breaks)
    expect(reasons.length).toBeGreaterThan(0)
    expect(
      reasons.some((reason) => reason.includes(testCase.reason)),
      reasons.join('\n'),
    ).toBe(true)
  })

  it('reports an activity left unplaced', () => {
    const problem = schoolProblem(schoolFet())
    const assignment = place(problem)
    assignment[0] = null
    expect(check(problem, assignment).hard.map((v) => v.reason)).toEqual(['activity 1 is not placed'])
  })

  it('counts a broken soft constraint in the cost, not in the hard list', () => {
    const problem = schoolProblem(
      schoolFet([constraint('MinDaysBetweenActivities', `${ids(1, 2)}<MinDays>2</MinDays>`, 95)]),
    )
    const result = check(problem, place(problem))
    expect(result.hard).toEqual([])
    expect(result.softCost).toBe(95)
    expect(result.soft[0]?.reason).toBe('activity 1 and activity 2 are 1 days apart, at least 2')
  })

  it('keeps "consecutive if same day" hard whatever the weight, as fet-cl does', () => {
    const sameDay = `${ids(1, 2)}<MinDays>1</MinDays><Consecutive_If_Same_Day>true</Consecutive_If_Same_Day>`
    const problem = schoolProblem(schoolFet([constraint('MinDaysBetweenActivities', sameDay, 0)]))
    const hardReasons = (placements: Parameters<typeof place>[1]) =>
      check(problem, place(problem, placements)).hard.map((v) => v.reason)
    expect(hardReasons({ 2: ['Mo', '2', 'R1'] })).toEqual([])
    expect(hardReasons({ 2: ['Mo', '3', 'R1'] })).toEqual([
      'activity 1 and activity 2 are on the same day but not consecutive',
    ])
  })

  it('allows at most two activities of a MinDaysBetweenActivities on one day whatever the weight, as fet-cl does', () => {
    const threeApart = `${ids(1, 2, 3)}<MinDays>1</MinDays><Consecutive_If_Same_Day>false</Consecutive_If_Same_Day>`
    const problem = schoolProblem(schoolFet([constraint('MinDaysBetweenActivities', threeApart, 0)]))
    const result = (placements: Placements) => check(problem, place(problem, placements))
    // Activity 1 at Mo 1 and activity 3 at Mo 1–2 (base): two on Monday, a soft matter only.
    expect(result({}).hard).toEqual([])
    expect(result({ 2: ['Mo', '3', 'R1'] }).hard.map((v) => v.reason)).toEqual([
      'activity 1, activity 2 and activity 3 are on Mo, at most 2',
    ])
  })

  describe('breaks between two activities, as FET reads them', () => {
    const consecutive = constraint(
      'TwoActivitiesConsecutive',
      '<First_Activity_Id>3</First_Activity_Id><Second_Activity_Id>4</Second_Activity_Id>',
    )
    const breakAt = (day: string, hour: string) =>
      constraint('BreakTimes', times('Break_Time', 'Day', 'Hour', [[day, hour]]))
    const hardReasonsWith = (timeConstraints: string[], placements: Placements) => {
      const problem = schoolProblem(schoolFet(timeConstraints))
      return check(problem, place(problem, placements)).hard.map((v) => v.reason)
    }
    // Activity 3 (2 hours) at Tu 1–2, activity 4 at Tu 4: only Tu 3 lies between them.
    const aroundTuesdayThird: Placements = { 3: ['Tu', '1', 'R2'], 4: ['Tu', '4', 'R2'] }

    it('TwoActivitiesConsecutive: a break between them keeps them consecutive', () => {
      expect(hardReasonsWith([consecutive, breakAt('Tu', '3')], aroundTuesdayThird)).toEqual([])
    })

    it('TwoActivitiesConsecutive: a lesson hour between them does not', () => {
      expect(hardReasonsWith([consecutive, breakAt('We', '3')], aroundTuesdayThird)).toEqual([
        'activity 4 does not start right after activity 3 ends',
      ])
    })

    it('MinDaysBetweenActivities: "consecutive if same day" does not skip a break', () => {
      const sameDay = `${ids(1, 2)}<MinDays>1</MinDays><Consecutive_If_Same_Day>true</Consecutive_If_Same_Day>`
      const placements: Placements = { 1: ['We', '1', 'R1'], 2: ['We', '3', 'R1'], 4: ['Tu', '3', 'R2'] }
      expect(
        hardReasonsWith([constraint('MinDaysBetweenActivities', sameDay), breakAt('We', '2')], placements),
      ).toContain('activity 1 and activity 2 are on the same day but not consecutive')
    })
  })

  it('lets no covered FET constraint type go without a case', () => {
    const covered = new Set(CASES.map((testCase) => `Constraint${testCase.type}`))
    expect(SUPPORTED_FET_CONSTRAINTS.filter((type) => !covered.has(type))).toEqual([])
  })
})

describe('SoftCostMeter', () => {
  const lesson = (id: number) => ({
    id,
    groupId: 0,
    duration: 1,
    teachers: [0],
    subgroups: [0],
    students: 1,
    subject: 'S',
    tags: [],
    possibleRooms: null,
  })
  const problem: Problem = {
    dayNames: ['Mo', 'Tu'],
    hourNames: ['1', '2'],
    teacherNames: ['T'],
    subgroupNames: ['C'],
    rooms: [],
    activities: [lesson(1), lesson(2)],
    constraints: [
      { kind: 'basicTime', weight: HARD_WEIGHT, source: 'basic' },
      {
        kind: 'minDaysBetween',
        weight: 95,
        source: 'apart',
        activities: [0, 1],
        minDays: 1,
        consecutiveIfSameDay: false,
      },
      { kind: 'teacherMaxGapsPerWeek', weight: 50, source: 'gaps', teachers: [0], max: 0 },
    ],
  }

  it('weighs the chosen soft constraints as check does, after each move', () => {
    const meter = new SoftCostMeter(problem, [
      { slot: 0, room: null },
      { slot: 1, room: null },
    ])
    expect(meter.cost([0, 1, 2])).toBe(95)
    meter.move(1, { slot: 3, room: null })
    expect(meter.cost([1])).toBe(0)
    meter.move(0, { slot: 2, room: null })
    meter.move(1, { slot: 0, room: null })
    const expected = check(problem, [
      { slot: 2, room: null },
      { slot: 0, room: null },
    ]).softCost
    expect(meter.cost([0, 1, 2])).toBe(expected)
    expect(expected).toBe(0)
  })
})
