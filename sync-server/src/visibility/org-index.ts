import { createHash } from 'node:crypto'
import { hasRole, isAdmin, isStaff, type SessionUser } from '../../../domain/auth/roles.ts'
import type { CollectionName } from '../../../domain/collections.ts'
import type { WireDocument } from '../../../domain/documents.ts'
import { EMPTY_SCOPE, type ReadScope } from '../../../domain/kinds.ts'
import type { Course } from '../../../domain/courses/course.ts'
import type { Notice } from '../../../domain/notices/notice.ts'
import type { Guardian } from '../../../domain/org/guardian.ts'
import { teachersOf, type SchoolClass } from '../../../domain/org/school-class.ts'
import type { SchoolSettings } from '../../../domain/org/school-settings.ts'
import type { Student } from '../../../domain/org/student.ts'
import type { StoredDocument } from '../store/index.ts'

/** The collections whose kinds read a `ReadScope`: a scope change makes their clients pull them from 0. */
export const SCOPED_COLLECTIONS: readonly CollectionName[] = ['org', 'courses']

/** The collections whose pulls need a `ReadScope`: the scoped ones and receipts (by `noticeIds`). */
export const READ_SCOPE_COLLECTIONS: readonly CollectionName[] = [...SCOPED_COLLECTIONS, 'receipts']

/** The collections the index is built from. */
export const INDEXED_COLLECTIONS: readonly CollectionName[] = ['org', 'notices', 'courses']

/** key → values, one direction of a relation between documents. */
class Relation {
  readonly #values = new Map<string, Set<string>>()

  add(key: string, value: string): void {
    const values = this.#values.get(key) ?? new Set()
    values.add(value)
    this.#values.set(key, values)
  }

  delete(key: string, value: string): void {
    const values = this.#values.get(key)
    values?.delete(value)
    if (values?.size === 0) this.#values.delete(key)
  }

  get(key: string): ReadonlySet<string> {
    return this.#values.get(key) ?? new Set()
  }
}

type Link = readonly [relation: Relation, key: string, value: string]

/** The links a document version made, so that a newer version (or its tombstone) can undo them. */
interface Indexed {
  seq: number
  links: Link[]
}

const sorted = (set: ReadonlySet<string> = new Set()) => [...set].sort()

const sameSet = (x: ReadonlySet<string> = new Set(), y: ReadonlySet<string> = new Set()) =>
  x.size === y.size && [...x].every((v) => y.has(v))

/** One part of a scope: what of it decides the documents of `collection`. */
interface ScopePart {
  collection: CollectionName
  same(a: ReadScope, b: ReadScope): boolean
  key(scope: ReadScope): unknown
}

const SCOPE_PARTS: readonly ScopePart[] = [
  {
    collection: 'org',
    same: (a, b) =>
      sameSet(a.classIds, b.classIds) &&
      sameSet(a.studentIds, b.studentIds) &&
      sameSet(a.staffIds, b.staffIds) &&
      (a.staffPhonesVisible ?? false) === (b.staffPhonesVisible ?? false),
    key: ({ classIds, studentIds, staffIds, staffPhonesVisible = false }) => [
      sorted(classIds),
      sorted(studentIds),
      sorted(staffIds),
      staffPhonesVisible,
    ],
  },
  {
    collection: 'courses',
    same: (a, b) => sameSet(a.courseIds, b.courseIds) && sameSet(a.ownCourseIds, b.ownCourseIds),
    key: ({ courseIds, ownCourseIds }) => [sorted(courseIds), sorted(ownCourseIds)],
  },
]

/** A short digest of each part of a scope (by collection), to remember it cheaply. */
export function scopeFingerprint(scope: ReadScope): Record<string, string> {
  return Object.fromEntries(
    SCOPE_PARTS.map((part) => [
      part.collection,
      createHash('sha256')
        .update(JSON.stringify(part.key(scope)))
        .digest('base64'),
    ]),
  )
}

/** The scoped collections whose documents differ between two scopes (their clients pull them from 0). */
export function changedCollections(a: ReadScope, b: ReadScope): CollectionName[] {
  return SCOPE_PARTS.filter((part) => !part.same(a, b)).map((part) => part.collection)
}

/** The scoped collections whose part of the scope differs between two fingerprints. */
export function changedFingerprints(a: Record<string, string>, b: Record<string, string>): CollectionName[] {
  return SCOPE_PARTS.filter((part) => a[part.collection] !== b[part.collection]).map((p) => p.collection)
}

/** Do both scopes show the same org documents, with the same fields? */
export function sameScope(a: ReadScope, b: ReadScope): boolean {
  return !changedCollections(a, b).includes('org')
}

/**
 * The part of one school's address book that visibility depends on: the teachers of each class, the class of
 * each student, the children of each guardian; and the readers of each notice (its author and CC staff), who
 * read its receipts. Versions may arrive in any order (the first load races
 * commits): a document's version with the highest seq wins, so the index converges to the store.
 */
export class OrgIndex {
  /** Grows with every change of a class, student or guardian: a scope computed earlier may be stale. */
  version = 0
  readonly #classesOfTeacher = new Relation()
  readonly #teachersOfClass = new Relation()
  readonly #studentsOfClass = new Relation()
  readonly #classOfStudent = new Relation()
  /** The school's `showStaffPhonesToFamilies` setting. */
  #staffPhonesVisible = false
  readonly #childrenOfGuardian = new Relation()
  readonly #noticesOfReader = new Relation()
  readonly #deliveredNotices = new Set<string>()
  /** Listed courses under the key '' (one set), by class shared with, and courses by author. */
  readonly #listedCourses = new Relation()
  readonly #listedCoursesOfClass = new Relation()
  readonly #coursesOfAuthor = new Relation()
  readonly #documents = new Map<string, Indexed>()

