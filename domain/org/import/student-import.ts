import { deepEqual, newId } from '../../documents.ts'
import type { Guardian } from '../guardian.ts'
import type { Student } from '../student.ts'
import { created, hasErrors, indexBy, mergeInto, rowReport, withoutEnvelope } from './build.ts'
import { Occurrences, rowReader, type RowReader } from './cells.ts'
import { comparable, type Cells } from './columns.ts'
import type { RowPlanner } from './plan.ts'
import { emptyWrites, error, note, type AddressBook, type ImportMessage, type Put } from './report.ts'

const GUARDIAN_SLOTS = [1, 2] as const

interface GuardianEntry {
  slot: (typeof GUARDIAN_SLOTS)[number]
  name: string
  relationship: string
  phone: string
}

interface StudentRow {
  row: number
  messages: ImportMessage[]
  name: string
  studentNo: string
  nationalStudentNo: string
  localStudentNo: string
  idNumber: string
  classId?: string
  phone: string
  guardians: GuardianEntry[]
}

/** A guardian is given by name, relationship and phone together; any one alone is an incomplete guardian. */
function readGuardians(read: RowReader, cells: Cells): GuardianEntry[] {
  const entries: GuardianEntry[] = []
  for (const slot of GUARDIAN_SLOTS) {
    const column = (field: string) => `guardian${slot}${field}`
    const name = read.text(column('Name'), 60)
    const relationship = read.text(column('Relationship'), 20)
    const phone = read.phone(column('Phone'))
    if (!name && !relationship && !phone) continue
    const given: [string, string][] = [
      ['Name', name],
      ['Relationship', relationship],
      ['Phone', cells[column('Phone')] ?? ''],
    ]
    for (const [field, value] of given) {
      if (!value) read.messages.push(error('guardianIncomplete', column(field)))
    }
    if (entries.some((entry) => phone && entry.phone === phone)) {
      read.messages.push(error('guardianTwice', column('Phone'), { value: phone }))
    }
    entries.push({ slot, name, relationship, phone })
  }
  return entries
}

/** Existing classes by name (full-width brackets and spaces do not matter): 初一（1）班 is 初一(1)班. */
function classFinder(book: AddressBook) {
  const byName = indexBy(book.classes, (c) => comparable(c.name))
  return (name: string, messages: ImportMessage[]): string | undefined => {
    const matches = byName.get(comparable(name)) ?? []
    if (matches.length === 0) messages.push(error('unknownClass', 'class', { value: name }))
    if (matches.length > 1) messages.push(error('ambiguousClass', 'class', { value: name }))
    return matches.length === 1 ? matches[0]?.id : undefined
  }
}

/** Guardians by phone: the stored ones, and those this import creates; each keeps its children. */
function guardianBook(existing: readonly Guardian[]) {
  const stored = indexBy(existing, (g) => g.phone)
  const working = new Map<string, Put<Guardian>>()
  const originals = new Map<string, Put<Guardian>>()

  function addChild(entry: GuardianEntry, studentId: string, messages: ImportMessage[]): void {
    let guardian = working.get(entry.phone)
    if (!guardian) {
      const found = stored.get(entry.phone)?.[0]
      guardian = found
        ? withoutEnvelope(found)
        : { id: newId(), kind: 'guardian', name: entry.name, phone: entry.phone, children: [] }
      if (found) originals.set(entry.phone, withoutEnvelope(found))
      working.set(entry.phone, guardian)
    }
    if (guardian.name !== entry.name) {
      messages.push(note('guardianNameKept', { value: entry.phone, name: guardian.name }))
    }
    const child = { studentId, relationship: entry.relationship }
    const others = guardian.children.filter((c) => c.studentId !== studentId)
    const at = guardian.children.findIndex((c) => c.studentId === studentId)
    guardian.children = at < 0 ? [...others, child] : guardian.children.map((c, i) => (i === at ? child : c))
  }

  /** The guardians that are new or gained or changed a child. */
  function writes(): Put<Guardian>[] {
    return [...working].filter(([phone, g]) => !deepEqual(g, originals.get(phone))).map(([, g]) => g)
  }

  return { addChild, writes }
}

/**
 * AB-3 students with their guardians: a student is matched by 学号 (an existing one is updated), a guardian by
 * phone (an existing one gains the child; one phone may be the guardian of several students of the file).
 */
export function studentPlanner(book: AddressBook): RowPlanner {
  const rows: StudentRow[] = []
  const numbers = new Occurrences()
  const phones = new Occurrences()
  const guardianNames = new Map<string, Set<string>>()
  const findClass = classFinder(book)
  const byNumber = indexBy(book.students, (s) => comparable(s.studentNo))

  function add(row: number, cells: Cells): void {
    const read = rowReader(cells)
    const parsed: StudentRow = {
      row,
      messages: read.messages,
      name: read.required('name', 60),
      studentNo: read.required('studentNo', 30),
      nationalStudentNo: read.text('nationalStudentNo', 30),
      localStudentNo: read.text('localStudentNo', 30),
      idNumber: read.idNumber('idNumber'),
      phone: read.phone('phone'),
      guardians: readGuardians(read, cells),
    }
    const className = read.required('class', 60)
    if (className) parsed.classId = findClass(className, parsed.messages)
    numbers.add(comparable(parsed.studentNo), row)
    phones.add(parsed.phone, row)
    for (const { phone, name } of parsed.guardians) {
      if (phone && name) guardianNames.set(phone, (guardianNames.get(phone) ?? new Set()).add(name))
    }
    rows.push(parsed)
  }

  function crossRowChecks(row: StudentRow): void {
    const sameNo = numbers.othersOf(comparable(row.studentNo), row.row)
    if (sameNo.length)
      row.messages.push(
        error('duplicateInFile', 'studentNo', { value: row.studentNo, rows: sameNo.join(', ') }),
      )
    const samePhone = phones.othersOf(row.phone, row.row)
    if (samePhone.length)
      row.messages.push(error('duplicateInFile', 'phone', { value: row.phone, rows: samePhone.join(', ') }))
    for (const { slot, phone } of row.guardians) {
      const names = guardianNames.get(phone)
      if (names && names.size > 1)
        row.messages.push(
          error('guardianNameConflict', `guardian${slot}Name`, {
            value: phone,
            names: [...names].join('、'),
          }),
        )
    }
  }

  function finish() {
    const guardians = guardianBook(book.guardians)
    const students: Put<Student>[] = []
    const reports = rows.map((row) => {
      crossRowChecks(row)
      const label = `${row.name} ${row.studentNo}`.trim()
      if (hasErrors(row.messages) || !row.classId) return rowReport(row.row, label, row.messages)
      const fields = {
        name: row.name,
        nationalStudentNo: row.nationalStudentNo,
        localStudentNo: row.localStudentNo,
        idNumber: row.idNumber,
        classId: row.classId,
        phone: row.phone,
      }
      const stored = byNumber.get(comparable(row.studentNo))?.[0]
      const planned = stored
        ? mergeInto(stored, fields)
        : {
            doc: created<Student>({
              id: newId(),
              kind: 'student',
              studentNo: row.studentNo,
              status: 'active',
              ...fields,
            }),
            action: 'create' as const,
          }
      if (planned.action !== 'unchanged') students.push(planned.doc)
      for (const entry of row.guardians) guardians.addChild(entry, planned.doc.id, row.messages)
      return rowReport(row.row, label, row.messages, planned.action)
    })
    return { rows: reports, writes: { ...emptyWrites(), student: students, guardian: guardians.writes() } }
  }

  return { add, finish }
}
