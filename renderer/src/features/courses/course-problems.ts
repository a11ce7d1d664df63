import type { Chapter } from '../../../../domain/courses/chapter.ts'
import type { Course } from '../../../../domain/courses/course.ts'
import type { CourseProblem } from '../../../../domain/courses/rules.ts'

/** A problem as the UI words it: the i18n key of its rule and the titles it names. */
export interface ProblemWords {
  key: string
  params: { chapter: string; other: string; course: string }
}

/**
 * Words a rule of DESIGN §7.3 that a write breaks, naming the chapters by title (the domain's own message, in
 * English with ids, is what the server says). An id no longer known shows as itself.
 */
export function problemWords(
  problem: CourseProblem,
  course: Pick<Course, 'id' | 'title'> | null,
  chapters: readonly Pick<Chapter, 'id' | 'title'>[],
): ProblemWords {
  const title = (id: string | undefined) =>
    id === undefined ? '' : (chapters.find((chapter) => chapter.id === id)?.title ?? id)
  return {
    key: `courses.problems.${problem.rule}`,
    params: {
      chapter: title(problem.chapterId),
      other: title(problem.otherId),
      course: course?.id === problem.courseId ? course.title : problem.courseId,
    },
  }
}
