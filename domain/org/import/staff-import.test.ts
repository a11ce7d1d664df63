import { describe, expect, it } from 'vitest'
import { planImportInChunks } from './plan.ts'
import type { ImportPlan } from './report.ts'
import { testBook } from './testing.ts'

const HEADER = ['姓名*', '手机号', '工号', '职务', '部门', '标签', '教学人员', '管理员']

function plan(...rows: string[][]): Promise<ImportPlan> {
  return planImportInChunks('staff', [HEADER, ...rows], testBook())
}

const codes = (result: ImportPlan, row: number) =>
  result.rows.find((r) => r.row === row)?.messages.map((m) => `${m.code}:${m.column ?? ''}`)

describe('staff import', () => {
  it('creates staff, resolving department paths and creating the missing departments once', async () => {
    const result = await plan(
      [
        '赵老师',
        '13800000020',
        'T020',
        '数学教师',
        '教务处/数学组、教务处/物理组',
        '骨干、班主任',
        '是',
        '否',
      ],
      ['钱老师', '13800000021', '', '', '数学组，教务处/物理组', '', 'no', ''],
    )
    expect(result.rows.map((r) => [r.status, r.action])).toEqual([
      ['ok', 'create'],
      ['ok', 'create'],
    ])
    expect(result.writes.department).toEqual([
      { id: expect.any(String), kind: 'department', name: '物理组', order: 1, parentId: 'd1' },
    ])
    const physics = result.writes.department[0]?.id
    expect(result.writes.staff[0]).toMatchObject({
      name: '赵老师',
      departmentIds: ['d2', physics],
      tags: ['骨干', '班主任'],
      teaches: true,
      admin: false,
    })
    expect(result.writes.staff[1]).toMatchObject({ departmentIds: ['d2', physics], tags: [], teaches: false })
    expect(result.rows[0]?.messages).toEqual([
      { level: 'note', code: 'departmentCreated', params: { value: '教务处/物理组' } },
    ])
    expect(result.counts.byKind.department).toEqual({ created: 1, updated: 0 })
  })

  it('updates by staff no. or by phone, an empty cell keeping the stored value', async () => {
    const result = await plan(
      ['李老师', '13800000002', 'T001', '教研组长'],
      ['张老师', '13800000003', '', '', '', '', '否'],
    )
    expect(result.rows.map((r) => r.action)).toEqual(['update', 'update'])
    expect(result.writes.staff[0]).toMatchObject({ id: 'st1', position: '教研组长', teaches: true })
    expect(result.writes.staff[1]).toMatchObject({ id: 'st2', teaches: false })
  })

  it("refuses a phone that is another staff member's", async () => {
    const result = await plan(['孙老师', '13800000002'], ['李老师', '13800000003', 'T001'])
    expect(result.rows[0]?.messages).toEqual([
      {
        level: 'error',
        code: 'phoneTaken',
        column: 'phone',
        params: { value: '13800000002', name: '李老师' },
      },
    ])
    expect(codes(result, 3)).toEqual(['phoneTaken:phone'])
  })

  it('refuses the same phone or staff no. twice in the file', async () => {
    const result = await plan(['甲', '13800000030', 'X1'], ['乙', '13800000030', 'x1'])
    expect(codes(result, 2)).toEqual(['duplicateInFile:phone', 'duplicateInFile:staffNo'])
    expect(codes(result, 3)).toEqual(['duplicateInFile:phone', 'duplicateInFile:staffNo'])
    expect(result.writes.staff).toEqual([])
  })

  it('checks names, phones, yes/no and lengths', async () => {
    const result = await plan(['', '1380000'], ['甲', '', '', '', '', 'x'.repeat(31), '可以'])
    expect(codes(result, 2)).toEqual(['required:name', 'invalidPhone:phone'])
    expect(codes(result, 3)).toEqual(['tooLong:tags', 'invalidYesNo:teaches'])
  })

  it('matches a row with neither phone nor staff no. by a unique name', async () => {
    const result = await plan(['张老师', '', '', '副校长'], ['王老师', '', '', '副校长'])
    expect(result.writes.staff.map((s) => s.id)).toEqual(['st2', expect.any(String)])
    expect(result.rows.map((r) => r.action)).toEqual(['update', 'create'])
  })
})
