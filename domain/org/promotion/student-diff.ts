import { addDays, dayNumber, type IsoDate } from '../../calendar/dates.ts'
import { deepEqual } from '../../documents.ts'
import type { Guardian } from '../guardian.ts'
import type { SchoolClass } from '../school-class.ts'
import type { Student } from '../student.ts'
import type { RegisteredStudent, RegistrationFile } from './registration-file.ts'
import type { Planned } from './structure-diff.ts'

export type StudentStatus = 'moved' | 'new' | 'unchanged' | 'missing' | 'alumni' | 'anomaly'

export const ANOMALY_CODES = [
  'unknownClass',
  'duplicateNumber',
  'nameMismatch',
  'nationalNoTaken',
  'missingGuardian',
] as const
export type AnomalyCode = (typeof ANOMALY_CODES)[number]

/** Anomalies that only warn: the row is applied all the same. The others keep the row out. */
const WARNINGS: ReadonlySet<AnomalyCode> = new Set(['missingGuardian'])

export interface Anomaly {
  code: AnomalyCode
  /** The class code, the address book's name or the other student number the reason is about. */
  detail?: string
}

export interface StudentEntry {
  /** Unique per entry: `file-<index in the file>` or `book-<student id>`. */
  key: string
  status: StudentStatus
  studentNo: string
  name: string
  classCode?: string
  fromClassId?: string
  toClassId?: string
  anomalies: Anomaly[]
  missingSince?: IsoDate
  /** When a missing student becomes alumni if still missing then. */
  alumniOn?: IsoDate
  /** The student's new state; absent when nothing changes or the row is kept out. */
  next?: Planned<Student>
}

export interface StudentPlan {
  entries: StudentEntry[]
  /** Guardians created or given a new child, from the file's guardians of new students. */
  guardians: Planned<Guardian>[]
}

export interface StudentBook {
  /** Classes after the structure sync, new ones included. */
  classes: readonly Planned<SchoolClass>[]
  students: readonly Student[]
  guardians: readonly Guardian[]
}

export interface StudentDiffOptions {
  today: IsoDate
  /** Days a student may be missing from the files before becoming alumni. */
  graceDays: number
  newId: () => string
}

export const DEFAULT_GRACE_DAYS = 30

const strip = <T extends { schoolId: string; updatedAt: number }>(doc: T): Planned<T> => {
  const { schoolId: _school, updatedAt: _updated, ...rest } = doc
  return rest
}

const sameName = (a: string, b: string) => a.replace(/\s+/g, '') === b.replace(/\s+/g, '')

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>()
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1)
  return counts
}

export function isBlocking(anomaly: Anomaly): boolean {
  return !WARNINGS.has(anomaly.code)
}

/** Links the file's guardians of new students to guardians found by phone, or creates them. */
function guardianLinker(book: StudentBook, newId: () => string) {
  const byPhone = new Map(book.guardians.map((g) => [g.phone, strip(g)]))
  const touched = new Map<string, Planned<Guardian>>()
  function link(studentId: string, registered: RegisteredStudent): void {
    for (const { name, phone, relationship } of registered.guardians ?? []) {
      const guardian = byPhone.get(phone) ?? { id: newId(), kind: 'guardian', name, phone, children: [] }
      if (!guardian.children.some((child) => child.studentId === studentId)) {
        guardian.children = [...guardian.children, { studentId, relationship }]
      }
      byPhone.set(phone, guardian)
      touched.set(guardian.id, guardian)
    }
  }
  return { link, touched: () => [...touched.values()] }
}

function fileAnomalies(
  registered: RegisteredStudent,
  stored: Student | undefined,
  context: { counts: Map<string, number>; classId?: string; nationalOwners: Map<string, string> },
): Anomaly[] {
  const anomalies: Anomaly[] = []
  if ((context.counts.get(registered.studentNo) ?? 0) > 1) anomalies.push({ code: 'duplicateNumber' })
  if (!context.classId) anomalies.push({ code: 'unknownClass', detail: registered.classCode })
  if (stored && !sameName(stored.name, registered.name)) {
    anomalies.push({ code: 'nameMismatch', detail: stored.name })
  }
  const national = registered.nationalStudentNo?.trim()
  if (national) {
    const owner = context.nationalOwners.get(national)
    if (owner && owner !== registered.studentNo) anomalies.push({ code: 'nationalNoTaken', detail: owner })
    else context.nationalOwners.set(national, registered.studentNo)
  }
  if (!stored && !registered.guardians?.length) anomalies.push({ code: 'missingGuardian' })
  return anomalies
}

