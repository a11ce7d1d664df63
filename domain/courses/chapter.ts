import { isAdmin, isStaff } from '../auth/roles.ts'
import { blobRefListSchema, type BlobRef } from '../blobs/blob-ref.ts'
import type { BaseDocument } from '../documents.ts'
import { allowed, denied, kindSchema, nonBlankString, type KindDefinition } from '../kinds.ts'

export const MAX_CHAPTER_TITLE_LENGTH = 120

/**
 * CRS-2 (DESIGN §7.3): one chapter of a course, a document of its own so that two PCs can edit different
 * chapters offline. `parentId` null: a top-level chapter. Siblings are shown by `order`, then by id.
 */
export interface Chapter extends BaseDocument {
  kind: 'chapter'
  courseId: string
  parentId: string | null
  title: string
  order: number
  attachments: BlobRef[]
  published: boolean
}

const ref = { type: 'string', minLength: 1, maxLength: 64 } as const

export const chapterSchema = kindSchema(
  'chapter',
  {
    courseId: ref,
    parentId: { anyOf: [ref, { type: 'null' }] },
    title: nonBlankString(MAX_CHAPTER_TITLE_LENGTH),
    order: { type: 'number', minimum: -1e12, maximum: 1e12 },
    attachments: blobRefListSchema,
    published: { type: 'boolean' },
  },
  ['courseId', 'parentId', 'title', 'order', 'attachments', 'published'],
)

export const chapterKind: KindDefinition<Chapter> = {
  kind: 'chapter',
  collection: 'courses',
  schema: chapterSchema,
  check: (chapter) =>
    chapter.parentId === chapter.id ? [`chapter "${chapter.title}" cannot be its own parent`] : [],
  // Who edits a chapter is decided by its course (the author and admins): the server checks that with the
  // course read in the write (`courseWriteProblems`), the renderer with `canEditCourse`.
  canWrite: (user, next, stored) => {
    if (!isStaff(user)) return denied('only staff may write chapters')
    if (stored && next.courseId !== stored.courseId) return denied('a chapter cannot move to another course')
    return allowed
  },
  // Every chapter of the courses one edits and, on the desktop, of the school's listed courses (the viewer
  // shows the published ones); students and guardians only the published chapters of the courses shared with
  // their classes.
  canRead: (user, chapter, scope) =>
    isAdmin(user) ||
    (scope.ownCourseIds?.has(chapter.courseId) ?? false) ||
    ((scope.courseIds?.has(chapter.courseId) ?? false) && (isStaff(user) || chapter.published)),
}
