import { describe, expect, it } from 'vitest'
import type { SessionUser } from '../auth/roles.ts'
import { canRead, checkWrite } from '../permissions.ts'
import { validateDocument } from '../validation.ts'
import { teachersOf, type SchoolClass } from './school-class.ts'

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

  it('keep students and guardians to admins until class-based visibility exists', () => {
    expect(canRead(admin, guardian)).toBe(true)
    expect(canRead(teacher, guardian)).toBe(false)
    expect(canRead(teacher, schoolClass)).toBe(true)
    expect(checkWrite(teacher, schoolClass, null).ok).toBe(false)
  })
})
