import { safeSheetName } from '../../../ui/excel/workbook.ts'

/** A week (or a day of the whole school) as a table of texts, the way it is printed: what the Excel export writes. */
export interface WeekSheet {
  /** e.g. "初一(1)班 · 2026秋季学期 · 第13周" */
  title: string
  /** e.g. "2026-11-23 – 2026-11-29" */
  subtitle: string
  /** The first header cell (above the row labels) and one per column (day, or period of the overview). */
  headers: string[]
  /** One row per period (class, teacher): its label, then one text per column (lessons apart by a blank line). */
  rows: { label: string; cells: string[] }[]
  /** The sheet's tab name (Excel allows 31 characters, without []:*?/\). */
  sheetName: string
}

const THIN = { style: 'thin' as const, color: { argb: 'FF999999' } }
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN }

/**
 * The week as an .xlsx file: title and dates on top, a bordered grid of periods × days with wrapped text,
 * landscape A4 fitted to one page wide, so it prints as it looks. exceljs is loaded only when exporting.
 */
export async function weekWorkbook(sheet: WeekSheet): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Campus Desk'
  const worksheet = workbook.addWorksheet(safeSheetName(sheet.sheetName), {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  })
  const width = sheet.headers.length
  worksheet.columns = sheet.headers.map((_, i) => ({ width: i === 0 ? 16 : 22 }))

  worksheet.mergeCells(1, 1, 1, width)
  worksheet.getCell(1, 1).value = sheet.title
  worksheet.getCell(1, 1).font = { bold: true, size: 14 }
  worksheet.mergeCells(2, 1, 2, width)
  worksheet.getCell(2, 1).value = sheet.subtitle

  const header = worksheet.addRow(sheet.headers)
  header.font = { bold: true }
  for (const row of sheet.rows) worksheet.addRow([row.label, ...row.cells])

  for (let r = 3; r <= worksheet.rowCount; r++) {
    worksheet.getRow(r).eachCell({ includeEmpty: true }, (cell) => {
      cell.border = BORDER
      cell.alignment = { wrapText: true, vertical: 'top', horizontal: r === 3 ? 'center' : 'left' }
    })
  }
  worksheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 3 }]
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}
