import { describe, expect, it } from 'vitest'
import { planImportInChunks } from './plan.ts'
import type { ImportPlan } from './report.ts'
import { testBook } from './testing.ts'

const HEADER = ['Campus', 'Grade*', 'Class*', 'Entry year*', 'Class code', 'Head teacher', 'Subject teachers']

function plan(...rows: string[][]): Promise<ImportPlan> {
  return planImportInChunks('classes', [HEADER, ...rows], testBook())
}

const codes = (result: ImportPlan, row: number) =>
  result.rows.find((r) => r.row === row)?.messages.map((m) => `${m.code}:${m.column ?? ''}`)

describe('class import', () => {
  it('creates classes with head and subject teachers by name or phone, campuses and grades as needed', async () => {
    const result = await plan(
      ['本部', '初一', '初一(5)班', '2026', '7A05', '李老师', '数学:李老师、语文：13800000003'],
      ['南校区', '初二', '初二(2)班', '2025', '', '13800000003', 'math:张老师'],
      ['南校区', '初二', '初二(3)班', '2025'],
    )
    expect(result.rows.map((r) => [r.status, r.action])).toEqual([
      ['ok', 'create'],
      ['ok', 'create'],
      ['ok', 'create'],
    ])
    const [first, second, third] = result.writes.class
    expect(first).toMatchObject({
      name: '初一(5)班',
      gradeName: '初一',
      gradeId: 'gr1',
      year: 2026,
      code: '7A05',
      headTeacherId: 'st1',
      subjectTeachers: [
        { subjectId: 'math', staffId: 'st1' },
        { subjectId: 'chinese', staffId: 'st2' },
      ],
    })
    expect(result.writes.campus).toEqual([
      { id: expect.any(String), kind: 'campus', name: '南校区', order: 1 },
    ])
    expect(result.writes.grade).toEqual([
      {
        id: second?.gradeId,
        kind: 'grade',
        name: '初二',
        campusId: result.writes.campus[0]?.id,
        order: 0,
        year: 2025,
      },
    ])
    expect(third?.gradeId).toBe(second?.gradeId)
    expect(codes(result, 3)).toEqual(['campusCreated:', 'gradeCreated:'])
    expect(codes(result, 4)).toEqual([])
  })

  it('updates a class with the same name', async () => {
    const result = await plan(['', '初一', '初一（1）班', '2026', '', '张老师'])
    expect(result.rows[0]?.action).toBe('update')
    expect(result.writes.class).toEqual([expect.objectContaining({ id: 'c1', headTeacherId: 'st2' })])
  })

  it('refuses unknown or ambiguous teachers, unknown subjects and malformed pairs', async () => {
    const result = await plan(
      ['', '初一', '初一(6)班', '2026', '', '王老师', '数学:刘老师、体育:李老师、李老师'],
      ['', '初一', '初一(7)班', '2026', '', '周老师'],
    )
    expect(codes(result, 2)).toEqual([
      'ambiguousStaff:headTeacher',
      'unknownStaff:subjectTeachers',
      'unknownSubject:subjectTeachers',
      'invalidSubjectTeacher:subjectTeachers',
    ])
    expect(codes(result, 3)).toEqual(['unknownStaff:headTeacher'])
  })

  it('requires grade, class and a plausible year, and a class name once', async () => {
    const result = await plan(
      ['', '', '', '26'],
      ['', '初一', '初一(8)班', '2026'],
      ['', '初一', '初一(8)班', '2026'],
    )
    expect(codes(result, 2)).toEqual(['required:grade', 'required:name', 'invalidYear:year'])
    expect(codes(result, 3)).toEqual(['duplicateInFile:name'])
    expect(codes(result, 4)).toEqual(['duplicateInFile:name'])
  })
})
