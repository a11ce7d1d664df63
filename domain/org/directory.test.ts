import { describe, expect, it } from 'vitest'
import type { Campus, Grade } from './campus.ts'
import { deletionBlocker, directoryTree, findNode, type DirectoryNode } from './directory.ts'
import type { SchoolClass } from './school-class.ts'
import type { Student } from './student.ts'

const common = { schoolId: 's', updatedAt: 1 }
const campus = (id: string, name: string, order: number): Campus => ({
  ...common,
  id,
  kind: 'campus',
  name,
  order,
})
const grade = (id: string, name: string, campusId: string, order: number): Grade => ({
  ...common,
  id,
  kind: 'grade',
  name,
  campusId,
  order,
})
const schoolClass = (
  id: string,
  name: string,
  gradeName: string,
  year: number,
  gradeId?: string,
): SchoolClass => ({
  ...common,
  id,
  kind: 'class',
  name,
  gradeName,
  year,
  subjectTeachers: [],
  ...(gradeId ? { gradeId } : {}),
})
const student = (id: string, classId: string, status: Student['status'] = 'active'): Student => ({
  ...common,
  id,
  kind: 'student',
  name: id,
  studentNo: id,
  classId,
  status,
})

const outline = (nodes: DirectoryNode[]): unknown[] =>
  nodes.map((n) =>
    n.children.length
      ? [`${n.key} ${n.activeStudents}`, outline(n.children)]
      : `${n.key} ${n.activeStudents}`,
  )

describe('directoryTree', () => {
  it('groups classes without grade documents by grade name under "no campus", youngest grade first', () => {
    const tree = directoryTree({
      campuses: [],
      grades: [],
      classes: [
        schoolClass('c8', '初二(1)班', '初二', 2025),
        schoolClass('c2', '初一(2)班', '初一', 2026),
        schoolClass('c10', '初一(10)班', '初一', 2026),
        schoolClass('c1', '初一(1)班', '初一', 2026),
      ],
      students: [student('a', 'c1'), student('b', 'c1'), student('c', 'c1', 'left'), student('d', 'c8')],
    })
    expect(outline(tree)).toEqual([
      [
        'no-campus 3',
        [
          ['grade-name:初一 2', ['class:c1 2', 'class:c2 0', 'class:c10 0']],
          ['grade-name:初二 1', ['class:c8 1']],
        ],
      ],
    ])
    expect(tree[0]?.classIds).toEqual(['c1', 'c2', 'c10', 'c8'])
  })

  it('nests campus → grade → class by order, and leaves out "no campus" when everything has a place', () => {
    const tree = directoryTree({
      campuses: [campus('north', '北校区', 2), campus('main', '本部', 1)],
      grades: [grade('g8', '初二', 'main', 2), grade('g7', '初一', 'main', 1)],
      classes: [
        schoolClass('c1', '初一(1)班', '初一', 2026, 'g7'),
        schoolClass('c8', '初二(1)班', '初二', 2025, 'g8'),
      ],
      students: [student('a', 'c1')],
    })
    expect(outline(tree)).toEqual([
      [
        'campus:main 1',
        [
          ['grade:g7 1', ['class:c1 1']],
          ['grade:g8 0', ['class:c8 0']],
        ],
      ],
      'campus:north 0',
    ])
    expect(findNode(tree, 'grade:g8')?.name).toBe('初二')
    expect(findNode(tree, 'class:nope')).toBeNull()
  })

  it('puts a class whose grade document is unknown, and a grade of an unknown campus, under "no campus"', () => {
    const tree = directoryTree({
      campuses: [],
      grades: [grade('g7', '初一', 'gone', 1)],
      classes: [
        schoolClass('c1', '初一(1)班', '初一', 2026, 'g7'),
        schoolClass('c2', '初三(1)班', '初三', 2024, 'missing'),
      ],
      students: [],
    })
    expect(outline(tree)).toEqual([
      [
        'no-campus 0',
        [
          ['grade:g7 0', ['class:c1 0']],
          ['grade-name:初三 0', ['class:c2 0']],
        ],
      ],
    ])
  })
})

describe('deletionBlocker', () => {
  const grades = [grade('g7', '初一', 'main', 1)]
  const classes = [
    schoolClass('c1', '初一(1)班', '初一', 2026, 'g7'),
    schoolClass('c2', '初一(2)班', '初一', 2026, 'g7'),
  ]
  const students = [student('a', 'c1', 'left')]

  it('refuses while a campus has grades, a grade classes, a class students (any status)', () => {
    const input = { grades, classes, students }
    expect(deletionBlocker(campus('main', '本部', 1), input)).toEqual({ type: 'campusHasGrades', count: 1 })
    expect(deletionBlocker(grade('g7', '初一', 'main', 1), input)).toEqual({
      type: 'gradeHasClasses',
      count: 2,
    })
    expect(deletionBlocker(schoolClass('c1', '初一(1)班', '初一', 2026), input)).toEqual({
      type: 'classHasStudents',
      count: 1,
    })
  })

  it('allows empty ones', () => {
    const input = { grades, classes, students }
    expect(deletionBlocker(campus('north', '北校区', 2), input)).toBeNull()
    expect(deletionBlocker(schoolClass('c2', '初一(2)班', '初一', 2026), input)).toBeNull()
  })
})
