import type { BaseDocument } from '../../documents.ts'
import type { Campus, Grade } from '../campus.ts'
import type { Department } from '../departments.ts'
import type { Guardian } from '../guardian.ts'
import type { SchoolClass } from '../school-class.ts'
import type { Staff } from '../staff.ts'
import type { Student } from '../student.ts'
import type { Subject } from '../../catalog/subject.ts'

export const IMPORT_TYPES = ['staff', 'classes', 'students'] as const
export type ImportType = (typeof IMPORT_TYPES)[number]

/** The existing documents an import is checked against and merged into. */
export interface AddressBook {
  departments: readonly Department[]
  staff: readonly Staff[]
  campuses: readonly Campus[]
  grades: readonly Grade[]
  classes: readonly SchoolClass[]
  students: readonly Student[]
  guardians: readonly Guardian[]
  subjects: readonly Subject[]
}

/**
 * A finding about the file or a row, as a code with parameters so that the UI words it in its language.
 * `column` is a column key of the format (the UI shows its header in the UI language).
 */
export interface ImportMessage {
  level: 'error' | 'note'
  code: string
  column?: string
  params?: Record<string, string | number>
}

export type RowAction = 'create' | 'update' | 'unchanged'

export interface RowReport {
  /** The row number as Excel shows it. */
  row: number
  /** What identifies the row for a person: the name (and number) it carries. */
  label: string
  status: 'ok' | 'error'
  /** What importing does with the row's main document (absent for rows with errors). */
  action?: RowAction
  messages: ImportMessage[]
}

/** A document to write with `bulkPut` (the repository sets `schoolId` and `updatedAt`). */
export type Put<T extends BaseDocument> = Omit<T, 'schoolId' | 'updatedAt'>

/** Every document an import writes, by kind. */
export interface ImportWrites {
  department: Put<Department>[]
  campus: Put<Campus>[]
  grade: Put<Grade>[]
  class: Put<SchoolClass>[]
  staff: Put<Staff>[]
  student: Put<Student>[]
  guardian: Put<Guardian>[]
}

export type WriteKind = keyof ImportWrites

/** Referenced kinds before those that reference them; guardians (who point at students) last. */
export const WRITE_ORDER: readonly WriteKind[] = [
  'department',
  'campus',
  'grade',
  'class',
  'staff',
  'student',
  'guardian',
]

export interface KindCounts {
  created: number
  updated: number
}

export interface ImportCounts {
  rows: number
  ok: number
  errors: number
  /** Rows whose main document (staff member, class, student) is new / changed / already as in the file. */
  created: number
  updated: number
  unchanged: number
  /** Documents written per kind, the main kind's included. */
  byKind: Record<WriteKind, KindCounts>
}

export interface ImportPlan {
  type: ImportType
  /** Problems with the file itself (no header, missing column): nothing can be imported. */
  fileErrors: ImportMessage[]
  rows: RowReport[]
  writes: ImportWrites
  counts: ImportCounts
}

export function emptyWrites(): ImportWrites {
  return { department: [], campus: [], grade: [], class: [], staff: [], student: [], guardian: [] }
}

export const error = (code: string, column?: string, params?: ImportMessage['params']): ImportMessage => ({
  level: 'error',
  code,
  ...(column ? { column } : {}),
  ...(params ? { params } : {}),
})

export const note = (code: string, params?: ImportMessage['params']): ImportMessage => ({
  level: 'note',
  code,
  ...(params ? { params } : {}),
})

/** Can the plan be written? Only when the file and every row are valid and something would change. */
export function importable(plan: ImportPlan): boolean {
  return (
    plan.fileErrors.length === 0 &&
    plan.counts.errors === 0 &&
    WRITE_ORDER.some((kind) => plan.writes[kind].length > 0)
  )
}
