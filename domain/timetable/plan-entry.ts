import { isAdmin, isStaff } from '../auth/roles.ts'
import type { BaseDocument } from '../documents.ts'
import { allowed, denied, kindSchema, type KindDefinition } from '../kinds.ts'

const ref = { type: 'string', minLength: 1, maxLength: 64 } as const

/** The fields that place a lesson: who teaches what to which class, where. */
export const bookingProperties = {
  termId: ref,
  periodId: ref,
  teacherId: ref,
  subjectId: ref,
  classId: ref,
  locationId: ref,
} as const

/** TT-5: one weekly lesson of the scheduling plan (排課計劃) of a term. */
export interface PlanEntry extends BaseDocument {
  kind: 'plan_entry'
  termId: string
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number
  periodId: string
  teacherId: string
  subjectId: string
  classId: string
  locationId: string
}

/** A plan entry not written yet: the replica gives it its id, school and time. */
export type PlanEntryDraft = Omit<PlanEntry, 'id' | 'schoolId' | 'updatedAt'>

export const planEntryKind: KindDefinition<PlanEntry> = {
  kind: 'plan_entry',
  collection: 'timetable',
  schema: kindSchema(
    'plan_entry',
    { ...bookingProperties, weekday: { type: 'integer', minimum: 1, maximum: 7 } },
    ['termId', 'weekday', 'periodId', 'teacherId', 'subjectId', 'classId', 'locationId'],
  ),
  canWrite: (user) => (isAdmin(user) ? allowed : denied('only admins may change the scheduling plan')),
  // Staff business: every member of staff reads the timetable (the school's week, free rooms, swaps);
  // guardians and students get theirs on mobile (TT-12).
  canRead: isStaff,
}
