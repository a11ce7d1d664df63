import type { SchoolClass } from './school-class.ts'
import { missingKeyFields, type KeyField, type Student } from './student.ts'

/** A student of the incomplete list (AB-6) and what they lack. */
export interface IncompleteStudent {
  student: Student
  className: string
  missing: KeyField[]
}

/** Completeness of one class: its active students and how many of them lack key information. */
export interface ClassCompleteness {
  classId: string
  className: string
  active: number
  incomplete: number
}

export interface KeyInformationReport {
  perClass: ClassCompleteness[]
  incomplete: IncompleteStudent[]
}

/**
 * AB-6 for the classes in scope (one class, a grade, the school), in the order given: only active students
 * count — those who left or graduated are no longer reported to the education bureau.
 */
export function keyInformationReport(
  classes: readonly SchoolClass[],
  students: readonly Student[],
): KeyInformationReport {
  const perClass: ClassCompleteness[] = []
  const incomplete: IncompleteStudent[] = []
  for (const c of classes) {
    const active = students.filter((s) => s.classId === c.id && s.status === 'active')
    const lacking = active
      .map((student) => ({ student, className: c.name, missing: missingKeyFields(student) }))
      .filter((row) => row.missing.length > 0)
    perClass.push({ classId: c.id, className: c.name, active: active.length, incomplete: lacking.length })
    incomplete.push(...lacking)
  }
  return { perClass, incomplete }
}
