import { departmentAndDescendants, type Department } from '../org/departments.ts'
import type { Guardian } from '../org/guardian.ts'
import type { SchoolClass } from '../org/school-class.ts'
import type { Staff } from '../org/staff.ts'
import type { Student } from '../org/student.ts'
import type { Audience } from './notice.ts'
import type { RecipientKind } from './receipt.ts'

/** The live address book of a school, as far as addressing notices needs it. */
export interface AddressBook {
  classes: readonly SchoolClass[]
  students: readonly Student[]
  guardians: readonly Guardian[]
  staff: readonly Staff[]
  departments: readonly Department[]
}

/** One person a notice reaches, with the students and classes it concerns for them. */
export interface Recipient {
  personId: string
  personKind: RecipientKind
  studentIds: string[]
  classIds: string[]
}

interface Gathered {
  personKind: RecipientKind
  studentIds: Set<string>
  classIds: Set<string>
}

/**
 * The people `audience` reaches (DESIGN §7.1), each once however many routes reach them: classes → their active
 * students and those students' guardians; students → the same for each; departments → their staff, sub-departments
 * included; staff; the whole school → everyone. Only people for whom `hasAccount` holds are reached (they are the
 * ones who can read a notice); students who left reach no one.
 */
export function resolveRecipients(
  audience: Audience,
  book: AddressBook,
  hasAccount: (personId: string) => boolean,
): Recipient[] {
  const gathered = new Map<string, Gathered>()
  const reach = (personId: string, personKind: RecipientKind, student?: Student) => {
    if (!hasAccount(personId)) return
    const entry = gathered.get(personId) ?? { personKind, studentIds: new Set(), classIds: new Set() }
    gathered.set(personId, entry)
    if (!student) return
    entry.studentIds.add(student.id)
    entry.classIds.add(student.classId)
  }
  const guardiansOf = new Map<string, Guardian[]>()
  for (const guardian of book.guardians) {
    for (const { studentId } of guardian.children)
      guardiansOf.set(studentId, [...(guardiansOf.get(studentId) ?? []), guardian])
  }
  const reachStudent = (student: Student) => {
    reach(student.id, 'student', student)
    for (const guardian of guardiansOf.get(student.id) ?? []) reach(guardian.id, 'guardian', student)
  }
  const reachStaff = (staff: Staff) => reach(staff.id, 'staff')

  const activeStudents = book.students.filter((student) => student.status === 'active')
  const whole = audience.wholeSchool === true
  const classIds = new Set(audience.classIds)
  const studentIds = new Set(audience.studentIds)
  for (const student of activeStudents) {
    if (whole || classIds.has(student.classId) || studentIds.has(student.id)) reachStudent(student)
  }
  const departmentIds = new Set(
    (audience.departmentIds ?? []).flatMap((id) => [...departmentAndDescendants(book.departments, id)]),
  )
  const staffIds = new Set(audience.staffIds)
  for (const staff of book.staff) {
    if (whole || staffIds.has(staff.id) || staff.departmentIds.some((id) => departmentIds.has(id)))
      reachStaff(staff)
  }
  return [...gathered].map(([personId, { personKind, studentIds: students, classIds: classes }]) => ({
    personId,
    personKind,
    studentIds: [...students],
    classIds: [...classes],
  }))
}
