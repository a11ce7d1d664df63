import { isStaff, type SessionUser } from '../../../domain/auth/roles.ts'
import type { WireDocument } from '../../../domain/documents.ts'
import type { Chapter } from '../../../domain/courses/chapter.ts'
import { courseBlobs } from '../../../domain/courses/copy.ts'
import { isSharedWithSchool, type Course } from '../../../domain/courses/course.ts'
import { buildChapterTree, flattenTree } from '../../../domain/courses/tree.ts'
import type { PhoneCourse, PhoneCourseSummary, SharedCourse } from '../../../domain/courses/courses-wire.ts'
import type { ReadScope } from '../../../domain/kinds.ts'
import { canRead } from '../../../domain/permissions.ts'
import { forbidden, notFound } from '../errors.ts'
import type { DocumentStore, Store } from '../store/index.ts'

/** The document without its wire tombstone flag (readers get live documents only). */
function live<T extends { _deleted?: boolean }>(doc: T): Omit<T, '_deleted'> {
  const { _deleted: _flag, ...rest } = doc
  return rest
}

async function coursesOf(store: DocumentStore, schoolId: string, ids?: readonly string[]) {
  const where = ids ? { where: { field: 'id', in: ids } } : {}
  const docs = await store.findDocuments(schoolId, [{ collection: 'courses', kind: 'course', ...where }])
  return docs.map((doc) => live(doc as WireDocument<Course>) as Course)
}

/** The published chapters of `courseIds` in reading order (depth first), with their depth. */
async function publishedChapters(store: DocumentStore, schoolId: string, courseIds: readonly string[]) {
  if (courseIds.length === 0) return new Map<string, { chapter: Chapter; depth: number }[]>()
  const docs = await store.findDocuments(schoolId, [
    { collection: 'courses', kind: 'chapter', where: { field: 'courseId', in: courseIds } },
  ])
  const chapters = docs.map((doc) => live(doc as WireDocument<Chapter>) as Chapter)
  return new Map(
    courseIds.map((courseId) => {
      const published = chapters.filter((c) => c.courseId === courseId && c.published)
      return [courseId, flattenTree(buildChapterTree(published).roots)]
    }),
  )
}

const hasBlob = (course: Course, chapters: readonly Chapter[], sha256: string) =>
  courseBlobs(course, chapters).some((blob) => blob.sha256 === sha256)

function staffOnly(user: SessionUser): void {
  if (!isStaff(user)) throw forbidden('The course library is for staff')
}

/**
 * `GET /api/courses/shared`: the listed courses of other schools that are public or shared with the caller's
 * school, with their published chapters only.
 */
export async function sharedCourses(store: Store, user: SessionUser): Promise<SharedCourse[]> {
  staffOnly(user)
  const result: SharedCourse[] = []
  for (const school of await store.listSchools()) {
    if (school.id === user.schoolId) continue
    const courses = (await coursesOf(store, school.id)).filter((c) => isSharedWithSchool(c, user.schoolId))
    const chapters = await publishedChapters(
      store,
      school.id,
      courses.map((c) => c.id),
    )
    for (const course of courses)
      result.push({
        schoolId: school.id,
        schoolName: school.name,
        course,
        chapters: (chapters.get(course.id) ?? []).map((node) => node.chapter),
      })
  }
  return result.sort((a, b) => a.course.title.localeCompare(b.course.title, 'zh'))
}

const NO_FILE = 'No such file in a course shared with this school'

/** May the caller's school read blob `sha256` of `courseId` of `schoolId` (cover or a published attachment)? */
export async function assertSharedBlob(
  store: Store,
  user: SessionUser,
  { schoolId, courseId, sha256 }: { schoolId: string; courseId: string; sha256: string },
): Promise<void> {
  staffOnly(user)
  const [course] = await coursesOf(store, schoolId, [courseId])
  if (!course || !isSharedWithSchool(course, user.schoolId)) throw notFound(NO_FILE)
  const chapters = (await publishedChapters(store, schoolId, [courseId])).get(courseId) ?? []
  if (
    !hasBlob(
      course,
      chapters.map((node) => node.chapter),
      sha256,
    )
  )
    throw notFound(NO_FILE)
}

/** What phones ask of courses (`/api/m/courses`): listed courses the user reads, published chapters only. */
export class PhoneCourses {
  readonly #store: Store

  constructor(store: Store) {
    this.#store = store
  }

  async list(user: SessionUser, scope: ReadScope): Promise<PhoneCourseSummary[]> {
    const courses = (await coursesOf(this.#store, user.schoolId)).filter((c) => this.#shows(user, c, scope))
    const chapters = await publishedChapters(
      this.#store,
      user.schoolId,
      courses.map((c) => c.id),
    )
    return courses
      .map((course) => ({ ...summary(course), chapterCount: chapters.get(course.id)?.length ?? 0 }))
      .sort((a, b) => a.title.localeCompare(b.title, 'zh'))
  }

  async detail(user: SessionUser, scope: ReadScope, id: string): Promise<PhoneCourse> {
    const course = await this.#course(user, scope, id)
    const chapters = (await publishedChapters(this.#store, user.schoolId, [id])).get(id) ?? []
    return {
      ...summary(course),
      chapters: chapters.map(({ chapter, depth }) => ({
        id: chapter.id,
        parentId: chapter.parentId,
        title: chapter.title,
        depth,
        attachments: chapter.attachments,
      })),
    }
  }

  /** Throws 404 unless `sha256` is the cover or a published attachment of a course the user reads. */
  async assertAttachment(user: SessionUser, scope: ReadScope, id: string, sha256: string): Promise<void> {
    const course = await this.#course(user, scope, id)
    const chapters = (await publishedChapters(this.#store, user.schoolId, [id])).get(id) ?? []
    if (
      !hasBlob(
        course,
        chapters.map((node) => node.chapter),
        sha256,
      )
    )
      throw notFound('No such file in this course')
  }

  #shows(user: SessionUser, course: Course, scope: ReadScope): boolean {
    return course.status === 'listed' && canRead(user, course, scope)
  }

  async #course(user: SessionUser, scope: ReadScope, id: string): Promise<Course> {
    const [course] = await coursesOf(this.#store, user.schoolId, [id])
    if (!course || !this.#shows(user, course, scope)) throw notFound('No such course for this user')
    return course
  }
}

function summary({
  id,
  title,
  lecturer,
  description,
  cover,
}: Course): Omit<PhoneCourseSummary, 'chapterCount'> {
  return {
    id,
    title,
    lecturer,
    ...(description !== undefined ? { description } : {}),
    ...(cover ? { cover } : {}),
  }
}
