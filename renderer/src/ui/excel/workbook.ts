// Reading and writing .xlsx with exceljs, loaded only when a file is read or written (it is large).

export type CellValue = string | number | boolean | null

export interface TableSheet {
  /** The tab name (shortened and cleaned to what Excel allows). */
  name: string
  columns: { header: string; width?: number }[]
  rows: CellValue[][]
}

/** One sheet as read: the text of every cell, rows and columns from the top left, trailing blanks trimmed. */
export interface ReadSheet {
  name: string
  rows: string[][]
}

export const XLSX_FILTER = { name: 'Excel', extensions: ['xlsx'] }

export function safeSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet1'
}

/** Sheets with a bold, frozen header row: lists for export, and import templates (headers and examples). */
export async function writeTables(sheets: readonly TableSheet[]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Campus Desk'
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(safeSheetName(sheet.name), {
      views: [{ state: 'frozen', ySplit: 1 }],
    })
    worksheet.columns = sheet.columns.map((column) => ({ header: column.header, width: column.width ?? 16 }))
    worksheet.getRow(1).font = { bold: true }
    // Text stays text: student numbers and ID numbers must not turn into numbers or dates.
    for (const row of sheet.rows) worksheet.addRow(row).numFmt = '@'
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/** The text of a cell as the user sees it: rich text joined, formulas by their result, dates as YYYY-MM-DD. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; result?: unknown; text?: string; hyperlink?: string }
    if (v.richText) return v.richText.map((part) => part.text).join('')
    if ('result' in v) return cellText(v.result)
    if (v.text !== undefined) return String(v.text)
    return ''
  }
  return String(value).trim()
}

function withoutTrailingBlanks(cells: string[]): string[] {
  let end = cells.length
  while (end > 0 && cells[end - 1] === '') end--
  return cells.slice(0, end)
}

/** Every sheet of an .xlsx file as text. A file that is not an .xlsx rejects with exceljs's message. */
export async function readTables(bytes: Uint8Array): Promise<ReadSheet[]> {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  )
  return workbook.worksheets.map((worksheet) => {
    const rows: string[][] = []
    worksheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: string[] = []
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        cells[column - 1] = cellText(cell.value)
      })
      rows[rowNumber - 1] = withoutTrailingBlanks(Array.from(cells, (text) => text ?? ''))
    })
    return { name: worksheet.name, rows: Array.from(rows, (row) => row ?? []) }
  })
}
