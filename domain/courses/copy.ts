import type { BlobRef } from '../blobs/blob-ref.ts'
import type { Chapter } from './chapter.ts'
import type { Course } from './course.ts'

/** Where a copy goes: the copier's school and id, a source of fresh ids, the writer's clock. */
export interface CopyTarget {
  schoolId: string
  authorId: string
  newId: () => string
  now: number
}

export interface CourseCopy {
  course: Course
  chapters: Chapter[]
}

/**
 * "Copy to my school" (CRS-5): an editable draft of `source` in the copier's school, by the copier. Every
 * document gets a new id (parents follow), the course is a `draft` of visibility `school` shared with no class
 * and no school, and every chapter is unpublished: the copier reviews it and publishes again. Title, lecturer,
 * description, cover, order and attachments are kept (the attachments' bytes are copied into the school's blob
 * store by the caller). A chapter whose parent is not among `chapters` becomes a top-level chapter.
 */
export function copyCourseToSchool(source: CourseCopy, target: CopyTarget): CourseCopy {
  const courseId = target.newId()
  const ids = new Map(source.chapters.map((chapter) => [chapter.id, target.newId()]))
  const { cover, description } = source.course
  const course: Course = {
    id: courseId,
    kind: 'course',
    schoolId: target.schoolId,
    updatedAt: target.now,
    authorId: target.authorId,
    title: source.course.title,
    lecturer: source.course.lecturer,
    ...(cover ? { cover: { ...cover } } : {}),
    ...(description !== undefined ? { description } : {}),
    visibility: 'school',
    shareSchoolIds: [],
    shareClassIds: [],
    status: 'draft',
  }
  const chapters = source.chapters.map((chapter): Chapter => ({
    id: ids.get(chapter.id) as string,
    kind: 'chapter',
    schoolId: target.schoolId,
    updatedAt: target.now,
    courseId,
    parentId: (chapter.parentId !== null && ids.get(chapter.parentId)) || null,
    title: chapter.title,
    order: chapter.order,
    attachments: chapter.attachments.map((attachment) => ({ ...attachment })),
    published: false,
  }))
  return { course, chapters }
}

/** Every attachment of a course once (cover included): what a copy or an offline reader has to fetch. */
export function courseBlobs(course: Course, chapters: readonly Chapter[]): BlobRef[] {
  const all = [...(course.cover ? [course.cover] : []), ...chapters.flatMap((chapter) => chapter.attachments)]
  return [...new Map(all.map((blob) => [blob.sha256, blob])).values()]
}
