import type { Chapter } from '../../../../domain/courses/chapter.ts'
import type { Course, CourseStatus, CourseVisibility } from '../../../../domain/courses/course.ts'

/** Which courses the list shows: the user's own, or every course of the school this PC holds. */
export type CourseTab = 'mine' | 'school'

/** The list's filters besides the search; unset matches all. */
export interface CourseFilter {
  status?: CourseStatus
  visibility?: CourseVisibility
}

/** How many chapters a course has and how many of them are published. */
export interface ChapterCount {
  total: number
  published: number
}

/** A row of the course list: the course and its columns as shown. */
export interface CourseRow {
  id: string
  course: Course
  title: string
  lecturer: string
  author: string
  chapters: ChapterCount
}

const NO_CHAPTERS: ChapterCount = { total: 0, published: 0 }

/** The chapter counts of every course, in one pass over the chapters. */
export function chapterCounts(chapters: readonly Chapter[]): Map<string, ChapterCount> {
  const counts = new Map<string, ChapterCount>()
  for (const chapter of chapters) {
    const count = counts.get(chapter.courseId) ?? { total: 0, published: 0 }
    count.total += 1
    if (chapter.published) count.published += 1
    counts.set(chapter.courseId, count)
  }
  return counts
}

export function matchesCourse(course: Course, tab: CourseTab, userId: string, filter: CourseFilter): boolean {
  return (
    (tab === 'school' || course.authorId === userId) &&
    (!filter.status || course.status === filter.status) &&
    (!filter.visibility || course.visibility === filter.visibility)
  )
}

export function courseRow(
  course: Course,
  counts: ReadonlyMap<string, ChapterCount>,
  staff: ReadonlyMap<string, { name: string }>,
): CourseRow {
  return {
    id: course.id,
    course,
    title: course.title,
    lecturer: course.lecturer,
    author: staff.get(course.authorId)?.name ?? '?',
    chapters: counts.get(course.id) ?? NO_CHAPTERS,
  }
}
