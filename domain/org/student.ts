import { isAdmin } from '../auth/roles.ts'
import { DATE_PATTERN } from '../calendar/dates.ts'
import type { BaseDocument } from '../documents.ts'
import { allowed, denied, kindSchema, nonBlankString, type KindDefinition } from '../kinds.ts'
import { PHONE_PATTERN } from './staff.ts'

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
  /** The student's own phone: their account; without one the account is the student number. */
  phone?: string
  /** When the student left or graduated (`YYYY-MM-DD`). */
  leftOn?: string
  /** Promotion (AB-5): the day a registration file first lacked this student; alumni after the grace period. */
  missingSince?: string
}

/** AB-6 key information (关键信息): what the education bureau needs and the class lacks. */
export const KEY_FIELDS = ['nationalStudentNo', 'localStudentNo', 'idNumber'] as const
export type KeyField = (typeof KEY_FIELDS)[number]

export function missingKeyFields(student: Student): KeyField[] {
  return KEY_FIELDS.filter((field) => !student[field]?.trim())
}

// Teachers see the students of the classes they teach; guardians their children; students themselves.
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
      phone: { type: 'string', pattern: PHONE_PATTERN },
      leftOn: { type: 'string', pattern: DATE_PATTERN },
      missingSince: { type: 'string', pattern: DATE_PATTERN },
    },
    ['name', 'studentNo', 'classId', 'status'],
  ),
  canWrite: (user) => (isAdmin(user) ? allowed : denied('only admins may change students')),
  canRead: (user, student, scope) =>
    isAdmin(user) || scope.classIds.has(student.classId) || scope.studentIds.has(student.id),
}
