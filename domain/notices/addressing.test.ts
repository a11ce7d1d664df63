import { describe, expect, it } from 'vitest'
import type { SessionUser } from '../auth/roles.ts'
import type { Campus, Grade } from '../org/campus.ts'
import { directoryTree } from '../org/directory.ts'
import { addressingScope, audienceSize, recipientTree, type RecipientNode } from './addressing.ts'
import type { AddressBook } from './recipients.ts'
import { department, guardian, schoolClass, staff, student } from './testing.ts'

const teacher: SessionUser = { id: 't1', schoolId: 'demo', name: '李老师', roles: ['teacher'] }
const admin: SessionUser = { id: 'a1', schoolId: 'demo', name: '王校长', roles: ['admin'] }
const common = { schoolId: 'demo', updatedAt: 1 }
const campus: Campus = { ...common, id: 'main', kind: 'campus', name: '本部', order: 0 }
const grade: Grade = { ...common, id: 'g7', kind: 'grade', name: '初一', campusId: 'main', order: 0 }

// c1 (head teacher t1): s1, s2 (left); c2 (t1 teaches maths): s3; c3: s4. g1 has s1 and s3, g2 has s2, g3 has s4.
const book: AddressBook = {
  classes: [
    { ...schoolClass('c1'), gradeId: 'g7', headTeacherId: 't1' },
    { ...schoolClass('c2'), gradeId: 'g7', subjectTeachers: [{ subjectId: 'math', staffId: 't1' }] },
    { ...schoolClass('c3'), gradeId: 'g7', headTeacherId: 't2' },
  ],
  students: [student('s1', 'c1'), student('s2', 'c1', 'left'), student('s3', 'c2'), student('s4', 'c3')],
  guardians: [guardian('g1', 's1', 's3'), guardian('g2', 's2'), guardian('g3', 's4')],
  staff: [staff('t1', 'd1'), staff('t2', 'd2')],
  departments: [department('d1'), department('d2', 'd1')],
}
const tree = directoryTree({
  campuses: [campus],
  grades: [grade],
  classes: book.classes,
  students: book.students,
})

const summary = (nodes: RecipientNode[]): unknown[] =>
  nodes.map((node) => [node.name, node.students, node.guardians, ...summary(node.children)])

describe('addressing a notice', () => {
  it('lets a teacher address the classes they head or teach and their students, whatever their status', () => {
    const scope = addressingScope(teacher, book.classes, book.students)
    expect([...(scope?.classIds ?? [])]).toEqual(['c1', 'c2'])
    expect([...(scope?.studentIds ?? [])]).toEqual(['s1', 's2', 's3'])
    expect(addressingScope(admin, book.classes, book.students)).toBeNull()
  })

  it('shows a teacher only their classes, with active students and each guardian once per node', () => {
    const scope = addressingScope(teacher, book.classes, book.students)
    expect(summary(recipientTree(tree, scope, book))).toEqual([
      ['本部', 2, 1, ['初一', 2, 1, ['c1', 1, 1], ['c2', 1, 1]]],
    ])
    expect(summary(recipientTree(tree, null, book))).toEqual([
      ['本部', 3, 2, ['初一', 3, 2, ['c1', 1, 1], ['c2', 1, 1], ['c3', 1, 1]]],
    ])
  })

  it('gives class nodes their class id and leaves out branches without addressable classes', () => {
    const nodes = recipientTree(tree, { classIds: new Set(['c3']), studentIds: new Set() }, book)
    const classes = nodes[0]?.children[0]?.children ?? []
    expect(classes.map((node) => [node.key, node.classId])).toEqual([['class:c3', 'c3']])
    expect(recipientTree(tree, { classIds: new Set(), studentIds: new Set() }, book)).toEqual([])
  })

  it('counts the people an audience reaches, each once, by kind', () => {
    expect(audienceSize({ classIds: ['c1', 'c2'], studentIds: ['s3'] }, book)).toEqual({
      guardians: 1,
      students: 2,
      staff: 0,
      total: 3,
    })
    expect(audienceSize({ departmentIds: ['d1'], staffIds: ['t1'] }, book)).toEqual({
      guardians: 0,
      students: 0,
      staff: 2,
      total: 2,
    })
    // Everyone but g2, whose only child left.
    expect(audienceSize({ wholeSchool: true }, book).total).toBe(7)
  })
})
