import type { SessionUser } from '../../auth/roles.ts'
import type { BaseDocument } from '../../documents.ts'
import { checkWrite } from '../../permissions.ts'
import { validateDocument } from '../../validation.ts'
import type { Campus, Grade } from '../campus.ts'
import type { Guardian } from '../guardian.ts'
import type { SchoolClass } from '../school-class.ts'
import type { Student } from '../student.ts'
import type { RegistrationFile } from './registration-file.ts'
import { diffStructure, type OrgBook, type Planned, type StructurePlan } from './structure-diff.ts'
import type { StructureRow } from './structure-file.ts'
import {
  diffStudents,
  type StudentDiffOptions,
  type StudentEntry,
  type StudentPlan,
  type StudentStatus,
} from './student-diff.ts'

export interface AddressBook extends OrgBook {
  students: readonly Student[]
  guardians: readonly Guardian[]
}

export const COUNT_KEYS = [
  'classesNew',
  'classesChanged',
  'classesAbsent',
  'moved',
  'new',
  'unchanged',
  'missing',
  'alumni',
  'anomalies',
  'guardians',
] as const
export type PromotionCounts = Record<(typeof COUNT_KEYS)[number], number>

export interface PromotionPlan {
  structure: StructurePlan
  students: StudentPlan
  /** Every class after the sync: the file's, and the address book's the file does not name. */
  classes: Planned<SchoolClass>[]
  counts: PromotionCounts
  schoolYear: number
}

/** What applying the plan writes, by kind, in the order to write it (referenced documents first). */
export interface PromotionWrites {
  campus: Planned<Campus>[]
  grade: Planned<Grade>[]
  class: Planned<SchoolClass>[]
  student: Planned<Student>[]
  guardian: Planned<Guardian>[]
}

function countsOf(structure: StructurePlan, students: StudentPlan): PromotionCounts {
  const byStatus = (status: StudentStatus) => students.entries.filter((e) => e.status === status).length
  return {
    classesNew: structure.classes.filter((c) => c.status === 'new').length,
    classesChanged: structure.classes.filter((c) => c.status === 'changed').length,
    classesAbsent: structure.absent.length,
    moved: byStatus('moved'),
    new: byStatus('new'),
    unchanged: byStatus('unchanged'),
    missing: byStatus('missing'),
    alumni: byStatus('alumni'),
    anomalies: students.entries.filter((e) => e.anomalies.length).length,
    guardians: students.guardians.length,
  }
}

/** The whole preview: the B08 structure sync, then the B01 students against the classes it leaves. */
export function planPromotion(
  rows: readonly StructureRow[],
  registration: RegistrationFile,
  book: AddressBook,
  options: StudentDiffOptions,
): PromotionPlan {
  const structure = diffStructure(rows, book, options.newId)
  const classes = [...structure.classes.map((c) => c.next), ...structure.absent]
  const students = diffStudents(registration, { ...book, classes }, options)
  const counts = countsOf(structure, students)
  return { structure, students, classes, counts, schoolYear: registration.schoolYear }
}

export function promotionWrites(plan: PromotionPlan): PromotionWrites {
  const present = <T>(items: (T | undefined)[]) => items.filter((item): item is T => item !== undefined)
  return {
    campus: plan.structure.campuses,
    grade: plan.structure.grades.filter((g) => g.status !== 'unchanged').map((g) => g.next),
    class: plan.structure.classes.filter((c) => c.status !== 'unchanged').map((c) => c.next),
    student: present(plan.students.entries.map((e) => e.next)),
    guardian: plan.students.guardians,
  }
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

/**
 * The reasons the repository gate (schema, then permission) would refuse any of `docs`, checked all at once
 * before anything is written, so that a refusal leaves the address book untouched.
 */
export function refusals(
  docs: readonly Planned<BaseDocument>[],
  user: SessionUser,
  storedOf: (id: string) => BaseDocument | undefined,
  now: number,
): string[] {
  return docs.flatMap((doc) => {
    const next = withoutUndefined({ ...doc, schoolId: user.schoolId, updatedAt: now })
    const validation = validateDocument('org', next)
    if (!validation.ok) return validation.errors
    const permission = checkWrite(user, next, storedOf(doc.id) ?? null)
    return permission.ok ? [] : [permission.reason]
  })
}

export interface ClassSummary {
  /** The class id, or `code:<code>` for a code no class has. */
  id: string
  className: string
  gradeName: string
  code?: string
  counts: Record<StudentStatus, number>
  /** Entries with any anomaly, warnings included. */
  anomalies: number
  total: number
}

/** The class an entry is shown under: the file's class (by code), or where a missing student was. */
export function entryClassKey(entry: StudentEntry): string {
  if (entry.status === 'missing' || entry.status === 'alumni') return entry.fromClassId ?? ''
  return entry.toClassId ?? `code:${entry.classCode ?? ''}`
}

const zeroCounts = (): Record<StudentStatus, number> => ({
  moved: 0,
  new: 0,
  unchanged: 0,
  missing: 0,
  alumni: 0,
  anomaly: 0,
})

/** The preview per class. */
export function classSummaries(plan: PromotionPlan): ClassSummary[] {
  const classes = new Map(plan.classes.map((c) => [c.id, c]))
  const summaries = new Map<string, ClassSummary>()
  for (const entry of plan.students.entries) {
    const id = entryClassKey(entry)
    const known = classes.get(id)
    const summary = summaries.get(id) ?? {
      id,
      className: known?.name ?? entry.classCode ?? '',
      gradeName: known?.gradeName ?? '',
      code: known?.code ?? entry.classCode,
      counts: zeroCounts(),
      anomalies: 0,
      total: 0,
    }
    summary.counts[entry.status]++
    if (entry.anomalies.length) summary.anomalies++
    summary.total++
    summaries.set(id, summary)
  }
  // Lower grades started later: newest entry year first, then by name; unknown codes last.
  const year = (s: ClassSummary) => classes.get(s.id)?.year ?? 0
  return [...summaries.values()].sort(
    (a, b) => year(b) - year(a) || a.className.localeCompare(b.className, 'zh'),
  )
}
