import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { weekWorkbook, type WeekSheet } from './week-workbook.ts'

const sheet: WeekSheet = {
  title: '初一(1)班 · 2026秋季学期 · 第13周',
  subtitle: '2026-11-23 – 2026-11-29',
  headers: ['', '周一 11/23', '周二 11/24'],
  rows: [
    { label: '第一节课\n08:00–08:45', cells: ['数学\n初一(1)班\n李老师 · 101教室', ''] },
    { label: '第二节课\n08:55–09:40', cells: ['', '语文\n初一(1)班\n张老师 · 101教室'] },
  ],
  sheetName: '初一(1)班 [第13周]',
}

async function readBack(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes.buffer as ArrayBuffer)
  return workbook
}

describe('weekWorkbook', () => {
  it('writes the title, the day headers and one row per period that Excel reads back', async () => {
    const workbook = await readBack(await weekWorkbook(sheet))
    const worksheet = workbook.worksheets[0]
    expect(worksheet?.name).toBe('初一(1)班  第13周 ')
    expect(worksheet?.getCell('A1').value).toBe(sheet.title)
    expect(worksheet?.getCell('A2').value).toBe(sheet.subtitle)
    expect(worksheet?.getRow(3).values).toEqual([undefined, '', '周一 11/23', '周二 11/24'])
    expect(worksheet?.getCell('B4').value).toBe('数学\n初一(1)班\n李老师 · 101教室')
    expect(worksheet?.getCell('C5').value).toBe('语文\n初一(1)班\n张老师 · 101教室')
    expect(worksheet?.getCell('C5').alignment?.wrapText).toBe(true)
    expect(worksheet?.pageSetup.orientation).toBe('landscape')
  })
})
