import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { readTables, writeTables } from './workbook.ts'

describe('excel workbook', () => {
  it('writes sheets that read back as the same text, numbers-looking text included', async () => {
    const bytes = await writeTables([
      {
        name: '学生 [初一]',
        columns: [{ header: '姓名' }, { header: '学号' }, { header: '身份证号', width: 22 }],
        rows: [
          ['陈小明', '000123', '440101201301011234'],
          ['刘一诺', '000124', null],
        ],
      },
    ])
    const [sheet] = await readTables(bytes)
    expect(sheet?.name).toBe('学生  初一 ')
    expect(sheet?.rows).toEqual([
      ['姓名', '学号', '身份证号'],
      ['陈小明', '000123', '440101201301011234'],
      ['刘一诺', '000124'],
    ])
  })

  it('reads what people type in Excel: numbers, dates, rich text, formulas, empty rows', async () => {
    const workbook = new ExcelJS.Workbook()
    const worksheet = workbook.addWorksheet('Sheet1')
    worksheet.addRow(['name', 'phone', 'born'])
    worksheet.addRow([{ richText: [{ text: '陈' }, { text: '小明' }] }, 13900000001, new Date('2013-01-01')])
    worksheet.addRow([])
    worksheet.addRow([{ formula: '"王"&"五"', result: '王五' }, ' 13900000002 ', null])
    const [sheet] = await readTables(new Uint8Array(await workbook.xlsx.writeBuffer()))
    expect(sheet?.rows).toEqual([
      ['name', 'phone', 'born'],
      ['陈小明', '13900000001', '2013-01-01'],
      [],
      ['王五', '13900000002'],
    ])
  })

  it('rejects a file that is not an .xlsx', async () => {
    await expect(readTables(new TextEncoder().encode('name,phone\n'))).rejects.toThrow()
  })
})
