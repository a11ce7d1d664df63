import { describe, expect, it } from 'vitest'
import type { SessionUser } from '../auth/roles.ts'
import { canRead, checkWrite } from '../permissions.ts'
import { validateDocument } from '../validation.ts'
import { departmentAndDescendants, departmentTree, type Department } from './departments.ts'
import { inSchoolOrder, teachersOf, type SchoolClass } from './school-class.ts'
import { missingKeyFields } from './student.ts'

const common = { schoolId: 'demo', updatedAt: 1 }
const schoolClass: SchoolClass = {
  ...common,
  id: 'c1',
  kind: 'class',
  name: '初一(1)班',
  gradeName: '初一',
  year: 2026,
  headTeacherId: 'st1',
  subjectTeachers: [{ subjectId: 'math', staffId: 'st2' }],
}
const student = {
  ...common,
  id: 'p1',
  kind: 'student',
  name: '陈小明',
  studentNo: 'S001',
  classId: 'c1',
  status: 'active',
}
const guardian = {
  ...common,
  id: 'g1',
  kind: 'guardian',
  name: '陈家长',
  phone: '13900000001',
  children: [{ studentId: 'p1', relationship: '父亲' }],
}
const admin: SessionUser = { id: 'a', schoolId: 'demo', name: 'A', roles: ['admin'] }
const teacher: SessionUser = { id: 't', schoolId: 'demo', name: 'T', roles: ['teacher'] }

describe('address-book kinds', () => {
  it('validate classes, students and guardians', () => {
    expect(validateDocument('org', schoolClass).ok).toBe(true)
    expect(validateDocument('org', student).ok).toBe(true)
    expect(validateDocument('org', guardian).ok).toBe(true)
  })

  it('refuse a malformed phone, an unknown status and a guardian without children', () => {
    expect(validateDocument('org', { ...guardian, phone: '1234' }).ok).toBe(false)
    expect(validateDocument('org', { ...student, status: 'expelled' }).ok).toBe(false)
    expect(validateDocument('org', { ...guardian, children: [] }).ok).toBe(false)
  })

  it('list the head teacher and subject teachers of a class', () => {
    expect(teachersOf(schoolClass)).toEqual(['st1', 'st2'])
    expect(teachersOf({ ...schoolClass, headTeacherId: undefined })).toEqual(['st2'])
  })

  it('show students and guardians to admins and to the teachers of their class only', () => {
    const teachesC1 = { classIds: new Set(['c1']), studentIds: new Set(['p1']) }
    expect(canRead(admin, guardian)).toBe(true)
    expect(canRead(teacher, guardian)).toBe(false)
    expect(canRead(teacher, student)).toBe(false)
    expect(canRead(teacher, guardian, teachesC1)).toBe(true)
    expect(canRead(teacher, student, teachesC1)).toBe(true)
    const otherClass = { ...student, classId: 'c2', id: 'p2' }
    expect(canRead(teacher, otherClass, teachesC1)).toBe(false)
    expect(canRead(teacher, schoolClass)).toBe(true)
    expect(checkWrite(teacher, schoolClass, null).ok).toBe(false)
  })

  it('show a guardian their own document', () => {
    const parent: SessionUser = { id: 'g1', schoolId: 'demo', name: '陈家长', roles: ['guardian'] }
    expect(canRead(parent, guardian)).toBe(true)
    expect(canRead(parent, { ...guardian, id: 'g2' })).toBe(false)
  })

  it('list the key information a student lacks', () => {
    expect(missingKeyFields({ ...student, kind: 'student', status: 'active' })).toEqual([
      'nationalStudentNo',
      'localStudentNo',
      'idNumber',
    ])
    expect(
      missingKeyFields({
        ...student,
        kind: 'student',
        status: 'active',
        nationalStudentNo: 'G1',
        localStudentNo: ' ',
        idNumber: '440',
      }),
    ).toEqual(['localStudentNo'])
  })
})

describe('departments', () => {
  const department = (id: string, name: string, order: number, parentId?: string): Department => ({
    ...common,
    id,
    kind: 'department',
    name,
    order,
    ...(parentId ? { parentId } : {}),
  })
  const all = [
    department('teaching', '教务处', 2),
    department('office', '校长室', 1),
    department('math', '数学组', 1, 'teaching'),
    department('chinese', '语文组', 0, 'teaching'),
    department('lost', '旧部门', 3, 'deleted-parent'),
  ]

  it('build a tree in order, with orphans at the top', () => {
    const names = (nodes: ReturnType<typeof departmentTree>): unknown[] =>
      nodes.map((n) => (n.children.length ? [n.department.name, names(n.children)] : n.department.name))
    expect(names(departmentTree(all))).toEqual(['校长室', ['教务处', ['语文组', '数学组']], '旧部门'])
  })

  it('survive a cycle made by two PCs', () => {
    const cycle = [department('a', 'A', 0, 'b'), department('b', 'B', 0, 'a')]
    expect(
      departmentTree(cycle).map((n) => [n.department.id, n.children.map((c) => c.department.id)]),
    ).toEqual([['a', ['b']]])
    expect(validateDocument('org', department('x', 'X', 0, 'x')).ok).toBe(false)
  })

  it('find a department and everything under it', () => {
    expect([...departmentAndDescendants(all, 'teaching')].sort()).toEqual(['chinese', 'math', 'teaching'])
  })
})

describe('classes in school order', () => {
  it('lists the youngest grade first, then classes by number (10 after 9)', () => {
    const classes = [
      { name: '初二(1)班', year: 2025 },
      { name: '初一(10)班', year: 2026 },
      { name: '初一(2)班', year: 2026 },
      { name: '初三(1)班', year: 2024 },
    ]
    expect(inSchoolOrder(classes).map((c) => c.name)).toEqual([
      '初一(2)班',
      '初一(10)班',
      '初二(1)班',
      '初三(1)班',
    ])
  })
})
