import { error, type ImportMessage, type ImportType } from './report.ts'

export const FORMAT_LOCALES = ['zh-CN', 'zh-TW', 'en'] as const
export type FormatLocale = (typeof FORMAT_LOCALES)[number]

/** A column of an import file: its headers in every language (any of them is recognised on reading). */
export interface ColumnSpec {
  key: string
  headers: Record<FormatLocale, string>
  /** Further headers recognised on reading, e.g. 身份證號 beside 身分證號. */
  aliases?: readonly string[]
  required?: boolean
  /** The template's example value. */
  example: string
  width?: number
}

export const column = (
  key: string,
  [zhCN, zhTW, en]: [string, string, string],
  example: string,
  options: Partial<Pick<ColumnSpec, 'aliases' | 'required' | 'width'>> = {},
): ColumnSpec => ({ key, headers: { 'zh-CN': zhCN, 'zh-TW': zhTW, en }, example, ...options })

const required = { required: true } as const

function guardianColumns(n: 1 | 2, example: [string, string, string]): ColumnSpec[] {
  return [
    column(`guardian${n}Name`, [`家长${n}姓名`, `家長${n}姓名`, `Guardian ${n} name`], example[0]),
    column(
      `guardian${n}Relationship`,
      [`家长${n}关系`, `家長${n}關係`, `Guardian ${n} relationship`],
      example[1],
    ),
    column(`guardian${n}Phone`, [`家长${n}手机`, `家長${n}手機`, `Guardian ${n} mobile`], example[2], {
      width: 16,
    }),
  ]
}

export const COLUMNS: Record<ImportType, readonly ColumnSpec[]> = {
  staff: [
    column('name', ['姓名', '姓名', 'Name'], '李老师', required),
    column('phone', ['手机号', '手機號', 'Mobile'], '13800000010', { aliases: ['手机', '手機', 'Phone'] }),
    column('staffNo', ['工号', '工號', 'Staff no.'], 'T0010'),
    column('position', ['职务', '職務', 'Position'], '数学教师'),
    column('departments', ['部门', '部門', 'Departments'], '教务处/数学组、年级组', { width: 28 }),
    column('tags', ['标签', '標籤', 'Tags'], '骨干教师'),
    column('teaches', ['教学人员', '教學人員', 'Teaching staff'], '是'),
    column('admin', ['管理员', '管理員', 'Admin'], '否'),
  ],
  classes: [
    column('campus', ['校区', '校區', 'Campus'], '本部'),
    column('grade', ['年级', '年級', 'Grade'], '初一', required),
    column('name', ['班级', '班級', 'Class'], '初一(1)班', required),
    column('year', ['入学年份', '入學年份', 'Entry year'], '2026', required),
    column('code', ['班级代码', '班級代碼', 'Class code'], '7A01'),
    column('headTeacher', ['班主任', '班主任', 'Head teacher'], '李老师'),
    column('subjectTeachers', ['任课老师', '任課老師', 'Subject teachers'], '数学:李老师、语文:13800000003', {
      width: 36,
    }),
  ],
  students: [
    column('name', ['姓名', '姓名', 'Name'], '陈小明', required),
    column('studentNo', ['学号', '學號', 'Student no.'], '2026070101', required),
    column('nationalStudentNo', ['国家学籍号', '國家學籍號', 'National student no.'], 'G440101201301011234', {
      width: 22,
    }),
    column('localStudentNo', ['本地学籍号', '本地學籍號', 'Local student no.'], 'L20260101'),
    column('idNumber', ['身份证号', '身分證號', 'ID number'], '44010120130101123X', {
      aliases: ['身份證號'],
      width: 22,
    }),
    column('class', ['班级', '班級', 'Class'], '初一(1)班', required),
    column('phone', ['学生手机', '學生手機', 'Student mobile'], ''),
    ...guardianColumns(1, ['陈家长', '父亲', '13900000001']),
    ...guardianColumns(2, ['李家长', '母亲', '13900000011']),
  ],
}

/** For comparing what people type: full-width forms folded (（１）→ (1)), spaces and `*` dropped, lower case. */
export function comparable(text: string): string {
  return text.normalize('NFKC').replace(/[\s*]/g, '').toLowerCase()
}

/** The header of a column in a language, `*` marking the required ones. */
export function headerOf(spec: ColumnSpec, locale: FormatLocale): string {
  return spec.required ? `${spec.headers[locale]}*` : spec.headers[locale]
}

export function columnSpec(type: ImportType, key: string): ColumnSpec | undefined {
  return COLUMNS[type].find((spec) => spec.key === key)
}

/** The cells of a data row by column key (absent cells are ''). */
export type Cells = Readonly<Record<string, string>>

export interface Header {
  /** The index of the header row in the sheet's rows. */
  index: number
  /** Column key → its position in the row. */
  positions: Map<string, number>
}

function headerLookup(specs: readonly ColumnSpec[]): Map<string, string> {
  const lookup = new Map<string, string>()
  for (const spec of specs) {
    for (const header of [...Object.values(spec.headers), ...(spec.aliases ?? [])]) {
      lookup.set(comparable(header), spec.key)
    }
  }
  return lookup
}

/** Rows above the header people may add (a title, a note) before it is given up on. */
const HEADER_SEARCH_ROWS = 5

/**
 * Finds the header row (the first of the top rows with a known header, in any of the three languages) and the
 * position of every column; file-level errors for a missing header, a missing required column or a column
 * given twice.
 */
export function readHeader(
  type: ImportType,
  rows: readonly (readonly string[])[],
): { header: Header } | { errors: ImportMessage[] } {
  return readHeaderOf(COLUMNS[type], rows)
}

/** `readHeader` for any list of columns (other import formats, e.g. the question bank's). */
export function readHeaderOf(
  specs: readonly ColumnSpec[],
  rows: readonly (readonly string[])[],
): { header: Header } | { errors: ImportMessage[] } {
  const lookup = headerLookup(specs)
  const index = rows
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex((row) => row.some((cell) => lookup.has(comparable(cell))))
  const headerRow = rows[index]
  if (index < 0 || !headerRow) return { errors: [error('noHeader')] }
  const positions = new Map<string, number>()
  const errors: ImportMessage[] = []
  headerRow.forEach((cell, position) => {
    const key = lookup.get(comparable(cell))
    if (!key) return
    if (positions.has(key)) errors.push(error('duplicateColumn', key))
    else positions.set(key, position)
  })
  for (const spec of specs) {
    if (spec.required && !positions.has(spec.key)) errors.push(error('missingColumn', spec.key))
  }
  return errors.length ? { errors } : { header: { index, positions } }
}

export function cellsOf(header: Header, row: readonly string[]): Cells {
  const cells: Record<string, string> = {}
  for (const [key, position] of header.positions) cells[key] = (row[position] ?? '').trim()
  return cells
}

export function isBlank(row: readonly string[]): boolean {
  return row.every((cell) => cell.trim() === '')
}
