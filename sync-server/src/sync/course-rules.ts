// CRS on the server (DESIGN §7.3): the chapter-tree rules and who edits a course's chapters, checked under the
// school's write lock against the stored courses and chapters, so that two offline PCs cannot together break a
// rule that each of their pushes keeps alone.
import type { SessionUser } from '../../../domain/auth/roles.ts'
import type { WireDocument } from '../../../domain/documents.ts'
import {
  chapterPermissionProblems,
  concernedCourseIds,
  courseWriteProblems,
  type CourseDocument,
} from '../../../domain/courses/rules.ts'
import type { RelatedQuery } from '../store/index.ts'
import type { CrossDocumentCheck } from './push.ts'

const asCourseDocuments = (docs: readonly WireDocument[]) => docs as readonly WireDocument<CourseDocument>[]

/** The live courses and chapters of every course the push concerns. */
function related(pushed: readonly WireDocument[]): RelatedQuery[] {
  const courseIds = concernedCourseIds(asCourseDocuments(pushed))
  if (courseIds.length === 0) return []
  return [
    { collection: 'courses', kind: 'course', where: { field: 'id', in: courseIds } },
    { collection: 'courses', kind: 'chapter', where: { field: 'courseId', in: courseIds } },
  ]
}

export const courseRules: CrossDocumentCheck = {
  related,
  problems: (writes, relatedDocs) =>
    courseWriteProblems(asCourseDocuments(relatedDocs), asCourseDocuments(writes)).map((p) => p.message),
  forbidden: (user: SessionUser, pushed, relatedDocs) =>
    chapterPermissionProblems(user, asCourseDocuments(relatedDocs), asCourseDocuments(pushed)),
}
