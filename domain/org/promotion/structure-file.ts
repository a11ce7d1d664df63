// The B08-style structure file (docs/formats/promotion.md): one row per class of the new school year.

export const STRUCTURE_COLUMNS = [
  'campus',
  'grade',
  'gradeOrder',
  'entryYear',
  'className',
  'classCode',
] as const
export type StructureColumn = (typeof STRUCTURE_COLUMNS)[number]

/** Header texts accepted for each column: zh-CN (the template's), zh-TW (the bureau's) and English. */
export const STRUCTURE_HEADERS: Record<StructureColumn, readonly string[]> = {
  campus: ['校区', '校區', 'Campus'],
  grade: ['年级', '年級', 'Grade'],
  gradeOrder: ['年级顺序', '年級順序', 'Grade order'],
  entryYear: ['入学年份', '入學年份', 'Entry year'],
  className: ['班级名称', '班級名稱', 'Class name'],
  classCode: ['班级代码', '班級代碼', 'Class code'],
}

export interface StructureRow {
  /** The row number in the sheet (1 is the header). */
  line: number
  campus: string
  grade: string
  gradeOrder: number
  entryYear: number
  className: string
  classCode: string
}

export type StructureProblemCode =
  'missingColumn' | 'required' | 'notANumber' | 'yearOutOfRange' | 'duplicateCode'

export interface StructureProblem {
  line: number
  column: StructureColumn
  code: StructureProblemCode
}

export interface StructureFile {
  rows: StructureRow[]
  /** Rows with a problem are left out of `rows`. */
  problems: StructureProblem[]
}

const MIN_YEAR = 1990
const MAX_YEAR = 2100

function normalHeader(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase()
}

function columnIndexes(header: readonly string[]): Partial<Record<StructureColumn, number>> {
  const texts = header.map(normalHeader)
  const indexes: Partial<Record<StructureColumn, number>> = {}
  for (const column of STRUCTURE_COLUMNS) {
    const index = texts.findIndex((text) => STRUCTURE_HEADERS[column].some((h) => normalHeader(h) === text))
    if (index >= 0) indexes[column] = index
  }
  return indexes
}

function rowProblems(cells: Record<StructureColumn, string>, line: number): StructureProblem[] {
  const problems: StructureProblem[] = []
  for (const column of STRUCTURE_COLUMNS) {
    if (!cells[column]) problems.push({ line, column, code: 'required' })
  }
  if (cells.gradeOrder && !/^\d{1,4}$/.test(cells.gradeOrder)) {
    problems.push({ line, column: 'gradeOrder', code: 'notANumber' })
  }
  if (cells.entryYear) {
    const year = Number(cells.entryYear)
    if (!/^\d{4}$/.test(cells.entryYear)) problems.push({ line, column: 'entryYear', code: 'notANumber' })
    else if (year < MIN_YEAR || year > MAX_YEAR) {
      problems.push({ line, column: 'entryYear', code: 'yearOutOfRange' })
    }
  }
  return problems
}

/** Reads the first sheet's rows (as `readTables` gives them): columns found by header text, in any order. */
export function parseStructureSheet(sheet: readonly (readonly string[])[]): StructureFile {
  const [header = [], ...body] = sheet
  const indexes = columnIndexes(header)
  const absent = STRUCTURE_COLUMNS.filter((column) => indexes[column] === undefined)
  if (absent.length) {
    return { rows: [], problems: absent.map((column) => ({ line: 1, column, code: 'missingColumn' })) }
  }
  const rows: StructureRow[] = []
  const problems: StructureProblem[] = []
  const seenCodes = new Set<string>()
  body.forEach((cellsOfRow, i) => {
    const line = i + 2
    if (cellsOfRow.every((cell) => !cell.trim())) return
    const cells = Object.fromEntries(
      STRUCTURE_COLUMNS.map((column) => [column, (cellsOfRow[indexes[column] ?? -1] ?? '').trim()]),
    ) as Record<StructureColumn, string>
    const found = rowProblems(cells, line)
    if (cells.classCode && seenCodes.has(cells.classCode)) {
      found.push({ line, column: 'classCode', code: 'duplicateCode' })
    }
    seenCodes.add(cells.classCode)
    if (found.length) {
      problems.push(...found)
      return
    }
    rows.push({ ...cells, line, gradeOrder: Number(cells.gradeOrder), entryYear: Number(cells.entryYear) })
  })
  return { rows, problems }
}
