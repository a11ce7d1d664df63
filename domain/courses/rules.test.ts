import { describe, expect, it } from 'vitest'
import type { SessionUser } from '../auth/roles.ts'
import {
  chapterDeletionProblems,
  chapterPermissionProblems,
  concernedCourseIds,
  courseTreeProblems,
  courseWriteProblems,
  type CourseProblem,
} from './rules.ts'
import { chapter, course, PDF } from './testing.ts'

const rules = (problems: CourseProblem[]) => problems.map((p) => [p.rule, p.chapterId ?? p.courseId])
const deleted = <T extends object>(doc: T) => ({ ...doc, _deleted: true })

describe('courseTreeProblems (DESIGN §7.3, one course as it stands)', () => {
  it('accepts a tree whose published leaves have attachments and whose parents are published', () => {
    const chapters = [
      chapter('1', { published: true }),
      chapter('1.1', { parentId: '1', published: true, attachments: [PDF] }),
      chapter('1.2', { parentId: '1', order: 2 }),
    ]
    expect(courseTreeProblems(course({ status: 'listed' }), chapters)).toEqual([])
  })

  it('refuses a child under a chapter that has attachments, naming both', () => {
    const problems = courseTreeProblems(course(), [
      chapter('1', { attachments: [PDF], title: '力学' }),
      chapter('1.1', { parentId: '1', title: '牛顿定律' }),
    ])
    expect(problems).toEqual([
      {
        rule: 'child-under-attachments',
        courseId: 'c1',
        chapterId: '1.1',
        otherId: '1',
        message:
          'chapter "牛顿定律" (1.1): its parent chapter "力学" (1) has attachments, and a chapter with attachments cannot have sub-chapters',
      },
    ])
  })

  it('refuses to publish a chapter with no children and no attachment', () => {
    const [problem] = courseTreeProblems(course(), [chapter('1', { published: true })])
    expect(problem).toMatchObject({ rule: 'leaf-without-attachment', chapterId: '1' })
    expect(problem?.message).toBe(
      'chapter "第1章" (1): a chapter without sub-chapters needs an attachment to be published',
    )
  })

  it('lets a published chapter with children go without attachments', () => {
    const chapters = [
      chapter('1', { published: true }),
      chapter('1.1', { parentId: '1', published: true, attachments: [PDF] }),
    ]
    expect(courseTreeProblems(course(), chapters)).toEqual([])
  })

  it('refuses a published chapter under an unpublished parent', () => {
    const problems = courseTreeProblems(course(), [
      chapter('1'),
      chapter('1.1', { parentId: '1', published: true, attachments: [PDF] }),
    ])
    expect(rules(problems)).toEqual([['parent-unpublished', '1.1']])
    expect(problems[0]?.message).toBe(
      'chapter "第1.1章" (1.1): it cannot be published while its parent chapter "第1章" (1) is not',
    )
  })

  it('refuses a listed course without a published chapter, naming the course', () => {
    const problems = courseTreeProblems(course({ status: 'listed' }), [chapter('1')])
    expect(problems).toEqual([
      {
        rule: 'listed-without-published',
        courseId: 'c1',
        message: 'course "趣味物理" (c1): a course can be listed only with a published chapter',
      },
    ])
    expect(courseTreeProblems(course({ status: 'unlisted' }), [chapter('1')])).toEqual([])
  })

  it('refuses a chapter whose course or parent is missing, and a cycle', () => {
    expect(rules(courseTreeProblems(null, [chapter('1')]))).toEqual([['course-missing', '1']])
    expect(rules(courseTreeProblems(course(), [chapter('2', { parentId: 'gone' })]))).toEqual([
      ['parent-missing', '2'],
    ])
    const cycle = [chapter('a', { parentId: 'b' }), chapter('b', { parentId: 'a' })]
    expect(rules(courseTreeProblems(course(), cycle))).toEqual([
      ['parent-cycle', 'a'],
      ['parent-cycle', 'b'],
    ])
  })
})

describe('chapterDeletionProblems', () => {
  it('refuses to delete a published chapter', () => {
    const problems = chapterDeletionProblems(chapter('1', { published: true, attachments: [PDF] }), [])
    expect(problems[0]?.message).toBe(
      'chapter "第1章" (1): a published chapter cannot be deleted: unpublish it first',
    )
  })

  it('refuses to delete a chapter with a published child, naming the child', () => {
    const child = chapter('1.1', { parentId: '1', published: true, attachments: [PDF] })
    const problems = chapterDeletionProblems(chapter('1'), [child])
    expect(problems).toMatchObject([{ rule: 'delete-published-child', chapterId: '1', otherId: '1.1' }])
    expect(problems[0]?.message).toContain('published sub-chapter chapter "第1.1章" (1.1)')
  })

  it('refuses to delete a chapter whose sub-chapters stay, and allows an unpublished leaf', () => {
    expect(rules(chapterDeletionProblems(chapter('1'), [chapter('1.1', { parentId: '1' })]))).toEqual([
      ['delete-with-children', '1'],
    ])
    expect(chapterDeletionProblems(chapter('1'), [chapter('2')])).toEqual([])
  })
})

