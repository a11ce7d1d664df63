import { isAdmin, type SessionUser } from '../auth/roles.ts'
import type { ReadScope } from '../kinds.ts'
import type { DirectoryNode } from '../org/directory.ts'
import { teachersOf, type SchoolClass } from '../org/school-class.ts'
import type { Student } from '../org/student.ts'
import type { Audience } from './notice.ts'
import { resolveRecipients, type AddressBook } from './recipients.ts'

/**
 * The classes and students a teacher may address (DESIGN §7.1): the classes they head or teach and those
 * classes' students. The same scope the server checks a pushed notice against. Admins address anyone: null.
 */
export function addressingScope(
  user: SessionUser,
  classes: readonly SchoolClass[],
  students: readonly Student[],
): ReadScope | null {
  if (isAdmin(user)) return null
  const classIds = new Set(classes.filter((c) => teachersOf(c).includes(user.id)).map((c) => c.id))
  const studentIds = new Set(students.filter((s) => classIds.has(s.classId)).map((s) => s.id))
  return { classIds, studentIds }
}

/** A node of the recipients tree (campus → grade → class) with the people it reaches. */
export interface RecipientNode {
  key: string
  type: DirectoryNode['type']
  /** The class's id for a class node. */
  classId: string | null
  name: string
  students: number
  guardians: number
  children: RecipientNode[]
}

/** The guardians of each class's active students (a guardian of two children in one class counts once). */
function guardiansByClass(book: Pick<AddressBook, 'students' | 'guardians'>): Map<string, Set<string>> {
  const classOf = new Map(book.students.filter((s) => s.status === 'active').map((s) => [s.id, s.classId]))
  const byClass = new Map<string, Set<string>>()
  for (const guardian of book.guardians) {
    for (const { studentId } of guardian.children) {
      const classId = classOf.get(studentId)
      if (classId === undefined) continue
      const guardians = byClass.get(classId) ?? new Set()
      guardians.add(guardian.id)
      byClass.set(classId, guardians)
    }
  }
  return byClass
}

/**
 * The directory tree reduced to the classes one may address (`scope` null: all), empty branches left out, each
 * node with its active students and their guardians (each guardian once per node).
 */
export function recipientTree(
  tree: readonly DirectoryNode[],
  scope: ReadScope | null,
  book: Pick<AddressBook, 'students' | 'guardians'>,
): RecipientNode[] {
  const guardians = guardiansByClass(book)
  const convert = (node: DirectoryNode): RecipientNode[] => {
    const classIds = node.classIds.filter((id) => !scope || scope.classIds.has(id))
    if (classIds.length === 0) return []
    const reached = new Set(classIds.flatMap((id) => [...(guardians.get(id) ?? [])]))
    const children = node.children.flatMap(convert)
    return [
      {
        key: node.key,
        type: node.type,
        classId: node.type === 'class' ? node.id : null,
        name: node.name,
        students:
          node.type === 'class' ? node.activeStudents : children.reduce((sum, c) => sum + c.students, 0),
        guardians: reached.size,
        children,
      },
    ]
  }
  return tree.flatMap(convert)
}

export interface AudienceSize {
  guardians: number
  students: number
  staff: number
  total: number
}

/**
 * How many people the audience reaches by the address book on this PC, each once (the recipient resolution the
 * server runs at delivery; people without an account, whom the server leaves out, are counted here).
 */
export function audienceSize(audience: Audience, book: AddressBook): AudienceSize {
  const size: AudienceSize = { guardians: 0, students: 0, staff: 0, total: 0 }
  for (const recipient of resolveRecipients(audience, book, () => true)) {
    const kind =
      recipient.personKind === 'guardian'
        ? 'guardians'
        : recipient.personKind === 'student'
          ? 'students'
          : 'staff'
    size[kind] += 1
    size.total += 1
  }
  return size
}
