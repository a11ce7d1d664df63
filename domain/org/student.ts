import { isAdmin } from '../auth/roles.ts'
import type { BaseDocument } from '../documents.ts'
import { allowed, denied, kindSchema, nonBlankString, type KindDefinition } from '../kinds.ts'

export const STUDENT_STATUSES = ['active', 'left', 'alumni'] as const

/** AB-2: a student in a class. */
export interface Student extends BaseDocument {
  kind: 'student'
  name: string
  studentNo: string
  nationalStudentNo?: string
  localStudentNo?: string
  idNumber?: string
  classId: string
  status: (typeof STUDENT_STATUSES)[number]
}

// Who teaches which class is address-book data the server resolves; until class-based visibility exists,
// students are visible to admins only (never more than the school allows).
export const studentKind: KindDefinition<Student> = {
  kind: 'student',
  collection: 'org',
  schema: kindSchema(
    'student',
    {
      name: nonBlankString(60),
      studentNo: nonBlankString(30),
      nationalStudentNo: { type: 'string', maxLength: 30 },
      localStudentNo: { type: 'string', maxLength: 30 },
      idNumber: { type: 'string', maxLength: 30 },
      classId: { type: 'string', minLength: 1, maxLength: 64 },
      status: { enum: [...STUDENT_STATUSES] },
    },
    ['name', 'studentNo', 'classId', 'status'],
  ),
  canWrite: (user) => (isAdmin(user) ? allowed : denied('only admins may change students')),
  canRead: (user) => isAdmin(user),
}
