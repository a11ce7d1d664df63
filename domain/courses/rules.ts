import type { SessionUser } from '../auth/roles.ts'
import type { WireDocument } from '../documents.ts'
import type { Chapter } from './chapter.ts'
import { canEditCourse, type Course } from './course.ts'
import { childrenByParent } from './tree.ts'

// The rules of DESIGN §7.3 that span documents, as pure functions: the server runs them under the school's write
// lock on every push to `courses` (with the stored documents read in the write), the desktop before it writes.

export type CourseDocument = Course | Chapter

/** Which rule a problem breaks; the desktop words it in the user's language from this and the ids. */
export type CourseRule =
  /** The chapter's course is not a live course of the school. */
  | 'course-missing'
  /** The chapter's parent is not a live chapter of the same course. */
  | 'parent-missing'
  /** The chapter is its own ancestor. */
  | 'parent-cycle'
  /** No child under a chapter that has attachments. */
  | 'child-under-attachments'
  /** A chapter with no children needs an attachment to be published. */
  | 'leaf-without-attachment'
  /** A chapter cannot be published while its parent is not. */
  | 'parent-unpublished'
  /** A published chapter cannot be deleted. */
  | 'delete-published'
  /** A chapter with a published child cannot be deleted. */
  | 'delete-published-child'
  /** A chapter whose sub-chapters stay cannot be deleted (they would be left without a parent). */
  | 'delete-with-children'
  /** A course can be listed only with a published chapter. */
  | 'listed-without-published'
  /** A course whose chapters stay cannot be deleted. */
  | 'delete-course-with-chapters'

export interface CourseProblem {
  rule: CourseRule
  courseId: string
  /** The chapter the rule is about, when it is about one. */
  chapterId?: string
  /** The other chapter concerned: the parent, the sub-chapter. */
  otherId?: string
  /** In words, naming the chapter (title and id) and the rule. */
  message: string
}

const isChapter = (doc: CourseDocument): doc is Chapter => doc.kind === 'chapter'
const isCourse = (doc: CourseDocument): doc is Course => doc.kind === 'course'
const isDeleted = (doc: CourseDocument) => (doc as Partial<WireDocument>)._deleted === true

const nameOf = (chapter: Chapter) => `chapter "${chapter.title}" (${chapter.id})`
const courseName = (course: Course) => `course "${course.title}" (${course.id})`

function chapterProblem(rule: CourseRule, chapter: Chapter, words: string, other?: Chapter): CourseProblem {
  return {
    rule,
    courseId: chapter.courseId,
    chapterId: chapter.id,
    ...(other ? { otherId: other.id } : {}),
    message: `${nameOf(chapter)}: ${words}`,
  }
}

/** Is `chapter` its own ancestor? Walks up the parents within `byId`. */
function inCycle(chapter: Chapter, byId: ReadonlyMap<string, Chapter>): boolean {
  const seen = new Set<string>()
  for (let current: Chapter | undefined = chapter; current?.parentId;) {
    if (current.parentId === chapter.id) return true
    if (seen.has(current.id)) return false
    seen.add(current.id)
    current = byId.get(current.parentId)
  }
  return false
}

function parentProblems(chapter: Chapter, byId: ReadonlyMap<string, Chapter>): CourseProblem[] {
  if (chapter.parentId === null) return []
  const parent = byId.get(chapter.parentId)
  if (!parent)
    return [
      chapterProblem(
        'parent-missing',
        chapter,
        `its parent chapter ${chapter.parentId} is not a chapter of this course`,
      ),
    ]
  const problems: CourseProblem[] = []
  if (inCycle(chapter, byId))
    problems.push(chapterProblem('parent-cycle', chapter, 'it is its own ancestor', parent))
  if (parent.attachments.length > 0)
    problems.push(
      chapterProblem(
        'child-under-attachments',
        chapter,
        `its parent ${nameOf(parent)} has attachments, and a chapter with attachments cannot have sub-chapters`,
        parent,
      ),
    )
  if (chapter.published && !parent.published)
    problems.push(
      chapterProblem(
        'parent-unpublished',
        chapter,
        `it cannot be published while its parent ${nameOf(parent)} is not`,
        parent,
      ),
    )
  return problems
}

/**
 * What is wrong with one course as it stands: `course` (null when it does not exist) and its live `chapters`.
 * Every chapter rule of DESIGN §7.3 that is about a state (not a deletion), each problem naming its chapter.
 */
export function courseTreeProblems(course: Course | null, chapters: readonly Chapter[]): CourseProblem[] {
  const byId = new Map(chapters.map((chapter) => [chapter.id, chapter]))
  const byParent = childrenByParent(chapters)
  const problems = chapters.flatMap((chapter) => [
    ...(course === null
      ? [chapterProblem('course-missing', chapter, `its course ${chapter.courseId} does not exist`)]
      : []),
    ...parentProblems(chapter, byId),
    ...(chapter.published && !byParent.has(chapter.id) && chapter.attachments.length === 0
      ? [
          chapterProblem(
            'leaf-without-attachment',
            chapter,
            'a chapter without sub-chapters needs an attachment to be published',
          ),
        ]
      : []),
  ])
  if (course?.status === 'listed' && !chapters.some((chapter) => chapter.published))
    problems.push({
      rule: 'listed-without-published',
      courseId: course.id,
      message: `${courseName(course)}: a course can be listed only with a published chapter`,
    })
  return problems
}

