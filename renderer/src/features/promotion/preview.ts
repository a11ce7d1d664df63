// The preview as the screen and its Excel export show it: texts of entries, per-class rows, the workbook.
import type { ClassSummary, PromotionPlan } from '../../../../domain/org/promotion/plan.ts'
import type { Planned } from '../../../../domain/org/promotion/structure-diff.ts'
import type { StudentEntry, StudentStatus } from '../../../../domain/org/promotion/student-diff.ts'
import type { SchoolClass } from '../../../../domain/org/school-class.ts'
import type { TableSheet } from '../../ui/excel/workbook.ts'

export type Translate = (key: string, params?: Record<string, unknown>) => string

export const STATUS_FILTERS = ['all', 'moved', 'new', 'missing', 'alumni', 'anomaly', 'unchanged'] as const
export type StatusFilter = (typeof STATUS_FILTERS)[number]

export const STATUS_TAGS: Record<StudentStatus, 'success' | 'primary' | 'warning' | 'danger' | 'info'> = {
  moved: 'primary',
  new: 'success',
  missing: 'warning',
  alumni: 'info',
  anomaly: 'danger',
  unchanged: 'info',
}

/** One line of the students table. */
export interface EntryRow {
  id: string
  entry: StudentEntry
  status: StudentStatus
  studentNo: string
  name: string
  from: string
  to: string
  reasons: string
}

export function classLabel(
  schoolClass: Pick<SchoolClass, 'name' | 'code'> | undefined,
  code?: string,
): string {
  if (!schoolClass) return code ?? ''
  return schoolClass.code ? `${schoolClass.name} · ${schoolClass.code}` : schoolClass.name
}

export function reasonsOf(entry: StudentEntry, t: Translate): string {
  const reasons = entry.anomalies.map((a) => t(`promotion.anomalies.${a.code}`, { detail: a.detail ?? '' }))
  if (entry.status === 'missing' && entry.alumniOn) {
    reasons.push(t('promotion.alumniOn', { date: entry.alumniOn }))
  }
  return reasons.join(' · ')
}

export function entryRows(plan: PromotionPlan, t: Translate): EntryRow[] {
  const classes = new Map<string, Planned<SchoolClass>>(plan.classes.map((c) => [c.id, c]))
  const nameOf = (id: string | undefined) => (id ? classLabel(classes.get(id)) : '')
  return plan.students.entries.map((entry) => ({
    id: entry.key,
    entry,
    status: entry.status,
    studentNo: entry.studentNo,
    name: entry.name,
    from: nameOf(entry.fromClassId),
    to: entry.toClassId ? nameOf(entry.toClassId) : (entry.classCode ?? ''),
    reasons: reasonsOf(entry, t),
  }))
}

export function filterRows(
  rows: readonly EntryRow[],
  status: StatusFilter,
  classKey: string,
  keyOf: (entry: StudentEntry) => string,
): EntryRow[] {
  return rows.filter(
    (row) =>
      (status === 'all' ||
        row.status === status ||
        (status === 'anomaly' && row.entry.anomalies.length > 0)) &&
      (!classKey || keyOf(row.entry) === classKey),
  )
}

const STATUSES: StudentStatus[] = ['moved', 'new', 'unchanged', 'missing', 'alumni', 'anomaly']

function summarySheet(summaries: readonly ClassSummary[], t: Translate): TableSheet {
  return {
    name: t('promotion.sheets.classes'),
    columns: [
      { header: t('promotion.columns.grade') },
      { header: t('promotion.columns.class'), width: 20 },
      { header: t('promotion.columns.code') },
      ...STATUSES.map((status) => ({ header: t(`promotion.statuses.${status}`), width: 10 })),
      { header: t('promotion.columns.anomalies'), width: 10 },
      { header: t('promotion.columns.total'), width: 10 },
    ],
    rows: summaries.map((s) => [
      s.gradeName,
      s.className,
      s.code ?? '',
      ...STATUSES.map((status) => s.counts[status]),
      s.anomalies,
      s.total,
    ]),
  }
}

function studentSheet(rows: readonly EntryRow[], t: Translate): TableSheet {
  return {
    name: t('promotion.sheets.students'),
    columns: [
      { header: t('promotion.columns.status'), width: 10 },
      { header: t('promotion.columns.studentNo') },
      { header: t('promotion.columns.name') },
      { header: t('promotion.columns.from'), width: 24 },
      { header: t('promotion.columns.to'), width: 24 },
      { header: t('promotion.columns.reasons'), width: 48 },
    ],
    rows: rows.map((row) => [
      t(`promotion.statuses.${row.status}`),
      row.studentNo,
      row.name,
      row.from,
      row.to,
      row.reasons,
    ]),
  }
}

function structureSheet(plan: PromotionPlan, t: Translate): TableSheet {
  return {
    name: t('promotion.sheets.structure'),
    columns: [
      { header: t('promotion.columns.status'), width: 10 },
      { header: t('promotion.columns.code') },
      { header: t('promotion.columns.grade') },
      { header: t('promotion.columns.class'), width: 20 },
      { header: t('promotion.columns.before'), width: 24 },
    ],
    rows: [
      ...plan.structure.classes.map((c) => [
        t(`promotion.classStatuses.${c.status}`),
        c.next.code ?? '',
        c.next.gradeName,
        c.next.name,
        c.previous ? `${c.previous.gradeName} ${c.previous.name}` : '',
      ]),
      ...plan.structure.absent.map((c) => [
        t('promotion.classStatuses.absent'),
        c.code ?? '',
        c.gradeName,
        c.name,
        '',
      ]),
    ],
  }
}

/** The preview as a workbook: per class, every student line, and the class structure. */
export function previewSheets(
  plan: PromotionPlan,
  summaries: readonly ClassSummary[],
  t: Translate,
): TableSheet[] {
  return [summarySheet(summaries, t), studentSheet(entryRows(plan, t), t), structureSheet(plan, t)]
}
