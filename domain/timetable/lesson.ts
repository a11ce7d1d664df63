import { isAdmin, isStaff } from '../auth/roles.ts'
import { DATE_PATTERN } from '../calendar/dates.ts'
import type { BaseDocument } from '../documents.ts'
import { allowed, denied, kindSchema, type KindDefinition } from '../kinds.ts'
import { bookingProperties } from './plan-entry.ts'

/** TT-7/TT-8: one dated lesson of the timetable (課表). */
export interface Lesson extends BaseDocument {
  kind: 'lesson'
  termId: string
  date: string
  periodId: string
  teacherId: string
  subjectId: string
  classId: string
  locationId: string
  /** The plan entry that generated it, and the week of the term it was generated for; absent on a lesson
   * added by hand. Together they make the id, so that generating twice, even on two PCs, writes one lesson. */
  planEntryId?: string
  week?: number
  /** Moved or given another room by an admin: generation no longer changes it. */
  adjusted?: boolean
  /** Deleted by an admin. Kept (hidden) so that generating again does not bring it back. */
  cancelled?: boolean
}

export function generatedLessonId(planEntryId: string, week: number): string {
  return `${planEntryId}-w${week}`
}

/** Lessons that take place (cancelled ones excluded). */
export function isActive(lesson: Pick<Lesson, 'cancelled'>): boolean {
  return lesson.cancelled !== true
}

function checkLesson(lesson: Lesson): string[] {
  const generated = lesson.planEntryId !== undefined
  if (generated !== (lesson.week !== undefined)) return ['planEntryId and week go together']
  return []
}

export const lessonKind: KindDefinition<Lesson> = {
  kind: 'lesson',
  collection: 'timetable',
  schema: kindSchema(
    'lesson',
    {
      ...bookingProperties,
      date: { type: 'string', pattern: DATE_PATTERN },
      planEntryId: { type: 'string', minLength: 1, maxLength: 64 },
      week: { type: 'integer', minimum: 1, maximum: 60 },
      adjusted: { type: 'boolean' },
      cancelled: { type: 'boolean' },
    },
    ['termId', 'date', 'periodId', 'teacherId', 'subjectId', 'classId', 'locationId'],
  ),
  check: checkLesson,
  canWrite: (user) => (isAdmin(user) ? allowed : denied('only admins may change the timetable')),
  canRead: isStaff,
}