function keyNumbers(registered: RegisteredStudent) {
  return {
    nationalStudentNo: registered.nationalStudentNo?.trim() || undefined,
    localStudentNo: registered.localStudentNo?.trim() || undefined,
  }
}

function registeredEntry(
  registered: RegisteredStudent,
  index: number,
  stored: Student | undefined,
  classId: string,
  anomalies: Anomaly[],
  newId: () => string,
): StudentEntry {
  const base = {
    key: `file-${index}`,
    studentNo: registered.studentNo,
    name: registered.name,
    classCode: registered.classCode,
    toClassId: classId,
    anomalies,
  }
  const numbers = keyNumbers(registered)
  if (!stored) {
    const next: Planned<Student> = {
      id: newId(),
      kind: 'student',
      name: registered.name.trim(),
      studentNo: registered.studentNo.trim(),
      classId,
      status: 'active',
      ...numbers,
    }
    return { ...base, status: 'new', next }
  }
  const next: Planned<Student> = {
    ...strip(stored),
    classId,
    status: 'active',
    nationalStudentNo: numbers.nationalStudentNo ?? stored.nationalStudentNo,
    localStudentNo: numbers.localStudentNo ?? stored.localStudentNo,
    leftOn: undefined,
    missingSince: undefined,
  }
  const moved = stored.classId !== classId || stored.status !== 'active'
  const changed = !deepEqual(next, strip(stored))
  return {
    ...base,
    name: stored.name,
    fromClassId: stored.classId,
    status: moved ? 'moved' : 'unchanged',
    ...(changed ? { next } : {}),
  }
}

function missingEntry(stored: Student, options: StudentDiffOptions): StudentEntry {
  const since = stored.missingSince ?? options.today
  const base = {
    key: `book-${stored.id}`,
    studentNo: stored.studentNo,
    name: stored.name,
    fromClassId: stored.classId,
    anomalies: [],
    missingSince: since,
  }
  if (dayNumber(options.today) - dayNumber(since) > options.graceDays) {
    const next: Planned<Student> = {
      ...strip(stored),
      status: 'alumni',
      leftOn: options.today,
      missingSince: since,
    }
    return { ...base, status: 'alumni', next }
  }
  const alumniOn = addDays(since, options.graceDays + 1)
  if (stored.missingSince) return { ...base, status: 'missing', alumniOn }
  return { ...base, status: 'missing', alumniOn, next: { ...strip(stored), missingSince: since } }
}

/**
 * B01 diff against the address book, by student number: moved, new, unchanged, anomalies (kept out, with the
 * reason), and the active students the file lacks — missing, then alumni once the grace period is over.
 */
export function diffStudents(
  file: RegistrationFile,
  book: StudentBook,
  options: StudentDiffOptions,
): StudentPlan {
  const counts = countBy(file.students, (s) => s.studentNo)
  const byNumber = new Map(book.students.map((s) => [s.studentNo, s]))
  const classIdByCode = new Map(book.classes.filter((c) => c.code).map((c) => [c.code, c.id]))
  const nationalOwners = new Map(
    book.students.filter((s) => s.nationalStudentNo).map((s) => [s.nationalStudentNo ?? '', s.studentNo]),
  )
  const guardians = guardianLinker(book, options.newId)
  const entries = file.students.map((registered, index): StudentEntry => {
    const stored = byNumber.get(registered.studentNo)
    const classId = classIdByCode.get(registered.classCode)
    const anomalies = fileAnomalies(registered, stored, { counts, classId, nationalOwners })
    if (!classId || anomalies.some(isBlocking)) {
      const { studentNo, name, classCode } = registered
      const classes = { fromClassId: stored?.classId, toClassId: classId }
      return { key: `file-${index}`, status: 'anomaly', studentNo, name, classCode, anomalies, ...classes }
    }
    const entry = registeredEntry(registered, index, stored, classId, anomalies, options.newId)
    if (entry.status === 'new' && entry.next) guardians.link(entry.next.id, registered)
    return entry
  })
  const listed = new Set(file.students.map((s) => s.studentNo))
  const missing = book.students
    .filter((s) => s.status === 'active' && !listed.has(s.studentNo))
    .map((s) => missingEntry(s, options))
  return { entries: [...entries, ...missing], guardians: guardians.touched() }
}
