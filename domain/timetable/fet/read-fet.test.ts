import { describe, expect, it } from 'vitest'
import { constraint, schoolFet } from '../../../test/support/fet-school.ts'
import { problemFromFet } from './fet-to-problem.ts'
import {
  FetFormatError,
  readFet,
  readFetForImport,
  readFetSolution,
  UnsupportedFetConstraintError,
} from './read-fet.ts'
import { fetPlacements, lockFetSolution, writeFetSolution } from './write-fet-solution.ts'

describe('reading .fet files (issue 17)', () => {
  it('reads the school: days, hours, students structure, split activities, rooms', () => {
    const fet = readFet(schoolFet())
    expect(fet.days).toEqual(['Mo', 'Tu', 'We'])
    expect(fet.hours).toHaveLength(4)
    expect(fet.years.map((year) => year.groups.map((group) => group.subgroups.map((s) => s.name)))).toEqual([
      [['S1', 'S2']],
      [],
    ])
    expect(fet.activities[0]).toEqual({
      id: 1,
      groupId: 1,
      teachers: ['A'],
      subject: 'Math',
      activityTags: ['lab'],
      students: ['G1'],
      duration: 1,
      totalDuration: 2,
      active: true,
    })
    expect(fet.rooms.map((room) => [room.name, room.capacity])).toEqual([
      ['R1', 30],
      ['R2', 10],
    ])
  })

  it('keeps names exactly as written, a trailing tab included', () => {
    const text = schoolFet()
      .replaceAll('<Name>A</Name>', '<Name>A\t</Name>')
      .replaceAll('<Teacher>A</Teacher>', '<Teacher>A\t</Teacher>')
    const fet = readFet(text)
    expect(fet.teachers).toEqual(['A\t', 'B'])
    expect(fet.activities[0]?.teachers).toEqual(['A\t'])
  })

  it('resolves students sets to subgroups: a year without groups is its own subgroup', () => {
    const problem = problemFromFet(readFet(schoolFet()))
    const subgroupsOf = (id: number) =>
      problem.activities.find((a) => a.id === id)?.subgroups.map((s) => problem.subgroupNames[s])
    expect(subgroupsOf(1)).toEqual(['S1', 'S2'])
    expect(subgroupsOf(3)).toEqual(['Y2'])
    expect(problem.activities.map((a) => a.students)).toEqual([20, 20, 5, 10])
  })

  it('reads a virtual room with its sets of real rooms', () => {
    const virtual =
      '<Room><Name>V</Name><Capacity>40</Capacity><Virtual>true</Virtual><Number_of_Sets_of_Real_Rooms>1</Number_of_Sets_of_Real_Rooms>' +
      '<Set_of_Real_Rooms><Number_of_Real_Rooms>2</Number_of_Real_Rooms><Real_Room>R1</Real_Room><Real_Room>R2</Real_Room></Set_of_Real_Rooms></Room>'
    const fet = readFet(schoolFet().replace('</Rooms_List>', `${virtual}\n</Rooms_List>`))
    expect(fet.rooms[2]?.realRoomSets).toEqual([['R1', 'R2']])
  })

  it('refuses an active unsupported constraint, naming it', () => {
    const text = schoolFet([constraint('TeachersMaxGapsPerDay', '<Max_Gaps>1</Max_Gaps>')])
    expect(() => readFet(text)).toThrow(UnsupportedFetConstraintError)
    expect(() => readFet(text)).toThrow('unsupported constraint ConstraintTeachersMaxGapsPerDay')
  })

  it('for an import, leaves an active unsupported constraint out and lists it', () => {
    const text = schoolFet([constraint('TeachersMaxGapsPerDay', '<Max_Gaps>1</Max_Gaps>')])
    const { fet, skippedConstraints } = readFetForImport(text)
    expect(skippedConstraints).toEqual(['ConstraintTeachersMaxGapsPerDay'])
    expect(fet.activities).toHaveLength(4)
    expect(fet.ignoredInactiveConstraints).toEqual([])
  })

  it('lists an inactive unsupported constraint instead of failing', () => {
    const fet = readFet(
      schoolFet([constraint('TeachersMaxGapsPerDay', '<Max_Gaps>1</Max_Gaps>', 100, false)]),
    )
    expect(fet.ignoredInactiveConstraints).toEqual(['ConstraintTeachersMaxGapsPerDay'])
  })

  it('leaves inactive constraints and activities out of the problem', () => {
    const text = schoolFet([constraint('BreakTimes', '', 100, false)]).replace(
      '<Id>4</Id><Active>true</Active>',
      '<Id>4</Id><Active>false</Active>',
    )
    const problem = problemFromFet(readFet(text))
    expect(problem.activities.map((a) => a.id)).toEqual([1, 2, 3])
    expect(problem.constraints.map((c) => c.kind)).toEqual(['basicTime', 'basicSpace'])
  })

  it('reads an interval of hours by name, an empty end being the end of the day', () => {
    const intervalOf = (start: string, end: string) =>
      problemFromFet(
        readFet(
          schoolFet([
            constraint(
              'TeachersIntervalMaxDaysPerWeek',
              `<Interval_Start_Hour>${start}</Interval_Start_Hour><Interval_End_Hour>${end}</Interval_End_Hour>` +
                '<!-- Interval_End_Hour void means the end of the day (which has no name) -->' +
                '<Max_Days_Per_Week>2</Max_Days_Per_Week>',
            ),
          ]),
        ),
      ).constraints.find((c) => c.kind === 'teacherIntervalMaxDaysPerWeek')
    expect(intervalOf('2', '4')).toMatchObject({ teachers: [0, 1], start: 1, end: 3, max: 2 })
    expect(intervalOf('3', '')).toMatchObject({ start: 2, end: 4 })
    expect(() => intervalOf('5', '')).toThrow('unknown hour "5"')
  })

  it('refuses a file that is not a .fet file, or names what it does not define', () => {
    expect(() => readFet('<html></html>')).toThrow(FetFormatError)
    const unknown = schoolFet([
      constraint(
        'TeacherMaxDaysPerWeek',
        '<Teacher_Name>Z</Teacher_Name><Max_Days_Per_Week>1</Max_Days_Per_Week>',
      ),
    ])
    expect(() => problemFromFet(readFet(unknown))).toThrow('unknown teacher "Z"')
  })
})

