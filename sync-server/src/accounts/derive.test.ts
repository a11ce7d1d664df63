import { describe, expect, it } from 'vitest'
import type { WireDocument } from '../../../domain/documents.ts'
import type { Guardian } from '../../../domain/org/guardian.ts'
import type { Staff } from '../../../domain/org/staff.ts'
import type { Student } from '../../../domain/org/student.ts'
import { INITIAL_PASSWORD_HASH } from '../auth/passwords.ts'
import type { Account } from '../store/index.ts'
import { accountChanges, deriveProfiles } from './derive.ts'

const common = (id: string) => ({ id, schoolId: 's', updatedAt: 1, _deleted: false })

const staff = (id: string, fields: Partial<Staff> = {}): WireDocument<Staff> => ({
  ...common(id),
  kind: 'staff',
  name: `staff ${id}`,
  departmentIds: [],
  tags: [],
  teaches: false,
  ...fields,
})

const student = (id: string, fields: Partial<Student> = {}): WireDocument<Student> => ({
  ...common(id),
  kind: 'student',
  name: `student ${id}`,
  studentNo: `no-${id}`,
  classId: 'c1',
  status: 'active',
  ...fields,
})

const guardian = (
  id: string,
  children: string[],
  fields: Partial<Guardian> = {},
): WireDocument<Guardian> => ({
  ...common(id),
  kind: 'guardian',
  name: `guardian ${id}`,
  phone: '13900000009',
  children: children.map((studentId) => ({ studentId, relationship: '母亲' })),
  ...fields,
})

const profileOf = (docs: WireDocument[], id: string) => deriveProfiles(docs).find((p) => p.id === id)

describe('deriveProfiles', () => {
  it('gives staff the teacher and admin roles they have, and logs them in by phone, else staff no.', () => {
    const docs = [
      staff('a', { teaches: true, admin: true, phone: '13800000001', staffNo: 'T1' }),
      staff('b', { teaches: true, staffNo: 'T2' }),
      staff('c', { position: '门卫' }),
    ]
    expect(deriveProfiles(docs)).toEqual([
      {
        id: 'a',
        schoolId: 's',
        name: 'staff a',
        roles: ['admin', 'teacher'],
        phone: '13800000001',
        staffNo: 'T1',
        studentNo: null,
        disabled: false,
      },
      expect.objectContaining({ id: 'b', roles: ['teacher'], phone: null, staffNo: 'T2' }),
      expect.objectContaining({ id: 'c', roles: [], phone: null, staffNo: null }),
    ])
  })

  it('logs students in by their own phone or their student no., and disables those who left', () => {
    const docs = [
      student('x', { phone: '13700000001' }),
      student('y'),
      student('left', { status: 'left', leftOn: '2026-03-01' }),
      student('old', { status: 'alumni' }),
    ]
    expect(deriveProfiles(docs).map((p) => [p.id, p.roles, p.phone, p.studentNo, p.disabled])).toEqual([
      ['x', ['student'], '13700000001', 'no-x', false],
      ['y', ['student'], null, 'no-y', false],
      ['left', ['student'], null, 'no-left', true],
      ['old', ['student'], null, 'no-old', true],
    ])
  })

  it('keeps a guardian enabled while one of their children is an active student', () => {
    const docs = [
      student('x', { status: 'left' }),
      student('y'),
      { ...student('z'), _deleted: true },
      guardian('both', ['x', 'y']),
      guardian('gone', ['x', 'z']),
      guardian('unknown', ['nobody']),
    ]
    expect(profileOf(docs, 'both')).toMatchObject({ roles: ['guardian'], disabled: false })
    expect(profileOf(docs, 'gone')?.disabled).toBe(true)
    expect(profileOf(docs, 'unknown')?.disabled).toBe(true)
  })

  it('disables the account of a deleted document and ignores other kinds', () => {
    const docs = [{ ...staff('a'), _deleted: true }, { ...common('k'), kind: 'class' } as WireDocument]
    expect(deriveProfiles(docs)).toEqual([expect.objectContaining({ id: 'a', disabled: true })])
  })
})

describe('accountChanges', () => {
  const account = (fields: Partial<Account> = {}): Account => ({
    id: 'a',
    schoolId: 's',
    name: 'staff a',
    roles: ['teacher'],
    phone: '13800000001',
    staffNo: null,
    studentNo: null,
    passwordHash: 'scrypt$chosen',
    mustChangePassword: false,
    disabled: false,
    ...fields,
  })
  const profiles = deriveProfiles([staff('a', { teaches: true, phone: '13800000001' })])

  it('creates a missing account on the initial password, to be changed', () => {
    expect(accountChanges(profiles, [])).toEqual([
      { ...profiles[0], passwordHash: INITIAL_PASSWORD_HASH, mustChangePassword: true },
    ])
  })

  it('changes nothing when the account already matches (idempotent)', () => {
    expect(accountChanges(profiles, [account()])).toEqual([])
  })

  it('updates name, roles and logins but keeps the password the person chose', () => {
    const [changed] = deriveProfiles([staff('a', { name: '新名字', admin: true, phone: '13800000009' })])
    expect(accountChanges(changed ? [changed] : [], [account()])).toEqual([
      account({ name: '新名字', roles: ['admin'], phone: '13800000009' }),
    ])
  })

  it('disables an existing account but creates none for a person already gone', () => {
    const gone = deriveProfiles([{ ...staff('a', { teaches: true, phone: '13800000001' }), _deleted: true }])
    expect(accountChanges(gone, [account()])).toEqual([account({ disabled: true })])
    expect(accountChanges(gone, [])).toEqual([])
  })
})
