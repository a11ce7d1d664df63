import { cellsOf, isBlank, readHeader, type Cells } from './columns.ts'
import { classPlanner } from './class-import.ts'
import {
  emptyWrites,
  error,
  WRITE_ORDER,
  type AddressBook,
  type ImportCounts,
  type ImportMessage,
  type ImportPlan,
  type ImportType,
  type ImportWrites,
  type KindCounts,
  type RowReport,
  type WriteKind,
} from './report.ts'
import { staffPlanner } from './staff-import.ts'
import { studentPlanner } from './student-import.ts'

/** Plans one import type: reads rows one at a time, then checks across rows and builds the documents. */
export interface RowPlanner {
  add(row: number, cells: Cells): void
  finish(): { rows: RowReport[]; writes: ImportWrites }
}

const PLANNERS: Record<ImportType, (book: AddressBook) => RowPlanner> = {
  staff: staffPlanner,
  classes: classPlanner,
  students: studentPlanner,
}

const EXISTING: Record<WriteKind, keyof AddressBook> = {
  department: 'departments',
  campus: 'campuses',
  grade: 'grades',
  class: 'classes',
  staff: 'staff',
  student: 'students',
  guardian: 'guardians',
}

function countKinds(writes: ImportWrites, book: AddressBook): Record<WriteKind, KindCounts> {
  const counts = {} as Record<WriteKind, KindCounts>
  for (const kind of WRITE_ORDER) {
    const existing = new Set(book[EXISTING[kind]].map((doc) => doc.id))
    const updated = writes[kind].filter((doc) => existing.has(doc.id)).length
    counts[kind] = { created: writes[kind].length - updated, updated }
  }
  return counts
}

function countRows(rows: readonly RowReport[], writes: ImportWrites, book: AddressBook): ImportCounts {
  const errors = rows.filter((row) => row.status === 'error').length
  const actions = (action: string) => rows.filter((row) => row.action === action).length
  return {
    rows: rows.length,
    ok: rows.length - errors,
    errors,
    created: actions('create'),
    updated: actions('update'),
    unchanged: actions('unchanged'),
    byKind: countKinds(writes, book),
  }
}

function fileFailure(type: ImportType, fileErrors: ImportMessage[], book: AddressBook): ImportPlan {
  const writes = emptyWrites()
  return { type, fileErrors, rows: [], writes, counts: countRows([], writes, book) }
}

export interface PlanOptions {
  /** Rows read between two pauses. */
  chunk?: number
  /** Lets the UI breathe between chunks (e.g. a macrotask); none: one synchronous run. */
  pause?: () => Promise<void>
  /** Data rows read so far, of all data rows. */
  onProgress?: (done: number, total: number) => void
}

/**
 * The import plan of one sheet (`rows` as `readTables` gives them) against the existing address book: a report
 * per non-blank row and the documents to write. Rows are read in chunks with a pause between them, so that a
 * file of thousands of rows does not freeze the UI.
 */
export async function planImportInChunks(
  type: ImportType,
  rows: readonly (readonly string[])[],
  book: AddressBook,
  { chunk = 250, pause, onProgress }: PlanOptions = {},
): Promise<ImportPlan> {
  const read = readHeader(type, rows)
  if ('errors' in read) return fileFailure(type, read.errors, book)
  const { header } = read
  const planner = PLANNERS[type](book)
  const first = header.index + 1
  const total = Math.max(rows.length - first, 0)
  let added = 0
  for (let i = first; i < rows.length; i++) {
    const row = rows[i] ?? []
    if (!isBlank(row)) {
      planner.add(i + 1, cellsOf(header, row))
      added++
    }
    const done = i - first + 1
    if (done % chunk === 0 && done < total) {
      onProgress?.(done, total)
      await pause?.()
    }
  }
  onProgress?.(total, total)
  if (added === 0) return fileFailure(type, [error('noRows')], book)
  const { rows: reports, writes } = planner.finish()
  return { type, fileErrors: [], rows: reports, writes, counts: countRows(reports, writes, book) }
}
