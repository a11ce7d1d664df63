import type { ImportPlan, ImportType, ImportWrites, RowAction, RowReport, WriteKind } from './report.ts'
import { WRITE_ORDER } from './report.ts'

// How the import dialog (AB-3) presents a plan: the order of its report, its progress and what else it writes.

/** Errors first, then in file order. */
export function reportInDisplayOrder(rows: readonly RowReport[]): RowReport[] {
  return [...rows].sort(
    (a, b) => Number(b.status === 'error') - Number(a.status === 'error') || a.row - b.row,
  )
}

/** A row's state column: `error`, or what importing does with the row. */
export function rowState(row: RowReport): 'error' | RowAction {
  return row.status === 'error' ? 'error' : (row.action ?? 'unchanged')
}

/** Whole percent of `done` out of `total` (0 while nothing is counted yet). */
export function progressPercent({ done, total }: { done: number; total: number }): number {
  return total ? Math.round((done / total) * 100) : 0
}

const MAIN_KIND: Record<ImportType, WriteKind> = { staff: 'staff', classes: 'class', students: 'student' }

/** The kinds an import writes besides the one of its file (e.g. guardians of a student import), in write order. */
export function alsoWrittenKinds(plan: Pick<ImportPlan, 'type' | 'writes'>): WriteKind[] {
  return WRITE_ORDER.filter((kind) => kind !== MAIN_KIND[plan.type] && plan.writes[kind].length > 0)
}

/** How many documents writing the plan puts. */
export function writeCount(writes: ImportWrites): number {
  return WRITE_ORDER.reduce((sum, kind) => sum + writes[kind].length, 0)
}
