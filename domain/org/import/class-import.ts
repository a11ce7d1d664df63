import type { Subject } from '../../catalog/subject.ts'
import { newId } from '../../documents.ts'
import type { Campus, Grade } from '../campus.ts'
import type { SchoolClass, SubjectTeacher } from '../school-class.ts'
import type { Staff } from '../staff.ts'
import { created, hasErrors, indexBy, mergeInto, rowReport } from './build.ts'
import { normalPhone, Occurrences, rowReader, splitList } from './cells.ts'
import { comparable, type Cells } from './columns.ts'
import type { RowPlanner } from './plan.ts'
import { emptyWrites, error, note, type AddressBook, type ImportMessage, type Put } from './report.ts'

type Found<T> = { found: T } | { message: ImportMessage }

/** A staff member by phone, or by name when no one else has that name. */
export function staffFinder(staff: readonly Staff[], column: string) {
  const byPhone = indexBy(staff, (s) => s.phone)
  const byName = indexBy(staff, (s) => s.name.trim())
  return (text: string): Found<Staff> => {
    const matches = byPhone.get(normalPhone(text)) ?? byName.get(text.trim()) ?? []
    const [only] = matches
    if (!only) return { message: error('unknownStaff', column, { value: text }) }
    if (matches.length > 1) return { message: error('ambiguousStaff', column, { value: text }) }
    return { found: only }
  }
}

function subjectFinder(subjects: readonly Subject[]) {
  const byName = indexBy(subjects, (s) => comparable(s.name))
  const byCode = indexBy(subjects, (s) => s.code && comparable(s.code))
  return (text: string): Subject | undefined =>
    (byName.get(comparable(text)) ?? byCode.get(comparable(text)))?.[0]
}

interface ClassRow {
  row: number
  messages: ImportMessage[]
  campus: string
  grade: string
  name: string
  year?: number
  code: string
  headTeacherId?: string
  subjectTeachers?: SubjectTeacher[]
}

/** Campuses and grades by name, created when a campus is named and missing. */
function gradeResolver(book: AddressBook) {
  const campuses: Put<Campus>[] = [...book.campuses]
  const grades: Put<Grade>[] = [...book.grades]
  const writes = { campus: [] as Put<Campus>[], grade: [] as Put<Grade>[] }
  const same = (a: string, b: string) => comparable(a) === comparable(b)
  const nextOrder = (items: { order: number }[]) => Math.max(-1, ...items.map((item) => item.order)) + 1

  function campusId(name: string, messages: ImportMessage[]): string {
    const found = campuses.find((campus) => same(campus.name, name))
    if (found) return found.id
    const campus: Put<Campus> = { id: newId(), kind: 'campus', name, order: nextOrder(campuses) }
    campuses.push(campus)
    writes.campus.push(campus)
    messages.push(note('campusCreated', { value: name }))
    return campus.id
  }

  /** Without a campus: the grade of that name if there is exactly one (else the class keeps only the name). */
  function gradeId(row: ClassRow): string | undefined {
    if (!row.campus) {
      const named = grades.filter((grade) => same(grade.name, row.grade))
      return named.length === 1 ? named[0]?.id : undefined
    }
    const inCampus = campusId(row.campus, row.messages)
    const siblings = grades.filter((grade) => grade.campusId === inCampus)
    const found = siblings.find((grade) => same(grade.name, row.grade))
    if (found) return found.id
    const grade = created<Grade>({
      id: newId(),
      kind: 'grade',
      name: row.grade,
      campusId: inCampus,
      order: nextOrder(siblings),
      year: row.year,
    })
    grades.push(grade)
    writes.grade.push(grade)
    row.messages.push(note('gradeCreated', { value: `${row.campus} ${row.grade}` }))
    return grade.id
  }

  return { gradeId, writes }
}

function subjectTeachersOf(
  text: string,
  findSubject: (text: string) => Subject | undefined,
  findStaff: (text: string) => Found<Staff>,
  messages: ImportMessage[],
): SubjectTeacher[] | undefined {
  if (!text) return undefined
  const pairs: SubjectTeacher[] = []
  for (const item of splitList(text)) {
    const [subjectName = '', teacher = '', ...rest] = item.split(':').map((part) => part.trim())
    if (!subjectName || !teacher || rest.length) {
      messages.push(error('invalidSubjectTeacher', 'subjectTeachers', { value: item }))
      continue
    }
    const subject = findSubject(subjectName)
    if (!subject) messages.push(error('unknownSubject', 'subjectTeachers', { value: subjectName }))
    const staff = findStaff(teacher)
    if ('message' in staff) messages.push(staff.message)
    else if (subject) pairs.push({ subjectId: subject.id, staffId: staff.found.id })
  }
  return pairs
}

/** AB-3 class import: a class is matched by its name (`初一(1)班`); campuses and grades are created as needed. */
export function classPlanner(book: AddressBook): RowPlanner {
  const rows: ClassRow[] = []
  const names = new Occurrences()
  const existing = indexBy(book.classes, (c) => comparable(c.name))
  const findHead = staffFinder(book.staff, 'headTeacher')
  const findTeacher = staffFinder(book.staff, 'subjectTeachers')
  const findSubject = subjectFinder(book.subjects)

  function add(row: number, cells: Cells): void {
    const read = rowReader(cells)
    const parsed: ClassRow = {
      row,
      messages: read.messages,
      campus: read.text('campus', 60),
      grade: read.required('grade', 30),
      name: read.required('name', 60),
      year: read.year('year'),
      code: read.text('code', 30),
    }
    const head = read.text('headTeacher', 60)
    if (head) {
      const staff = findHead(head)
      if ('message' in staff) parsed.messages.push(staff.message)
      else parsed.headTeacherId = staff.found.id
    }
    const teachers = read.text('subjectTeachers', 2000)
    parsed.subjectTeachers = subjectTeachersOf(teachers, findSubject, findTeacher, parsed.messages)
    names.add(comparable(parsed.name), row)
    rows.push(parsed)
  }

  function stored(row: ClassRow): SchoolClass | undefined {
    const matches = existing.get(comparable(row.name)) ?? []
    if (matches.length > 1) row.messages.push(error('ambiguousClass', 'name', { value: row.name }))
    return matches[0]
  }

  function finish() {
    const grades = gradeResolver(book)
    const classes: Put<SchoolClass>[] = []
    const reports = rows.map((row) => {
      const others = names.othersOf(comparable(row.name), row.row)
      if (others.length)
        row.messages.push(error('duplicateInFile', 'name', { value: row.name, rows: others.join(', ') }))
      const match = stored(row)
      if (hasErrors(row.messages) || row.year === undefined) return rowReport(row.row, row.name, row.messages)
      const fields = {
        name: row.name,
        gradeName: row.grade,
        gradeId: grades.gradeId(row),
        code: row.code,
        year: row.year,
        headTeacherId: row.headTeacherId,
        subjectTeachers: row.subjectTeachers,
      }
      const planned = match
        ? mergeInto(match, fields)
        : {
            doc: created<SchoolClass>({
              id: newId(),
              kind: 'class',
              ...fields,
              subjectTeachers: fields.subjectTeachers ?? [],
            }),
            action: 'create' as const,
          }
      if (planned.action !== 'unchanged') classes.push(planned.doc)
      return rowReport(row.row, row.name, row.messages, planned.action)
    })
    return { rows: reports, writes: { ...emptyWrites(), ...grades.writes, class: classes } }
  }

  return { add, finish }
}
