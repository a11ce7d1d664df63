import type { BlobRef } from '../blobs/blob-ref.ts'
import type { Chapter } from './chapter.ts'
import type { Course } from './course.ts'

// The course routes of the sync server (DESIGN §7.3), as both ends read them: the server answers with these, the
// renderer and the phone pages (`sync-server/src/pages/m/app.js`, through JSDoc) parse them.

/**
 * One course of `GET /api/courses/shared`: another school's listed course, public or shared with the reader's
 * school, with its published chapters only.
 */
export interface SharedCourse {
  schoolId: string
  schoolName: string
  course: Course
  chapters: Chapter[]
}

/** `GET /api/courses/shared`. */
export interface SharedCourses {
  courses: SharedCourse[]
}

/** A published chapter as the phone shows it: flat, in reading order, with its depth in the tree. */
export interface PhoneChapter {
  id: string
  parentId: string | null
  title: string
  depth: number
  attachments: BlobRef[]
}

/** One course of `GET /api/m/courses`. */
export interface PhoneCourseSummary {
  id: string
  title: string
  lecturer: string
  description?: string
  cover?: BlobRef
  chapterCount: number
}

/** `GET /api/m/courses/:id`. */
export interface PhoneCourse extends Omit<PhoneCourseSummary, 'chapterCount'> {
  chapters: PhoneChapter[]
}