  apply(documents: readonly StoredDocument[]): void {
    for (const { seq, data } of documents) {
      const known = this.#documents.get(data.id)
      if (!this.#indexes(data) || (known && known.seq >= seq)) continue
      known?.links.forEach(([relation, key, value]) => relation.delete(key, value))
      const links = data._deleted ? [] : this.#linksOf(data)
      links.forEach(([relation, key, value]) => relation.add(key, value))
      this.#documents.set(data.id, { seq, links })
      if (data.kind === 'notice' && !data._deleted && (data as WireDocument<Notice>).delivery)
        this.#deliveredNotices.add(data.id)
      else this.#deliveredNotices.delete(data.id)
      if (data.kind === 'school_settings') {
        this.#staffPhonesVisible =
          !data._deleted && (data as WireDocument<SchoolSettings>).showStaffPhonesToFamilies
      }
      this.version += 1
    }
  }

  /**
   * Classes `user` heads or teaches a subject in; every student of those classes, whatever their status
   * (teachers see a class's students of every status, so they see their guardians too); a guardian's
   * children; a student themself; the notices the user wrote or is CC on. Admins read everything without a
   * scope, so they get none: a scope would only bring them needless resyncs. Guardians and students also get
   * the teachers of their children's (their own) classes, and whether the school shows those teachers' phones.
   */
  scopeOf(user: SessionUser): ReadScope {
    if (isAdmin(user)) return EMPTY_SCOPE
    const classIds = new Set(this.#classesOfTeacher.get(user.id))
    const studentIds = new Set(this.#childrenOfGuardian.get(user.id))
    for (const classId of classIds) this.#studentsOfClass.get(classId).forEach((id) => studentIds.add(id))
    if (hasRole(user, 'student')) studentIds.add(user.id)
    const noticeIds = new Set(this.#noticesOfReader.get(user.id))
    if (isStaff(user)) {
      const courseIds = new Set(this.#listedCourses.get(''))
      const ownCourseIds = new Set(this.#coursesOfAuthor.get(user.id))
      return { classIds, studentIds, noticeIds, courseIds, ownCourseIds }
    }
    const staffIds = this.#teachersOfStudents(studentIds)
    const courseIds = new Set<string>()
    for (const classId of this.#classesOfStudents(studentIds))
      this.#listedCoursesOfClass.get(classId).forEach((id) => courseIds.add(id))
    return {
      classIds,
      studentIds,
      noticeIds,
      staffIds,
      staffPhonesVisible: this.#staffPhonesVisible,
      courseIds,
    }
  }

  #classesOfStudents(studentIds: ReadonlySet<string>): Set<string> {
    const classIds = new Set<string>()
    for (const studentId of studentIds) this.#classOfStudent.get(studentId).forEach((id) => classIds.add(id))
    return classIds
  }

  #teachersOfStudents(studentIds: ReadonlySet<string>): Set<string> {
    const staffIds = new Set<string>()
    for (const classId of this.#classesOfStudents(studentIds))
      this.#teachersOfClass.get(classId).forEach((id) => staffIds.add(id))
    return staffIds
  }

  /** Does `next` give its user the receipts of a notice delivered before (they need pulling from 0)? */
  gainsDeliveredNotice(previous: ReadScope, next: ReadScope): boolean {
    return [...(next.noticeIds ?? [])].some(
      (id) => !previous.noticeIds?.has(id) && this.#deliveredNotices.has(id),
    )
  }

  #indexes(doc: WireDocument): boolean {
    return ['class', 'student', 'guardian', 'notice', 'school_settings', 'course'].includes(doc.kind)
  }

  #linksOf(doc: WireDocument): Link[] {
    if (doc.kind === 'class') {
      return teachersOf(doc as WireDocument<SchoolClass>).flatMap((staffId): Link[] => [
        [this.#classesOfTeacher, staffId, doc.id],
        [this.#teachersOfClass, doc.id, staffId],
      ])
    }
    if (doc.kind === 'student') {
      const { classId } = doc as WireDocument<Student>
      return [
        [this.#studentsOfClass, classId, doc.id],
        [this.#classOfStudent, doc.id, classId],
      ]
    }
    if (doc.kind === 'school_settings') return []
    if (doc.kind === 'course') {
      const course = doc as WireDocument<Course>
      const listed: Link[] =
        course.status === 'listed'
          ? [
              [this.#listedCourses, '', doc.id],
              ...course.shareClassIds.map((classId): Link => [this.#listedCoursesOfClass, classId, doc.id]),
            ]
          : []
      return [[this.#coursesOfAuthor, course.authorId, doc.id], ...listed]
    }
    if (doc.kind === 'notice') {
      const notice = doc as WireDocument<Notice>
      return [notice.authorId, ...notice.ccStaffIds].map((reader) => [this.#noticesOfReader, reader, doc.id])
    }
    return (doc as WireDocument<Guardian>).children.map((c) => [
      this.#childrenOfGuardian,
      doc.id,
      c.studentId,
    ])
  }
}
