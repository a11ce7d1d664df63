import { deepEqual } from '../../documents.ts'
import type { Campus, Grade } from '../campus.ts'
import type { SchoolClass } from '../school-class.ts'
import type { StructureRow } from './structure-file.ts'

/** A document as promotion plans to write it: the repository adds `schoolId` and `updatedAt`. */
export type Planned<T> = Omit<T, 'schoolId' | 'updatedAt'>

export type ChangeStatus = 'new' | 'changed' | 'unchanged'
export type ClassField = 'name' | 'grade' | 'year'

export interface ClassChange {
  status: ChangeStatus
  row: StructureRow
  next: Planned<SchoolClass>
  previous?: SchoolClass
  /** What differs from `previous` (empty for new and unchanged classes). */
  changed: ClassField[]
}

export interface GradeChange {
  status: ChangeStatus
  next: Planned<Grade>
}

export interface StructurePlan {
  campuses: Planned<Campus>[]
  grades: GradeChange[]
  classes: ClassChange[]
  /** Classes of the address book no row of the file names (by code): kept as they are, listed for review. */
  absent: SchoolClass[]
}

export interface OrgBook {
  campuses: readonly Campus[]
  grades: readonly Grade[]
  classes: readonly SchoolClass[]
}

const strip = <T extends { schoolId: string; updatedAt: number }>(doc: T): Planned<T> => {
  const { schoolId: _school, updatedAt: _updated, ...rest } = doc
  return rest
}

function planCampuses(rows: readonly StructureRow[], book: OrgBook, newId: () => string) {
  const byName = new Map(book.campuses.map((c) => [c.name, c.id]))
  const created: Planned<Campus>[] = []
  let order = Math.max(-1, ...book.campuses.map((c) => c.order))
  for (const { campus } of rows) {
    if (byName.has(campus)) continue
    const doc: Planned<Campus> = { id: newId(), kind: 'campus', name: campus, order: ++order }
    created.push(doc)
    byName.set(campus, doc.id)
  }
  return { created, idOf: (name: string) => byName.get(name) ?? '' }
}

function planGrades(
  rows: readonly StructureRow[],
  book: OrgBook,
  campusIdOf: (name: string) => string,
  newId: () => string,
) {
  const key = (campusId: string, name: string) => `${campusId}\u0000${name}`
  const changes = new Map<string, GradeChange>()
  const stored = new Map(book.grades.map((g) => [key(g.campusId, g.name), g]))
  for (const row of rows) {
    const campusId = campusIdOf(row.campus)
    const k = key(campusId, row.grade)
    if (changes.has(k)) continue
    const previous = stored.get(k)
    const next: Planned<Grade> = previous
      ? { ...strip(previous), order: row.gradeOrder }
      : { id: newId(), kind: 'grade', name: row.grade, campusId, order: row.gradeOrder }
    const status = !previous ? 'new' : previous.order === row.gradeOrder ? 'unchanged' : 'changed'
    changes.set(k, { status, next })
  }
  return {
    changes: [...changes.values()],
    idOf: (row: StructureRow) => changes.get(key(campusIdOf(row.campus), row.grade))?.next.id ?? '',
  }
}

function classChange(
  row: StructureRow,
  gradeId: string,
  previous: SchoolClass | undefined,
  newId: () => string,
) {
  const fields = {
    name: row.className,
    gradeName: row.grade,
    gradeId,
    year: row.entryYear,
    code: row.classCode,
  }
  if (!previous) {
    const next: Planned<SchoolClass> = { id: newId(), kind: 'class', ...fields, subjectTeachers: [] }
    return { status: 'new', row, next, changed: [] } satisfies ClassChange
  }
  const next = { ...strip(previous), ...fields }
  const changed: ClassField[] = []
  if (previous.name !== next.name) changed.push('name')
  if (previous.gradeName !== next.gradeName || previous.gradeId !== next.gradeId) changed.push('grade')
  if (previous.year !== next.year) changed.push('year')
  const status = deepEqual(next, strip(previous)) ? 'unchanged' : 'changed'
  return { status, row, next, previous, changed } satisfies ClassChange
}

/** B08 sync: campuses and grades created as needed, classes matched by their bureau code. */
export function diffStructure(
  rows: readonly StructureRow[],
  book: OrgBook,
  newId: () => string,
): StructurePlan {
  const campuses = planCampuses(rows, book, newId)
  const grades = planGrades(rows, book, campuses.idOf, newId)
  const byCode = new Map(book.classes.filter((c) => c.code).map((c) => [c.code, c]))
  const classes = rows.map((row) => classChange(row, grades.idOf(row), byCode.get(row.classCode), newId))
  const matched = new Set(classes.map((change) => change.previous?.id))
  return {
    campuses: campuses.created,
    grades: grades.changes,
    classes,
    absent: book.classes.filter((c) => !matched.has(c.id)),
  }
}
