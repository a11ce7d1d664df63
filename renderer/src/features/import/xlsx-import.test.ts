import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { studentsXlsx } from '../../../../e2e/fixtures/students-xlsx.ts'
import { templateSheet } from '../../../../domain/org/import/export.ts'
import { planImportInChunks } from '../../../../domain/org/import/plan.ts'
import { testBook } from '../../../../domain/org/import/testing.ts'
import { readTables, writeTables } from '../../ui/excel/workbook.ts'

// Real .xlsx files, written with exceljs, through readTables into the planner.

async function firstSheet(data: Uint8Array): Promise<string[][]> {
  const [sheet] = await readTables(data)
  return sheet?.rows ?? []
}

describe('importing real .xlsx files', () => {
  it('reads a zh-TW file with bad rows: one error on each bad row, nothing else', async () => {
    const file = await studentsXlsx({ count: 40, bad: 3, locale: 'zh-TW' })
    const plan = await planImportInChunks('students', await firstSheet(file.data), testBook())
    expect(plan.fileErrors).toEqual([])
    expect(plan.counts).toMatchObject({ rows: 40, ok: 37, errors: 3, created: 37 })
    const bad = plan.rows.filter((row) => row.status === 'error')
    expect(bad.map((row) => row.row)).toEqual(file.badRows)
    expect(bad.map((row) => row.messages.map((m) => m.code))).toEqual([
      ['unknownClass'],
      ['invalidPhone'],
      ['guardianIncomplete'],
    ])
  })

  it('reads cells as people type them: numbers, full-width brackets, an English header', async () => {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('students')
    sheet.addRow([
      'Name',
      'Student no.',
      'Class',
      'Guardian 1 name',
      'Guardian 1 relationship',
      'Guardian 1 mobile',
    ])
    sheet.addRow(['王五', 202699001, '初一（2）班', '王父', '父亲', 13900000031])
    sheet.addRow([])
    sheet.addRow([{ richText: [{ text: '赵' }, { text: '六' }] }, '202699002', '初二(1)班'])
    const plan = await planImportInChunks(
      'students',
      await firstSheet(new Uint8Array(await workbook.xlsx.writeBuffer())),
      testBook(),
    )
    expect(plan.rows.map((row) => [row.row, row.status])).toEqual([
      [2, 'ok'],
      [4, 'ok'],
    ])
    expect(plan.writes.student.map((s) => [s.name, s.studentNo, s.classId])).toEqual([
      ['王五', '202699001', 'c2'],
      ['赵六', '202699002', 'c4'],
    ])
    expect(plan.writes.guardian[0]).toMatchObject({ phone: '13900000031' })
  })

  it('names the missing column of a file made from another template', async () => {
    const data = await writeTables([templateSheet('staff', 'en')])
    const plan = await planImportInChunks('students', await firstSheet(data), testBook())
    expect(plan.fileErrors.map((m) => [m.code, m.column])).toEqual([
      ['missingColumn', 'studentNo'],
      ['missingColumn', 'class'],
    ])
  })

  it('plans 3,000 students with two guardians each (timing logged)', async () => {
    const started = performance.now()
    const file = await studentsXlsx({ count: 3000 })
    const written = performance.now()
    const rows = await firstSheet(file.data)
    const read = performance.now()
    const plan = await planImportInChunks('students', rows, testBook())
    const planned = performance.now()
    expect(plan.counts).toMatchObject({ rows: 3000, ok: 3000, created: 3000 })
    expect(plan.writes.guardian).toHaveLength(6000)
    const ms = (a: number, b: number) => `${Math.round(b - a)} ms`
    console.log(
      `import timing, 3,000 students + 6,000 guardians: write .xlsx ${ms(started, written)} (${file.data.length} bytes), ` +
        `readTables ${ms(written, read)}, parse + validate + plan ${ms(read, planned)}`,
    )
  })
})
