import { describe, expect, it } from 'vitest'
import { SAMPLE_STRUCTURE } from './samples.ts'
import { parseStructureSheet } from './structure-file.ts'

describe('parseStructureSheet (B08)', () => {
  it('reads the sample: one row per class, numbers as numbers', () => {
    const { rows, problems } = parseStructureSheet(SAMPLE_STRUCTURE)
    expect(problems).toEqual([])
    expect(rows).toHaveLength(6)
    expect(rows[2]).toEqual({
      line: 4,
      campus: '本部',
      grade: '初二',
      gradeOrder: 2,
      entryYear: 2026,
      className: '初二(1)班',
      classCode: 'C2026-01',
    })
  })

  it('finds columns by their zh-TW or English header, in any order, and skips blank rows', () => {
    const sheet = [
      ['班級代碼', 'Class name', '入學年份', '年級順序', '年級', '校區'],
      ['A1', '中一甲班', '2027', '1', '中一', '氹仔校部'],
      [],
      ['', '  '],
    ]
    const { rows, problems } = parseStructureSheet(sheet)
    expect(problems).toEqual([])
    expect(rows).toEqual([
      {
        line: 2,
        campus: '氹仔校部',
        grade: '中一',
        gradeOrder: 1,
        entryYear: 2027,
        className: '中一甲班',
        classCode: 'A1',
      },
    ])
  })

  it('names every missing column', () => {
    const { rows, problems } = parseStructureSheet([['校区', '年级', '班级名称']])
    expect(rows).toEqual([])
    expect(problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [1, 'gradeOrder', 'missingColumn'],
      [1, 'entryYear', 'missingColumn'],
      [1, 'classCode', 'missingColumn'],
    ])
  })

  it('leaves out rows with a blank cell, a bad number, a year out of range or a code seen before', () => {
    const [header = []] = SAMPLE_STRUCTURE
    const { rows, problems } = parseStructureSheet([
      header,
      ['本部', '初一', '1', '2027', '初一(1)班', 'C1'],
      ['本部', '', '1', '2027', '初一(2)班', 'C2'],
      ['本部', '初一', 'first', '27', '初一(3)班', 'C3'],
      ['本部', '初一', '1', '1900', '初一(4)班', 'C4'],
      ['本部', '初一', '1', '2027', '初一(5)班', 'C1'],
    ])
    expect(rows.map((r) => r.classCode)).toEqual(['C1'])
    expect(problems).toEqual([
      { line: 3, column: 'grade', code: 'required' },
      { line: 4, column: 'gradeOrder', code: 'notANumber' },
      { line: 4, column: 'entryYear', code: 'notANumber' },
      { line: 5, column: 'entryYear', code: 'yearOutOfRange' },
      { line: 6, column: 'classCode', code: 'duplicateCode' },
    ])
  })
})
