import { describe, expect, it } from 'vitest'
import { normalPhone, rowReader, splitList } from './cells.ts'
import { COLUMNS, comparable, readHeader } from './columns.ts'
import { exportSheet, templateSheet } from './export.ts'
import { planImportInChunks } from './plan.ts'
import { testBook } from './testing.ts'

describe('import file headers', () => {
  it('are recognised in any of the three languages, with or without *, above a title row', () => {
    const read = readHeader('students', [
      ['学生名单'],
      ['Name', '學號*', ' 班级 ', 'Guardian 1 mobile', '备注'],
    ])
    expect('header' in read && read.header.index).toBe(1)
    expect('header' in read && [...read.header.positions]).toEqual([
      ['name', 0],
      ['studentNo', 1],
      ['class', 2],
      ['guardian1Phone', 3],
    ])
  })

  it('name a missing required column and a column given twice', () => {
    expect(readHeader('students', [['姓名', '姓名', '班级']])).toEqual({
      errors: [
        { level: 'error', code: 'duplicateColumn', column: 'name' },
        { level: 'error', code: 'missingColumn', column: 'studentNo' },
      ],
    })
    expect(readHeader('staff', [['手机号'], ['x']])).toEqual({
      errors: [{ level: 'error', code: 'missingColumn', column: 'name' }],
    })
    expect(readHeader('classes', [['a', 'b'], ['c']])).toEqual({
      errors: [{ level: 'error', code: 'noHeader' }],
    })
  })

  it('give a file-level error and no rows when the header is wrong', async () => {
    const plan = await planImportInChunks(
      'classes',
      [
        ['年级', '入学年份'],
        ['初一', '2026'],
      ],
      testBook(),
    )
    expect(plan.fileErrors.map((m) => m.column)).toEqual(['name'])
    expect(plan.rows).toEqual([])
  })

  it('are distinct within each format in every language', () => {
    for (const columns of Object.values(COLUMNS)) {
      for (const locale of ['zh-CN', 'zh-TW', 'en'] as const) {
        const headers = columns.map((spec) => comparable(spec.headers[locale]))
        expect(new Set(headers).size).toBe(headers.length)
      }
    }
  })
})

describe('import cells', () => {
  it('fold phones, lists and comparable text', () => {
    expect(normalPhone('+86 138-0000 0001')).toBe('13800000001')
    expect(normalPhone('８６13800000001')).toBe('13800000001')
    expect(splitList('教务处/数学组、 年级组，年级组;办公室')).toEqual(['教务处/数学组', '年级组', '办公室'])
    expect(comparable('初一（1）班 ')).toBe(comparable('初一(1)班'))
  })

  it('read yes/no in any language and refuse anything else', () => {
    const read = rowReader({ a: '是', b: 'No', c: 'TRUE', d: '', e: '也许' })
    expect(['a', 'b', 'c', 'd', 'e'].map((key) => read.yesNo(key))).toEqual([
      true,
      false,
      true,
      undefined,
      undefined,
    ])
    expect(read.messages).toEqual([
      { level: 'error', code: 'invalidYesNo', column: 'e', params: { value: '也许' } },
    ])
  })

  it('check years and lengths', () => {
    const read = rowReader({ year: '26', name: 'x'.repeat(61), empty: '' })
    expect(read.year('year')).toBeUndefined()
    read.required('name', 60)
    read.year('empty')
    expect(read.messages.map((m) => `${m.code}:${m.column ?? ''}`)).toEqual([
      'invalidYear:year',
      'tooLong:name',
      'required:empty',
    ])
  })
})

describe('templates and exports', () => {
  it('carry the headers in the UI language, required ones starred, and an example row that imports', async () => {
    const template = templateSheet('students', 'zh-TW')
    expect(template.name).toBe('學生及家長')
    expect(template.columns.slice(0, 2).map((c) => c.header)).toEqual(['姓名*', '學號*'])
    const plan = await planImportInChunks(
      'students',
      [template.columns.map((c) => c.header), ...template.rows],
      testBook(),
    )
    expect(plan.rows.map((r) => r.status)).toEqual(['ok'])
  })

  it('export lists that import again unchanged', async () => {
    const book = testBook()
    for (const type of ['staff', 'classes', 'students'] as const) {
      const sheet = exportSheet(type, book, 'en')
      const plan = await planImportInChunks(type, [sheet.columns.map((c) => c.header), ...sheet.rows], book)
      expect(
        plan.rows.map((r) => r.action),
        type,
      ).toEqual(plan.rows.map(() => 'unchanged'))
    }
  })

  it('name a staff member by phone when the name is not unique', () => {
    const book = testBook()
    const classes = [{ ...book.classes[0], headTeacherId: 'st3' }] as typeof book.classes
    const [row] = exportSheet('classes', { ...book, classes }, 'zh-CN').rows
    expect(row?.[5]).toBe('13800000008')
  })
})
