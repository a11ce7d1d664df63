import { isAdmin, isStaff, type SessionUser } from '../auth/roles.ts'
import { blobRefSchema, type BlobRef } from '../blobs/blob-ref.ts'
import type { BaseDocument } from '../documents.ts'
import { allowed, denied, kindSchema, nonBlankString, type KindDefinition } from '../kinds.ts'

export const COURSE_VISIBILITIES = ['school', 'public'] as const
export type CourseVisibility = (typeof COURSE_VISIBILITIES)[number]

export const COURSE_STATUSES = ['draft', 'listed', 'unlisted'] as const
export type CourseStatus = (typeof COURSE_STATUSES)[number]

export const MAX_COURSE_TITLE_LENGTH = 120

/** CRS-1 (DESIGN §7.3): a course; its chapters are documents of their own (`chapter`). */
export interface Course extends BaseDocument {
  kind: 'course'
  authorId: string
  title: string
  lecturer: string
  cover?: BlobRef
  description?: string
  /** `public`: every school's course library shows it once listed; `school`: only `shareSchoolIds`. */
  visibility: CourseVisibility
  /** Other schools whose course library shows it while it is listed. */
  shareSchoolIds: string[]
  /** Classes of the school whose students and guardians read it while it is listed. */
  shareClassIds: string[]
  status: CourseStatus
}

const ref = { type: 'string', minLength: 1, maxLength: 64 } as const
const refList = { type: 'array', items: ref, uniqueItems: true, maxItems: 1000 } as const

export const courseSchema = kindSchema(
  'course',
  {
    authorId: ref,
    title: nonBlankString(MAX_COURSE_TITLE_LENGTH),
    lecturer: { type: 'string', maxLength: 120 },
    cover: blobRefSchema,
    description: { type: 'string', maxLength: 20_000 },
    visibility: { enum: [...COURSE_VISIBILITIES] },
    shareSchoolIds: refList,
    shareClassIds: refList,
    status: { enum: [...COURSE_STATUSES] },
  },
  ['authorId', 'title', 'lecturer', 'visibility', 'shareSchoolIds', 'shareClassIds', 'status'],
)

/** The author and the school's admins edit a course and its chapters (DESIGN §7.3). */
export function canEditCourse(user: SessionUser, course: Pick<Course, 'authorId'>): boolean {
  return isStaff(user) && (isAdmin(user) || course.authorId === user.id)
}

/** Is the course in the course library of `schoolId` (another school)? Only listed courses are. */
export function isSharedWithSchool(course: Course, schoolId: string): boolean {
  return (
    course.status === 'listed' &&
    course.schoolId !== schoolId &&
    (course.visibility === 'public' || course.shareSchoolIds.includes(schoolId))
  )
}

export const courseKind: KindDefinition<Course> = {
  kind: 'course',
  collection: 'courses',
  schema: courseSchema,
  check: (course) =>
    course.shareSchoolIds.includes(course.schoolId)
      ? ['a course is not shared with its own school: its staff read it once listed']
      : [],
  // The chapter rules that need other documents (listing needs a published chapter) are `courseWriteProblems`.
  canWrite: (user, next, stored) => {
    if (!isStaff(user)) return denied('only staff may write courses')
    if (!stored && next.authorId !== user.id) return denied('a new course must have its pusher as author')
    if (stored && next.authorId !== stored.authorId) return denied('the author of a course cannot change')
    if (stored && !canEditCourse(user, stored))
      return denied('only the author of a course and admins may change it')
    return allowed
  },
  // Staff: listed courses and their own; admins: all; students and guardians: the listed courses shared with
  // their classes, which the server's scope (`courseIds`) lists.
  canRead: (user, course, scope) =>
    isAdmin(user) ||
    course.authorId === user.id ||
    (isStaff(user) && course.status === 'listed') ||
    (scope.courseIds?.has(course.id) ?? false),
}
