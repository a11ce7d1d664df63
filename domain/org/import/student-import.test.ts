import { describe, expect, it } from 'vitest'
import type { SessionUser } from '../../auth/roles.ts'
import { refusedWrites } from './gate.ts'
import { planImportInChunks } from './plan.ts'
import { importable, type ImportPlan } from './report.ts'
import { testBook } from './testing.ts'

const HEADER = [
  '姓名*',
  '学号*',
  '国家学籍号',
  '本地学籍号',
  '身份证号',
  '班级*',
  '学生手机',
  '家长1姓名',
  '家长1关系',
  '家长1手机',
  '家长2姓名',
  '家长2关系',
  '家长2手机',
]
const admin: SessionUser = { id: 'a', schoolId: 'demo', name: 'A', roles: ['admin'] }

function plan(...rows: string[][]): Promise<ImportPlan> {
  return planImportInChunks('students', [HEADER, ...rows], testBook())
}

const codes = (result: ImportPlan, row: number) =>
  result.rows.find((r) => r.row === row)?.messages.map((m) => `${m.code}:${m.column ?? ''}`)

describe('student import', () => {
  it('plans new students with their guardians, one guardian for two children', async () => {
    const result = await plan(
      ['刘一诺', 'S002', 'G1', 'L1', '44010120130101123x', '初一(2)班', '', '刘家长', '父亲', '13900000002'],
      [
        '刘二诺',
        'S003',
        '',
        '',
        '',
        '初一（2）班',
        '13700000001',
        '刘家长',
        '父亲',
        '139 0000 0002',
        '王妈妈',
        '母亲',
        '13900000012',
      ],
    )
    expect(result.fileErrors).toEqual([])
    expect(result.rows.map((r) => [r.row, r.status, r.action])).toEqual([
      [2, 'ok', 'create'],
      [3, 'ok', 'create'],
    ])
    const [first, second] = result.writes.student
    expect(first).toMatchObject({
      name: '刘一诺',
      classId: 'c2',
      idNumber: '44010120130101123X',
      status: 'active',
    })
    expect(second).toMatchObject({ classId: 'c2', phone: '13700000001' })
    expect(result.writes.guardian).toHaveLength(2)
    expect(result.writes.guardian[0]?.children).toEqual([
      { studentId: first?.id, relationship: '父亲' },
      { studentId: second?.id, relationship: '父亲' },
    ])
    expect(result.counts).toMatchObject({ rows: 2, ok: 2, errors: 0, created: 2, updated: 0 })
    expect(result.counts.byKind.guardian).toEqual({ created: 2, updated: 0 })
    expect(importable(result)).toBe(true)
    expect(refusedWrites(result.writes, testBook(), admin, 5)).toEqual([])
  })

  it('updates a student with the same 学号 and adds the child to a guardian with the same phone', async () => {
    const result = await plan(
      ['陈小明', 'S001', '', '', '', '初一(3)班', '', '陈家长', '父亲', '13900000001'],
      ['陈小红', 'S004', '', '', '', '初一(1)班', '', '陈家长', '父亲', '13900000001'],
    )
    expect(result.rows.map((r) => r.action)).toEqual(['update', 'create'])
    expect(result.writes.student[0]).toMatchObject({ id: 'p1', classId: 'c3', studentNo: 'S001' })
    expect(result.writes.guardian).toHaveLength(1)
    expect(result.writes.guardian[0]).toMatchObject({ id: 'g1', name: '陈家长' })
    expect(result.writes.guardian[0]?.children.map((c) => c.studentId)).toEqual([
      'p1',
      result.writes.student[1]?.id,
    ])
    expect(result.counts.byKind.guardian).toEqual({ created: 0, updated: 1 })
  })

  it('keeps the stored name of a guardian the file names differently, and says so', async () => {
    const result = await plan([
      '陈小红',
      'S004',
      '',
      '',
      '',
      '初一(1)班',
      '',
      '陈爸爸',
      '父亲',
      '13900000001',
    ])
    expect(result.rows[0]?.messages).toEqual([
      { level: 'note', code: 'guardianNameKept', params: { value: '13900000001', name: '陈家长' } },
    ])
    expect(result.writes.guardian[0]).toMatchObject({ id: 'g1', name: '陈家长' })
  })

  it('writes nothing for a row that is already as in the file', async () => {
    const result = await plan([
      '陈小明',
      'S001',
      '',
      '',
      '',
      '初一(1)班',
      '',
      '陈家长',
      '父亲',
      '13900000001',
    ])
    expect(result.rows[0]?.action).toBe('unchanged')
    expect(result.writes.student).toEqual([])
    expect(result.writes.guardian).toEqual([])
    expect(importable(result)).toBe(false)
  })

  it('requires name, 学号 and class, and knows the class', async () => {
    const result = await plan(['', '', 'G1'], ['王五', 'S010', '', '', '', '初三(9)班'], ['赵六', 'S011'])
    expect(codes(result, 2)).toEqual(['required:name', 'required:studentNo', 'required:class'])
    expect(codes(result, 3)).toEqual(['unknownClass:class'])
    expect(codes(result, 4)).toEqual(['required:class'])
    expect(result.counts).toMatchObject({ rows: 3, ok: 0, errors: 3 })
    expect(result.writes.student).toEqual([])
  })

  it('checks phone and ID number formats', async () => {
    const result = await plan(
      ['王五', 'S010', '', '', '4401012013', '初一(1)班', '1380000', '王父', '父亲', '23900000001'],
      ['赵六', 'S011', '', '', '44010120130101123Y', '初一(1)班', '+86 138-0000-0011'],
    )
    expect(codes(result, 2)).toEqual([
      'invalidIdNumber:idNumber',
      'invalidPhone:phone',
      'invalidPhone:guardian1Phone',
    ])
    expect(codes(result, 3)).toEqual(['invalidIdNumber:idNumber'])
  })

  it('refuses the same 学号 or student phone twice in the file, naming the other row', async () => {
    const result = await plan(
      ['王五', 'S010', '', '', '', '初一(1)班', '13700000001'],
      ['赵六', 's010', '', '', '', '初一(1)班', '13700000001'],
    )
    expect(result.rows[0]?.messages).toEqual([
      { level: 'error', code: 'duplicateInFile', column: 'studentNo', params: { value: 'S010', rows: '3' } },
      {
        level: 'error',
        code: 'duplicateInFile',
        column: 'phone',
        params: { value: '13700000001', rows: '3' },
      },
    ])
    expect(codes(result, 3)).toEqual(['duplicateInFile:studentNo', 'duplicateInFile:phone'])
  })

  it('refuses an incomplete guardian and the same guardian twice for one student', async () => {
    const result = await plan(
      ['王五', 'S010', '', '', '', '初一(1)班', '', '', '父亲', '13900000021'],
      ['赵六', 'S011', '', '', '', '初一(1)班', '', '赵父', '', '13900000022'],
      ['钱七', 'S012', '', '', '', '初一(1)班', '', '钱父', '父亲', ''],
      [
        '孙八',
        'S013',
        '',
        '',
        '',
        '初一(1)班',
        '',
        '孙父',
        '父亲',
        '13900000023',
        '孙父',
        '父亲',
        '13900000023',
      ],
    )
    expect(codes(result, 2)).toEqual(['guardianIncomplete:guardian1Name'])
    expect(codes(result, 3)).toEqual(['guardianIncomplete:guardian1Relationship'])
    expect(codes(result, 4)).toEqual(['guardianIncomplete:guardian1Phone'])
    expect(codes(result, 5)).toEqual(['guardianTwice:guardian2Phone'])
  })

  it('refuses one guardian phone under different names in the file', async () => {
    const result = await plan(
      ['王五', 'S010', '', '', '', '初一(1)班', '', '王父', '父亲', '13900000021'],
      ['王六', 'S011', '', '', '', '初一(1)班', '', '王大', '父亲', '13900000021'],
    )
    for (const row of [2, 3]) expect(codes(result, row)).toEqual(['guardianNameConflict:guardian1Name'])
    expect(result.rows[0]?.messages[0]?.params).toEqual({ value: '13900000021', names: '王父、王大' })
  })

  it('refuses an ambiguous class name', async () => {
    const book = testBook()
    const twin = { ...book.classes[0], id: 'c9' } as (typeof book.classes)[number]
    const result = await planImportInChunks('students', [HEADER, ['王五', 'S010', '', '', '', '初一(1)班']], {
      ...book,
      classes: [...book.classes, twin],
    })
    expect(codes(result, 2)).toEqual(['ambiguousClass:class'])
  })

  it('skips blank rows and keeps the row numbers of the sheet', async () => {
    const result = await plan([], ['', ' '], ['王五', 'S010', '', '', '', '初一(1)班'])
    expect(result.rows.map((r) => r.row)).toEqual([4])
  })

  it('refuses a file without data rows', async () => {
    const result = await plan([])
    expect(result.fileErrors.map((m) => m.code)).toEqual(['noRows'])
    expect(importable(result)).toBe(false)
  })
})

describe('import gate', () => {
  it('refuses every write of a user who may not write the address book', async () => {
    const result = await plan(['王五', 'S010', '', '', '', '初一(1)班', '', '王父', '父亲', '13900000021'])
    const teacher: SessionUser = { ...admin, roles: ['teacher'] }
    expect(refusedWrites(result.writes, testBook(), teacher, 5)).toEqual([
      expect.stringContaining('only admins may change students'),
      expect.stringContaining('only admins may change guardians'),
    ])
  })

  it('refuses a document the schema refuses', async () => {
    const result = await plan(['王五', 'S010', '', '', '', '初一(1)班'])
    const [student] = result.writes.student
    if (!student) throw new Error('no student planned')
    const broken = { ...result.writes, student: [{ ...student, status: 'expelled' as 'active' }] }
    expect(refusedWrites(broken, testBook(), admin, 5)).toHaveLength(1)
  })
})
