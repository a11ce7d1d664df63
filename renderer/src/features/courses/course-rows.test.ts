import { describe, expect, it } from 'vitest'
import { chapter, course } from '../../../../domain/courses/testing.ts'
import type { CourseProblem } from '../../../../domain/courses/rules.ts'
import { problemWords } from './course-problems.ts'
import { chapterCounts, courseRow, matchesCourse } from './course-rows.ts'

describe('course rows', () => {
  const chapters = [
    chapter('1', { published: true }),
    chapter('2'),
    chapter('x', { courseId: 'c2', published: true }),
  ]

  it('counts chapters and published ones per course', () => {
    const counts = chapterCounts(chapters)
    expect(counts.get('c1')).toEqual({ total: 2, published: 1 })
    const staff = new Map([['t1', { name: '李老师' }]])
    expect(courseRow(course(), counts, staff)).toMatchObject({
      author: '李老师',
      chapters: { total: 2, published: 1 },
    })
    expect(courseRow(course({ id: 'c3', authorId: 'gone' }), counts, staff)).toMatchObject({
      author: '?',
      chapters: { total: 0, published: 0 },
    })
  })

  it('filters mine or the school’s, by status and visibility', () => {
    const listed = course({ status: 'listed', visibility: 'public' })
    expect(matchesCourse(listed, 'mine', 't1', {})).toBe(true)
    expect(matchesCourse(listed, 'mine', 't2', {})).toBe(false)
    expect(matchesCourse(listed, 'school', 't2', { status: 'listed', visibility: 'public' })).toBe(true)
    expect(matchesCourse(listed, 'school', 't2', { status: 'draft' })).toBe(false)
    expect(matchesCourse(listed, 'school', 't2', { visibility: 'school' })).toBe(false)
  })

  it('words a rule with the chapters’ titles', () => {
    const problem: CourseProblem = {
      rule: 'parent-unpublished',
      courseId: 'c1',
      chapterId: '2',
      otherId: '1',
      message: 'chapter "第2章" (2): …',
    }
    expect(problemWords(problem, course(), chapters)).toEqual({
      key: 'courses.problems.parent-unpublished',
      params: { chapter: '第2章', other: '第1章', course: '趣味物理' },
    })
    const listing: CourseProblem = { rule: 'listed-without-published', courseId: 'c9', message: '' }
    expect(problemWords(listing, course(), []).params).toEqual({ chapter: '', other: '', course: 'c9' })
  })
})