/**
 * What forbids deleting `deleted` (as it was stored) when `remaining` are the course's live chapters after the
 * write: a published chapter, one with a published sub-chapter, one whose sub-chapters would stay.
 */
export function chapterDeletionProblems(deleted: Chapter, remaining: readonly Chapter[]): CourseProblem[] {
  if (deleted.published)
    return [
      chapterProblem(
        'delete-published',
        deleted,
        'a published chapter cannot be deleted: unpublish it first',
      ),
    ]
  const children = remaining.filter((chapter) => chapter.parentId === deleted.id)
  const published = children.find((child) => child.published)
  if (published)
    return [
      chapterProblem(
        'delete-published-child',
        deleted,
        `it has the published sub-chapter ${nameOf(published)}, so it cannot be deleted`,
        published,
      ),
    ]
  const [child] = children
  return child
    ? [
        chapterProblem(
          'delete-with-children',
          deleted,
          `it still has the sub-chapter ${nameOf(child)}: delete its sub-chapters with it or first`,
          child,
        ),
      ]
    : []
}

/** The courses a write concerns: the written courses and the courses of the written chapters. */
export function concernedCourseIds(writes: readonly CourseDocument[]): string[] {
  return [...new Set(writes.map((doc) => (isChapter(doc) ? doc.courseId : doc.id)))]
}

/**
 * Does the problem involve one of `ids`, the written documents of its course? A problem of the course itself
 * (listing) always does: any write to a course's chapters may be what leaves it without a published chapter.
 */
const involves = (problem: CourseProblem, ids: ReadonlySet<string>) =>
  problem.chapterId === undefined ||
  [problem.chapterId, problem.otherId].some((id) => id !== undefined && ids.has(id))

/**
 * The problems of writing `writes` (with their tombstone flags) over `before`, the live stored courses and
 * chapters of the concerned courses (`concernedCourseIds`). The rules are checked on the state after the write,
 * so a push may carry a parent and its children together, in any order; only problems that involve a written
 * document are reported (a state broken before is not blamed on an unrelated edit).
 */
export function courseWriteProblems(
  before: readonly CourseDocument[],
  writes: readonly (CourseDocument & { _deleted?: boolean })[],
): CourseProblem[] {
  const writtenIds = new Set(writes.map((doc) => doc.id))
  const stored = new Map(before.map((doc) => [doc.id, doc]))
  const after = [
    ...before.filter((doc) => !writtenIds.has(doc.id)),
    ...writes.filter((doc) => !isDeleted(doc)),
  ]
  const problems: CourseProblem[] = []
  for (const courseId of concernedCourseIds(writes)) {
    const course = after.filter(isCourse).find((doc) => doc.id === courseId) ?? null
    const chapters = after.filter(isChapter).filter((chapter) => chapter.courseId === courseId)
    const written = new Set([
      ...writes.filter((doc) => doc.id === courseId).map((doc) => doc.id),
      ...writes
        .filter(isChapter)
        .filter((chapter) => chapter.courseId === courseId)
        .map((c) => c.id),
    ])
    problems.push(...courseTreeProblems(course, chapters).filter((p) => involves(p, written)))
    for (const deleted of writes.filter(isDeleted)) {
      const previous = stored.get(deleted.id) ?? deleted
      if (isChapter(previous) && previous.courseId === courseId)
        problems.push(...chapterDeletionProblems(previous, chapters))
      if (isCourse(previous) && previous.id === courseId && chapters.length > 0)
        problems.push({
          rule: 'delete-course-with-chapters',
          courseId,
          message: `${courseName(previous)}: it still has chapters: delete them with it or first`,
        })
    }
  }
  return problems
}

/**
 * Who may write the chapters among `writes`: the author of their course and admins (DESIGN §7.3). The course is
 * the stored one in `before` (a new course: the written one, whose author the kind's rule checked). Refusals
 * name the chapter; a chapter whose course is missing is left to `courseWriteProblems`.
 */
export function chapterPermissionProblems(
  user: SessionUser,
  before: readonly CourseDocument[],
  writes: readonly CourseDocument[],
): string[] {
  const courses = new Map<string, Course>()
  for (const doc of [...writes, ...before]) if (isCourse(doc)) courses.set(doc.id, doc)
  return writes.filter(isChapter).flatMap((chapter) => {
    const course = courses.get(chapter.courseId)
    return course && !canEditCourse(user, course)
      ? [`${nameOf(chapter)}: only the author of the course and admins may change its chapters`]
      : []
  })
}
