import { describe, expect, it } from 'vitest'
import { validateDocument } from '../validation.ts'
import { copyCourseToSchool, courseBlobs } from './copy.ts'
import { courseTreeProblems } from './rules.ts'
import { chapter, course, PDF } from './testing.ts'

describe('copyCourseToSchool (copy to my school)', () => {
  const cover = { ...PDF, sha256: 'c'.repeat(64), name: 'cover.png', mime: 'image/png' }
  const source = {
    course: course({
      status: 'listed',
      visibility: 'public',
      shareClassIds: ['class-1'],
      shareSchoolIds: ['demo2'],
      cover,
      description: '简介',
    }),
    chapters: [
      chapter('1', { published: true }),
      chapter('1.1', { parentId: '1', published: true, attachments: [PDF], order: 3 }),
    ],
  }
  let next = 0
  const copy = copyCourseToSchool(source, {
    schoolId: 'demo2',
    authorId: 't9',
    newId: () => `new-${++next}`,
    now: 99,
  })

  it('makes an unlisted draft of the copier in their school, shared with nobody', () => {
    expect(copy.course).toEqual({
      id: 'new-1',
      kind: 'course',
      schoolId: 'demo2',
      updatedAt: 99,
      authorId: 't9',
      title: '趣味物理',
      lecturer: '李老师',
      cover,
      description: '简介',
      visibility: 'school',
      shareSchoolIds: [],
      shareClassIds: [],
      status: 'draft',
    })
  })

  it('gives every chapter a new id, keeps the tree and attachments, and unpublishes them', () => {
    expect(copy.chapters.map((c) => [c.id, c.parentId, c.courseId, c.published, c.order])).toEqual([
      ['new-2', null, 'new-1', false, 1],
      ['new-3', 'new-2', 'new-1', false, 3],
    ])
    expect(copy.chapters[1]?.attachments).toEqual([PDF])
    expect(copy.chapters.every((c) => c.schoolId === 'demo2')).toBe(true)
  })

  it('yields valid documents that break no rule, and leaves the source untouched', () => {
    for (const doc of [copy.course, ...copy.chapters]) expect(validateDocument('courses', doc).ok).toBe(true)
    expect(courseTreeProblems(copy.course, copy.chapters)).toEqual([])
    expect(source.chapters[0]?.published).toBe(true)
  })

  it('lists each blob to fetch once, cover included', () => {
    const again = chapter('2', { attachments: [PDF] })
    expect(courseBlobs(source.course, [...source.chapters, again])).toEqual([cover, PDF])
  })
})
