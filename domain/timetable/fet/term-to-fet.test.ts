import { describe, expect, it } from 'vitest'
import { planEntry, planSchool } from '../../../test/support/plan-school.ts'
import { readFet } from './read-fet.ts'
import { planWeekdays, termToFet } from './term-to-fet.ts'

describe('termToFet', () => {
  const { xml, skipped } = termToFet(planSchool())
  const fet = readFet(xml)

  it('writes the term as days × hours, hours in the order of the periods', () => {
    expect(fet.version).toBe('6.8.5')
    expect(fet.institution).toBe('Small & <School>')
    expect(fet.days).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'])
    expect(fet.hours).toEqual(['第1节', '第2节', '第3节'])
  })

  it('writes teachers (a repeated name made unique), subjects, grades with their classes, rooms', () => {
    expect(fet.teachers).toEqual(['李老师', '王老师', '王老师 (2)'])
    expect(fet.subjects).toEqual(['数学', '体育'])
    expect(fet.years.map((y) => [y.name, y.groups.map((g) => g.name)])).toEqual([
      ['初一', ['初一(1)班', '初一(2)班']],
      ['初二', ['初二(1)班']],
    ])
    expect(fet.rooms.map((r) => [r.name, r.capacity])).toEqual([
      ['A101', 45],
      ['实验室', 30000],
    ])
    expect(fet.activityTags).toEqual(['操场'])
  })

  it('writes a double lesson as one activity of two hours and the others as one hour each', () => {
    const activities = fet.activities.map((a) => [
      a.id,
      a.teachers,
      a.subject,
      a.students,
      a.duration,
      a.activityTags,
    ])
    expect(activities).toEqual([
      [1, ['李老师'], '数学', ['初一(1)班'], 2, []],
      [2, ['李老师'], '数学', ['初一(1)班'], 1, []],
      [3, ['王老师'], '体育', ['初一(2)班'], 1, ['操场']],
      [4, ['王老师 (2)'], '体育', ['初二(1)班'], 1, ['操场']],
      [5, ['王老师 (2)'], '数学', ['初二(1)班'], 1, []],
    ])
    expect(skipped).toEqual([])
  })

  it('locks every activity at its day and hour, and in its room unless the room is shared', () => {
    const times = fet.timeConstraints.flatMap((c) =>
      c.type === 'ActivityPreferredStartingTime' && c.weight === 100
        ? [[c.activityId, c.time.day, c.time.hour]]
        : [],
    )
    expect(times).toEqual([
      [1, 'Monday', '第1节'],
      [2, 'Tuesday', '第3节'],
      [3, 'Monday', '第3节'],
      [4, 'Monday', '第3节'],
      [5, 'Wednesday', '第1节'],
    ])
    const rooms = fet.spaceConstraints.flatMap((c) =>
      c.type === 'ActivityPreferredRoom' && c.weight === 100 ? [[c.activityId, c.room]] : [],
    )
    expect(rooms).toEqual([
      [1, 'A101'],
      [2, 'A101'],
      [5, '实验室'],
    ])
  })

  it('leaves out, and lists, entries naming what the school no longer has', () => {
    const school = planSchool()
    const orphan = planEntry('gone', {
      weekday: 4,
      periodId: 'p1',
      teacherId: 't-gone',
      subjectId: 's-math',
      classId: 'c71',
      locationId: 'l-101',
    })
    const result = termToFet({ ...school, entries: [...school.entries, orphan] })
    expect(result.skipped).toEqual([orphan])
    expect(readFet(result.xml).activities).toHaveLength(5)
  })

  it('uses the whole week when the plan has a weekend lesson', () => {
    expect(planWeekdays([{ weekday: 2 }])).toEqual([1, 2, 3, 4, 5])
    expect(planWeekdays([{ weekday: 6 }])).toHaveLength(7)
  })
})
