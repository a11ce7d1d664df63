import { describe, expect, it } from 'vitest'
import type { Department } from '../../../../domain/org/departments.ts'
import type { Staff } from '../../../../domain/org/staff.ts'
import { directoryRow, directorySheet, type ExportLabels } from './directory-rows.ts'

const common = { schoolId: 'demo', updatedAt: 1 }
const departments = new Map<string, Department>([
  ['d1', { ...common, id: 'd1', kind: 'department', name: '教务处', order: 0 }],
  ['d2', { ...common, id: 'd2', kind: 'department', name: '数学组', order: 1 }],
])
const member: Staff = {
  ...common,
  id: 's1',
  kind: 'staff',
  name: '王老师',
  phone: '13800000011',
  departmentIds: ['d1', 'gone', 'd2'],
  tags: ['班主任', '党员'],
  teaches: true,
}
const labels: ExportLabels = {
  sheet: '教职工通讯录',
  headers: {
    name: '姓名',
    phone: '手机号',
    staffNo: '工号',
    position: '职务',
    departments: '部门',
    tags: '标签',
    roles: '身份',
    account: '账号状态',
  },
  roles: (row) => (row.teaches ? '教学人员' : ''),
  account: (status) => status,
  separator: '、',
}

describe('staff directory rows', () => {
  it('name the departments that still exist and leave absent fields empty', () => {
    const row = directoryRow(member, departments, null, '、')
    expect(row).toMatchObject({ departments: '教务处、数学组', staffNo: '', position: '', admin: false })
    expect(row.account).toBeNull()
  })

  it('take the account status from the server accounts', () => {
    const accounts = new Map([['s1', { personId: 's1', kind: 'staff', disabled: false, lastLoginAt: 5 }]])
    expect(directoryRow(member, departments, accounts, '、').account).toBe('joined')
    expect(directoryRow(member, departments, new Map(), '、').account).toBe('notJoined')
  })

  it('export the rows with the table columns, the account column only when known', () => {
    const offline = directorySheet([directoryRow(member, departments, null, '、')], labels)
    expect(offline.columns.map((c) => c.header)).toEqual([
      '姓名',
      '手机号',
      '工号',
      '职务',
      '部门',
      '标签',
      '身份',
    ])
    expect(offline.rows).toEqual([
      ['王老师', '13800000011', '', '', '教务处、数学组', '班主任、党员', '教学人员'],
    ])
    const online = directorySheet([directoryRow(member, departments, new Map(), '、')], labels)
    expect(online.rows[0]?.at(-1)).toBe('notJoined')
  })
})