describe('writing FET solutions (issue 17)', () => {
  const placements = [
    { id: 1, day: 'Mo', hour: '1', room: 'R1' },
    { id: 3, day: 'Tu', hour: '2', room: '' },
  ]

  it("writes FET's _activities.xml, which reads back the same", () => {
    const xml = writeFetSolution(placements)
    expect(xml).toContain(
      '<Activities_Timetable>\n<Activity>\n\t<Id>1</Id>\n\t<Day>Mo</Day>\n\t<Hour>1</Hour>\n\t<Room>R1</Room>',
    )
    expect(readFetSolution(xml)).toEqual(placements)
  })

  it('gives the placements of an assignment by FET names', () => {
    const problem = problemFromFet(readFet(schoolFet()))
    expect(fetPlacements(problem, [{ slot: 0, room: 0 }, null, { slot: 5, room: null }, null])).toEqual(
      placements,
    )
  })

  it('locks placements into the .fet text as permanently locked hard constraints', () => {
    const fet = readFet(lockFetSolution(schoolFet(), placements))
    const locked = fet.timeConstraints.filter((c) => c.type === 'ActivityPreferredStartingTime')
    expect(locked).toEqual([
      {
        type: 'ActivityPreferredStartingTime',
        activityId: 1,
        time: { day: 'Mo', hour: '1' },
        permanentlyLocked: true,
        weight: 100,
        active: true,
      },
      {
        type: 'ActivityPreferredStartingTime',
        activityId: 3,
        time: { day: 'Tu', hour: '2' },
        permanentlyLocked: true,
        weight: 100,
        active: true,
      },
    ])
    expect(fet.spaceConstraints.filter((c) => c.type === 'ActivityPreferredRoom')).toEqual([
      {
        type: 'ActivityPreferredRoom',
        activityId: 1,
        room: 'R1',
        permanentlyLocked: true,
        weight: 100,
        active: true,
      },
    ])
  })
})
