import type { Chapter } from '../../../../domain/courses/chapter.ts'
import type { Course } from '../../../../domain/courses/course.ts'

/**
 * One course of `GET /api/courses/shared` (DESIGN §7.3): another school's listed course, public or shared with
 * this school, with its published chapters only.
 */
export interface SharedCourse {
  schoolId: string
  schoolName: string
  course: Course
  chapters: Chapter[]
}

export interface SharedCourses {
  courses: SharedCourse[]
}
