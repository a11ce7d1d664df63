import type { Location } from '../../../domain/catalog/location.ts'
import type { Subject } from '../../../domain/catalog/subject.ts'
import type { WireDocument } from '../../../domain/documents.ts'
import type { Guardian } from '../../../domain/org/guardian.ts'
import type { SchoolClass } from '../../../domain/org/school-class.ts'
import type { Staff } from '../../../domain/org/staff.ts'

export function subject(schoolId: string, id: string, fields: Partial<Subject> = {}): WireDocument<Subject> {
  return {
    id,
    kind: 'subject',
    schoolId,
    updatedAt: 1,
    name: `科目 ${id}`,
    enabled: true,
    _deleted: false,
    ...fields,
  }
}

export function location(
  schoolId: string,
  id: string,
  fields: Partial<Location> = {},
): WireDocument<Location> {
  return {
    id,
    kind: 'location',
    schoolId,
    updatedAt: 1,
    name: `教室 ${id}`,
    enabled: true,
    editable: true,
    multiClass: false,
    _deleted: false,
    ...fields,
  }
}

/** Documents of the demo school's address book (collection `org`). */
const demoCommon = (id: string) => ({ id, schoolId: 'demo', updatedAt: 1, _deleted: false })

export function staff(id: string): WireDocument<Staff> {
  return { ...demoCommon(id), kind: 'staff', name: `老师 ${id}`, departmentIds: [], tags: [], teaches: true }
}

export function schoolClass(id: string): WireDocument<SchoolClass> {
  return {
    ...demoCommon(id),
    kind: 'class',
    name: `班级 ${id}`,
    gradeName: '初一',
    year: 2026,
    subjectTeachers: [],
  }
}

/** Visible to admins only. */
export function guardian(id: string): WireDocument<Guardian> {
  return {
    ...demoCommon(id),
    kind: 'guardian',
    name: `家长 ${id}`,
    phone: '13900000099',
    children: [{ studentId: 'p1', relationship: '母亲' }],
  }
}

/** Rows of a push creating `docs` (no master state assumed). */
export function creations<T extends WireDocument>(docs: T[]) {
  return docs.map((newDocumentState) => ({ assumedMasterState: null, newDocumentState }))
}

/** A push row changing `assumed` by `changes`. */
export function update<T extends WireDocument>(assumed: T, changes: Partial<T>) {
  return { assumedMasterState: assumed, newDocumentState: { ...assumed, ...changes } }
}
