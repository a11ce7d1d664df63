import { describe, expect, it } from 'vitest'
import type { StudentGuardian } from '../../../../domain/org/student-guardians.ts'
import type { Student } from '../../../../domain/org/student.ts'
import type { Account } from '../../../../domain/org/admin-wire.ts'
import { accountsByPerson } from '../org/admin-api.ts'
import { filterRows, NO_FILTER, studentRows } from './student-rows.ts'

const student = (id: string, fields: Partial<Student> = {}): Student => ({
  id,
  kind: 'student',
  schoolId: 's',
  updatedAt: 1,
  name: `学生${id}`,
  studentNo: `2026${id}`,
  classId: 'c1',
  status: 'active',
  nationalStudentNo: 'G',
  localStudentNo: 'L',
  idNumber: 'I',
  ...fields,
})
const account = (personId: string, lastLoginAt: number | null, disabled = false): Account => ({
  personId,
  kind: 'student',
  name: personId,
  login: personId,
  roles: ['student'],
  mustChangePassword: lastLoginAt === null,
  disabled,
  lastLoginAt,
})
const guardians = new Map<string, StudentGuardian[]>([
  ['a', [{ guardianId: 'g', name: '陈家长', relationship: '父亲', phone: '13900000001' }]],
])
const students = [student('a'), student('b', { idNumber: '' }), student('c', { status: 'left' })]
const accounts = accountsByPerson([account('a', 1700000000000), account('b', null), account('c', 5, true)])

describe('student rows', () => {
  it('carry guardians, missing key fields and the account status', () => {
    const rows = studentRows(students, guardians, accounts)
    expect(rows.map((r) => [r.id, r.guardians.length, r.missing, r.account])).toEqual([
      ['a', 1, [], 'joined'],
      ['b', 0, ['idNumber'], 'notJoined'],
      ['c', 0, [], 'disabled'],
    ])
    expect(studentRows(students, guardians, null).every((r) => r.account === null)).toBe(true)
  })

  it('filter by status, missing key information, joined / not yet logged in, and search', () => {
    const rows = studentRows(students, guardians, accounts)
    const ids = (filter: Partial<typeof NO_FILTER>) =>
      filterRows(rows, { ...NO_FILTER, ...filter }).map((r) => r.id)
    expect(ids({})).toEqual(['a', 'b', 'c'])
    expect(ids({ status: 'active' })).toEqual(['a', 'b'])
    expect(ids({ missingKey: true })).toEqual(['b'])
    expect(ids({ account: 'joined' })).toEqual(['a'])
    expect(ids({ account: 'notJoined' })).toEqual(['b'])
    expect(ids({ search: '13900000001' })).toEqual(['a'])
    expect(ids({ search: ' 2026B ' })).toEqual(['b'])
  })
})
