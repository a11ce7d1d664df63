import { describe, expect, it } from 'vitest'
import type { SessionUser } from '../auth/roles.ts'
import { canRead, checkWrite } from '../permissions.ts'
import { validateDocument } from '../validation.ts'
import { canEditCourse, isSharedWithSchool } from './course.ts'
import { chapter, course, PDF } from './testing.ts'

const user = (id: string, roles: SessionUser['roles']): SessionUser => ({
  id,
  schoolId: 'demo',
  name: id,
  roles,
})
const author = user('t1', ['teacher'])
const colleague = user('t2', ['teacher'])
const admin = user('a1', ['admin'])
const guardian = user('g1', ['guardian'])

describe('course and chapter kinds', () => {
  it('validate against their schemas in the courses collection', () => {
    expect(validateDocument('courses', course()).ok).toBe(true)
    expect(validateDocument('courses', chapter('1', { attachments: [PDF] })).ok).toBe(true)
    expect(validateDocument('courses', course({ title: ' ' })).ok).toBe(false)
    const { parentId: _parent, ...withoutParent } = chapter('1')
    expect(validateDocument('courses', withoutParent).ok).toBe(false)
    expect(validateDocument('courses', chapter('1', { parentId: '1' }))).toMatchObject({
      ok: false,
      errors: [expect.stringContaining('cannot be its own parent')],
    })
    expect(validateDocument('courses', course({ shareSchoolIds: ['demo'] })).ok).toBe(false)
  })

  it('let staff create their own course; the author and admins edit it', () => {
    expect(checkWrite(author, course(), null).ok).toBe(true)
    expect(checkWrite(colleague, course(), null)).toMatchObject({ ok: false })
    expect(checkWrite(colleague, course({ title: 'x' }), course())).toEqual({
      ok: false,
      reason: 'course c1: only the author of a course and admins may change it',
    })
    expect(checkWrite(admin, course({ title: 'x' }), course()).ok).toBe(true)
    expect(checkWrite(admin, course({ authorId: 'a1' }), course()).ok).toBe(false)
    expect(checkWrite(guardian, course({ authorId: 'g1' }), null).ok).toBe(false)
    expect(canEditCourse(author, course())).toBe(true)
    expect(canEditCourse(colleague, course())).toBe(false)
  })

  it('refuse moving a chapter to another course and chapters written by families', () => {
    expect(checkWrite(author, chapter('1', { courseId: 'c2' }), chapter('1')).ok).toBe(false)
    expect(checkWrite(guardian, chapter('1'), null).ok).toBe(false)
    expect(checkWrite(author, chapter('1', { parentId: null, order: 4 }), chapter('1')).ok).toBe(true)
  })

  it('show staff listed courses and their own, admins all, families those in their scope', () => {
    const listed = course({ status: 'listed' })
    expect(canRead(colleague, course())).toBe(false)
    expect(canRead(colleague, listed)).toBe(true)
    expect(canRead(author, course())).toBe(true)
    expect(canRead(admin, course({ status: 'unlisted' }))).toBe(true)
    expect(canRead(guardian, listed)).toBe(false)
    expect(
      canRead(guardian, listed, { classIds: new Set(), studentIds: new Set(), courseIds: new Set(['c1']) }),
    ).toBe(true)
  })

  it('show chapters by their course: every chapter to editors and staff, published ones to families', () => {
    const scope = { classIds: new Set<string>(), studentIds: new Set<string>(), courseIds: new Set(['c1']) }
    expect(canRead(colleague, chapter('1'), scope)).toBe(true)
    expect(canRead(colleague, chapter('1'))).toBe(false)
    expect(canRead(guardian, chapter('1'), scope)).toBe(false)
    expect(canRead(guardian, chapter('1', { published: true }), scope)).toBe(true)
    expect(
      canRead(author, chapter('1'), { ...scope, courseIds: new Set(), ownCourseIds: new Set(['c1']) }),
    ).toBe(true)
    expect(canRead(admin, chapter('1'))).toBe(true)
  })

  it('share a listed course with other schools when public or named', () => {
    expect(isSharedWithSchool(course({ status: 'listed', visibility: 'public' }), 'demo2')).toBe(true)
    expect(isSharedWithSchool(course({ status: 'listed', shareSchoolIds: ['demo2'] }), 'demo2')).toBe(true)
    expect(isSharedWithSchool(course({ status: 'listed' }), 'demo2')).toBe(false)
    expect(isSharedWithSchool(course({ status: 'unlisted', visibility: 'public' }), 'demo2')).toBe(false)
    expect(isSharedWithSchool(course({ status: 'listed', visibility: 'public' }), 'demo')).toBe(false)
  })
})
