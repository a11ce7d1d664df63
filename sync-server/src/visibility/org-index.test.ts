import { describe, expect, it } from 'vitest'
import type { SessionUser } from '../../../domain/auth/roles.ts'
import type { WireDocument } from '../../../domain/documents.ts'
import { course } from '../../../domain/courses/testing.ts'
import { deliveredNotice, notice } from '../../../domain/notices/testing.ts'
import type { Student } from '../../../domain/org/student.ts'
import { guardian, schoolClass } from '../test-support/documents.ts'
import { changedCollections, OrgIndex, sameScope } from './org-index.ts'

const teacher: SessionUser = { id: 't1', schoolId: 'demo', name: 't1', roles: ['teacher'] }
const parent: SessionUser = { id: 'g1', schoolId: 'demo', name: 'g1', roles: ['guardian'] }
const pupil: SessionUser = { id: 'p9', schoolId: 'demo', name: 'p9', roles: ['student'] }
const admin: SessionUser = { id: 't1', schoolId: 'demo', name: 'a', roles: ['admin'] }

function student(id: string, classId: string, status: Student['status'] = 'active'): WireDocument<Student> {
  const common = { schoolId: 'demo', updatedAt: 1, _deleted: false }
  return { ...common, id, kind: 'student', name: id, studentNo: id, classId, status }
}

const headedBy = (id: string, headTeacherId: string) => ({ ...schoolClass(id), headTeacherId })
const taughtBy = (id: string, staffId: string) => ({
  ...schoolClass(id),
  subjectTeachers: [{ subjectId: 'math', staffId }],
})
const scopeOf = (index: OrgIndex, user: SessionUser) => {
  const { classIds, studentIds } = index.scopeOf(user)
  return { classIds: [...classIds].sort(), studentIds: [...studentIds].sort() }
}

function indexOf(...docs: WireDocument[]): OrgIndex {
  const index = new OrgIndex()
  index.apply(docs.map((data, i) => ({ seq: i + 1, data })))
  return index
}

describe('OrgIndex', () => {
  it('scopes a teacher to the classes they head or teach and their students of every status', () => {
    const index = indexOf(
      headedBy('c1', 't1'),
      taughtBy('c2', 't1'),
      headedBy('c3', 't2'),
      student('p1', 'c1'),
      student('p2', 'c2', 'alumni'),
      student('p3', 'c3'),
    )
    expect(scopeOf(index, teacher)).toEqual({ classIds: ['c1', 'c2'], studentIds: ['p1', 'p2'] })
  })

  it('scopes a guardian to their children and a student to themself; admins need none', () => {
    const index = indexOf(headedBy('c1', 't1'), guardian('g1'), student('p1', 'c1'))
    expect(scopeOf(index, parent)).toEqual({ classIds: [], studentIds: ['p1'] })
    expect(scopeOf(index, pupil)).toEqual({ classIds: [], studentIds: ['p9'] })
    expect(scopeOf(index, admin)).toEqual({ classIds: [], studentIds: [] })
  })

  it('follows moves and deletes, whatever order the versions arrive in', () => {
    const index = indexOf(headedBy('c1', 't1'), student('p1', 'c1'), student('p2', 'c1'))
    const before = index.scopeOf(teacher)
    const version = index.version
    index.apply([
      { seq: 10, data: student('p1', 'c2') },
      { seq: 11, data: { ...student('p2', 'c1'), _deleted: true } },
      { seq: 5, data: student('p1', 'c1') },
    ])
    expect(scopeOf(index, teacher)).toEqual({ classIds: ['c1'], studentIds: [] })
    expect(index.version).toBeGreaterThan(version)
    expect(sameScope(before, index.scopeOf(teacher))).toBe(false)
    index.apply([{ seq: 12, data: headedBy('c1', 't2') }])
    expect(scopeOf(index, teacher)).toEqual({ classIds: [], studentIds: [] })
  })

  it('lists the notices a user wrote or is CC on, and tells when one already delivered is gained', () => {
    const index = indexOf({ ...notice({ id: 'n1', authorId: 't1' }), _deleted: false })
    const before = index.scopeOf(teacher)
    expect([...(before.noticeIds ?? [])]).toEqual(['n1'])
    const ccOnDelivered = {
      ...deliveredNotice(5, { id: 'n2', authorId: 't2', ccStaffIds: ['t1'] }),
      _deleted: false,
    }
    index.apply([{ seq: 10, data: ccOnDelivered }])
    const after = index.scopeOf(teacher)
    expect([...(after.noticeIds ?? [])].sort()).toEqual(['n1', 'n2'])
    expect(sameScope(before, after)).toBe(true)
    expect(index.gainsDeliveredNotice(before, after)).toBe(true)
    index.apply([{ seq: 11, data: { ...notice({ id: 'n3', authorId: 't1' }), _deleted: false } }])
    expect(index.gainsDeliveredNotice(after, index.scopeOf(teacher))).toBe(false)
  })
})

describe('OrgIndex course scope (DESIGN §7.3)', () => {
  const listed = (id: string, authorId: string, shareClassIds: string[]) => ({
    ...course({ id, authorId, shareClassIds, status: 'listed' }),
    _deleted: false,
  })
  const courseIdsOf = (index: OrgIndex, user: SessionUser) => {
    const { courseIds = new Set(), ownCourseIds = new Set() } = index.scopeOf(user)
    return { courseIds: [...courseIds].sort(), ownCourseIds: [...ownCourseIds].sort() }
  }

  it('gives staff every listed course and their own, families the listed courses shared with their classes', () => {
    const index = indexOf(
      guardian('g1'),
      student('p1', 'c1'),
      listed('k1', 't2', ['c1']),
      listed('k2', 't2', ['c2']),
      { ...course({ id: 'k3', authorId: 't1' }), _deleted: false },
    )
    expect(courseIdsOf(index, teacher)).toEqual({ courseIds: ['k1', 'k2'], ownCourseIds: ['k3'] })
    expect(courseIdsOf(index, parent)).toEqual({ courseIds: ['k1'], ownCourseIds: [] })
    expect(courseIdsOf(index, admin)).toEqual({ courseIds: [], ownCourseIds: [] })
  })

  it('reports the collections whose part of the scope changed when a course is unlisted', () => {
    const index = indexOf(guardian('g1'), student('p1', 'c1'), listed('k1', 't2', ['c1']))
    const before = index.scopeOf(parent)
    const unlisted = { ...listed('k1', 't2', ['c1']), status: 'unlisted' as const }
    index.apply([{ seq: 10, data: unlisted }])
    expect(changedCollections(before, index.scopeOf(parent))).toEqual(['courses'])
    expect(changedCollections(before, before)).toEqual([])
  })
})
