import { describe, expect, it } from 'vitest'
import type { Department } from './departments.ts'
import type { Staff } from './staff.ts'
import {
  accountStatusOf,
  departmentDeleteBlocker,
  directoryCounts,
  filterStaff,
  missingStaffFields,
  moveDepartment,
  nextDepartmentOrder,
  staffAccounts,
  staffWithSame,
  type AccountInfo,
  type StaffFilter,
} from './staff-directory.ts'

const common = { schoolId: 'demo', updatedAt: 1 }
const department = (id: string, order: number, parentId?: string): Department => ({
  ...common,
  id,
  kind: 'department',
  name: id,
  order,
  ...(parentId ? { parentId } : {}),
})
const member = (id: string, fields: Partial<Staff> = {}): Staff => ({
  ...common,
  id,
  kind: 'staff',
  name: id,
  departmentIds: [],
  tags: [],
  teaches: true,
  ...fields,
})

// teaching ⊃ math, chinese; office
const departments = [
  department('teaching', 0),
  department('math', 0, 'teaching'),
  department('chinese', 1, 'teaching'),
  department('office', 1),
]
const staff = [
  member('ann', { departmentIds: ['math'], phone: '13800000011', staffNo: 'T01' }),
  member('bob', { departmentIds: ['math', 'chinese', 'teaching'], phone: '13800000012' }),
  member('cat', { departmentIds: ['office'], teaches: false, staffNo: 'A01' }),
  member('dan', { departmentIds: ['gone'] }),
  member('eve'),
]
const ids = (list: readonly Staff[]) => list.map((m) => m.id)
const everyone: StaffFilter = {
  selection: { type: 'all' },
  teaching: 'all',
  account: 'all',
  missingOnly: false,
}
const accounts: AccountInfo[] = [
  { personId: 'ann', kind: 'staff', disabled: false, lastLoginAt: 1_700_000_000_000 },
  { personId: 'bob', kind: 'staff', disabled: false, lastLoginAt: null },
  { personId: 'cat', kind: 'staff', disabled: true, lastLoginAt: 1 },
  { personId: 'dan', kind: 'student', disabled: false, lastLoginAt: 5 },
]

describe('staff directory', () => {
  it('counts each person once per department including its sub-departments', () => {
    const counts = directoryCounts(departments, staff)
    expect(counts.all).toBe(5)
    expect(counts.none).toBe(2)
    expect(Object.fromEntries(counts.byDepartment)).toEqual({ teaching: 2, math: 2, chinese: 1, office: 1 })
  })

  it('selects a department with its sub-departments, or the staff in no (existing) department', () => {
    const select = (selection: StaffFilter['selection']) =>
      ids(filterStaff(staff, departments, { ...everyone, selection }, null))
    expect(select({ type: 'all' })).toEqual(['ann', 'bob', 'cat', 'dan', 'eve'])
    expect(select({ type: 'department', id: 'teaching' })).toEqual(['ann', 'bob'])
    expect(select({ type: 'department', id: 'chinese' })).toEqual(['bob'])
    expect(select({ type: 'none' })).toEqual(['dan', 'eve'])
  })

  it('filters teaching and non-teaching staff', () => {
    expect(ids(filterStaff(staff, departments, { ...everyone, teaching: 'nonTeaching' }, null))).toEqual([
      'cat',
    ])
    expect(ids(filterStaff(staff, departments, { ...everyone, teaching: 'teaching' }, null))).toHaveLength(4)
  })

  it('filters joined and not-yet-logged-in staff once the accounts are known', () => {
    const known = staffAccounts(accounts)
    expect(ids(filterStaff(staff, departments, { ...everyone, account: 'joined' }, known))).toEqual(['ann'])
    expect(ids(filterStaff(staff, departments, { ...everyone, account: 'notJoined' }, known))).toEqual([
      'bob',
      'dan',
      'eve',
    ])
    expect(filterStaff(staff, departments, { ...everyone, account: 'joined' }, null)).toHaveLength(5)
  })

  it('tells the account status: joined after a login, disabled, otherwise not joined', () => {
    const known = staffAccounts(accounts)
    expect(accountStatusOf(known.get('ann'))).toBe('joined')
    expect(accountStatusOf(known.get('bob'))).toBe('notJoined')
    expect(accountStatusOf(known.get('cat'))).toBe('disabled')
    expect(accountStatusOf(known.get('dan'))).toBe('notJoined')
  })

  it('lists missing key information and filters the staff who miss some', () => {
    const known = new Set(departments.map((d) => d.id))
    expect(missingStaffFields(staff[0] as Staff, known)).toEqual([])
    expect(missingStaffFields(staff[1] as Staff, known)).toEqual(['staffNo'])
    expect(missingStaffFields(staff[3] as Staff, known)).toEqual(['phone', 'staffNo', 'department'])
    expect(ids(filterStaff(staff, departments, { ...everyone, missingOnly: true }, null))).toEqual([
      'bob',
      'cat',
      'dan',
      'eve',
    ])
  })

  it('finds another person with the same phone or staff no.', () => {
    expect(staffWithSame(staff, 'phone', ' 13800000012 ', null)?.name).toBe('bob')
    expect(staffWithSame(staff, 'phone', '13800000012', 'bob')).toBeUndefined()
    expect(staffWithSame(staff, 'staffNo', 't01', null)?.name).toBe('ann')
    expect(staffWithSame(staff, 'staffNo', '', null)).toBeUndefined()
  })

  it('refuses to delete a department with sub-departments or staff', () => {
    expect(departmentDeleteBlocker(departments, staff, 'teaching')).toBe('children')
    expect(departmentDeleteBlocker(departments, staff, 'office')).toBe('staff')
    expect(departmentDeleteBlocker(departments, [], 'office')).toBeNull()
  })

  it('moves a department among its siblings, renumbering ties', () => {
    expect(moveDepartment(departments, 'chinese', -1)).toEqual([
      { id: 'chinese', order: 0 },
      { id: 'math', order: 1 },
    ])
    expect(moveDepartment(departments, 'math', -1)).toEqual([])
    expect(moveDepartment(departments, 'office', 1)).toEqual([])
    const tied = [department('b', 0), department('a', 0)]
    // Sorted by name on a tie: a, b; b moves up, a takes order 1 and b keeps 0.
    expect(moveDepartment(tied, 'b', -1)).toEqual([{ id: 'a', order: 1 }])
  })

  it('puts a new department after its last sibling', () => {
    expect(nextDepartmentOrder(departments, undefined)).toBe(2)
    expect(nextDepartmentOrder(departments, 'teaching')).toBe(2)
    expect(nextDepartmentOrder(departments, 'math')).toBe(0)
  })
})