describe('courseWriteProblems (what the server checks under the write lock)', () => {
  const parent = chapter('1')
  const child = chapter('1.1', { parentId: '1', attachments: [PDF] })
  const stored = [course(), parent, child]

  it('accepts a parent and its children published together, in any order', () => {
    const writes = [
      { ...chapter('1.1', { parentId: '1', attachments: [PDF], published: true }) },
      { ...chapter('1', { published: true }) },
      { ...course({ status: 'listed' as const }) },
    ]
    expect(courseWriteProblems(stored, writes)).toEqual([])
  })

  it('accepts a new course pushed with its chapters', () => {
    const writes = [chapter('x', { courseId: 'new' }), course({ id: 'new' })]
    expect(courseWriteProblems([], writes)).toEqual([])
  })

  it('refuses publishing a child alone while its parent is not', () => {
    const writes = [chapter('1.1', { parentId: '1', attachments: [PDF], published: true })]
    expect(rules(courseWriteProblems(stored, writes))).toEqual([['parent-unpublished', '1.1']])
  })

  it('refuses unpublishing a parent whose children stay published, naming the child', () => {
    const published = [
      course(),
      chapter('1', { published: true }),
      chapter('1.1', { parentId: '1', attachments: [PDF], published: true }),
    ]
    expect(rules(courseWriteProblems(published, [chapter('1')]))).toEqual([['parent-unpublished', '1.1']])
    expect(
      courseWriteProblems(published, [chapter('1'), chapter('1.1', { parentId: '1', attachments: [PDF] })]),
    ).toEqual([])
  })

  it('refuses adding attachments to a chapter that has sub-chapters', () => {
    const writes = [chapter('1', { attachments: [PDF] })]
    expect(rules(courseWriteProblems(stored, writes))).toEqual([['child-under-attachments', '1.1']])
  })

  it('judges a deletion by the stored chapter, not by the tombstone', () => {
    const published = [course(), chapter('2', { published: true, attachments: [PDF] })]
    expect(rules(courseWriteProblems(published, [deleted(chapter('2'))]))).toEqual([
      ['delete-published', '2'],
    ])
  })

  it('deletes a chapter with its sub-chapters in one push, and refuses it alone', () => {
    expect(courseWriteProblems(stored, [deleted(child), deleted(parent)])).toEqual([])
    expect(rules(courseWriteProblems(stored, [deleted(parent)]))).toEqual([['delete-with-children', '1']])
  })

  it('refuses deleting a course whose chapters stay, and accepts it with them', () => {
    expect(rules(courseWriteProblems(stored, [deleted(course())]))).toEqual([
      ['delete-course-with-chapters', 'c1'],
    ])
    expect(courseWriteProblems(stored, stored.map(deleted))).toEqual([])
  })

  it('refuses listing a course without a published chapter, and a chapter of a deleted course', () => {
    expect(rules(courseWriteProblems(stored, [course({ status: 'listed' })]))).toEqual([
      ['listed-without-published', 'c1'],
    ])
    expect(rules(courseWriteProblems([], [chapter('9', { courseId: 'gone' })]))).toEqual([
      ['course-missing', '9'],
    ])
  })

  it('refuses unpublishing or deleting the last published chapter of a listed course', () => {
    const listed = [course({ status: 'listed' }), chapter('1', { published: true, attachments: [PDF] })]
    expect(rules(courseWriteProblems(listed, [chapter('1', { attachments: [PDF] })]))).toEqual([
      ['listed-without-published', 'c1'],
    ])
  })

  it('does not blame an edit for a problem it does not involve', () => {
    const broken = [...stored, chapter('2', { parentId: 'gone' })]
    expect(courseWriteProblems(broken, [chapter('3')])).toEqual([])
  })

  it('names the courses a write concerns', () => {
    expect(concernedCourseIds([chapter('1'), course({ id: 'c2' }), chapter('2')])).toEqual(['c1', 'c2'])
  })
})

describe('chapterPermissionProblems (the author and admins edit)', () => {
  const author: SessionUser = { id: 't1', schoolId: 'demo', name: '李', roles: ['teacher'] }
  const other: SessionUser = { id: 't2', schoolId: 'demo', name: '王', roles: ['teacher'] }
  const admin: SessionUser = { id: 'a1', schoolId: 'demo', name: '校', roles: ['admin'] }

  it('lets the author and admins write chapters and refuses other teachers, naming the chapter', () => {
    expect(chapterPermissionProblems(author, [course()], [chapter('1')])).toEqual([])
    expect(chapterPermissionProblems(admin, [course()], [chapter('1')])).toEqual([])
    expect(chapterPermissionProblems(other, [course()], [chapter('1')])).toEqual([
      'chapter "第1章" (1): only the author of the course and admins may change its chapters',
    ])
  })

  it('goes by the stored course, not one pushed beside the chapter', () => {
    const hijack = course({ authorId: 't2' })
    expect(chapterPermissionProblems(other, [course()], [hijack, chapter('1')])).toHaveLength(1)
    expect(chapterPermissionProblems(other, [], [hijack, chapter('1')])).toEqual([])
  })
})
