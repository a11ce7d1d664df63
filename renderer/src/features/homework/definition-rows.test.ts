import { describe, expect, it } from 'vitest'
import type { HomeworkDefinition } from '../../../../domain/homework/definition.ts'
import { definition as baseDefinition, section } from '../../../../domain/homework/testing.ts'
import { definitionRow, matchesFilter } from './definition-rows.ts'

/** Scored: 4 + 1.5 given, q2 without a score yet. */
const definition = (changes: Partial<HomeworkDefinition> = {}) =>
  baseDefinition({
    authorId: 'li',
    createdAt: new Date(2026, 9, 20, 12).getTime(),
    sections: [
      section('1', {
        items: [{ questionId: 'q1', score: 4 }, { questionId: 'q2' }],
        sections: [section('1.1', { items: [{ questionId: 'q3', score: 1.5 }] })],
      }),
    ],
    ...changes,
  })

const names = {
  subjects: new Map([['math', { name: '数学' }]]),
  staff: new Map([['li', { name: '李老师' }]]),
}

describe('definition rows', () => {
  it('shows names, the creation day and the total of the scores given so far', () => {
    expect(definitionRow(definition(), names)).toMatchObject({
      title: '数学作业',
      subject: '数学',
      author: '李老师',
      createdAt: '2026-10-20',
      total: 5.5,
    })
  })

  it('has no total when unscored, and "?" for names it does not know', () => {
    const row = definitionRow(definition({ scored: false, subjectId: 'gone', authorId: 'gone' }), names)
    expect(row.total).toBeUndefined()
    expect(row).toMatchObject({ subject: '?', author: '?' })
  })

  it('filters by subject and status, each unset matching all', () => {
    expect(matchesFilter(definition(), {})).toBe(true)
    expect(matchesFilter(definition(), { subjectId: 'math', status: 'draft' })).toBe(true)
    expect(matchesFilter(definition(), { subjectId: 'english' })).toBe(false)
    expect(matchesFilter(definition(), { status: 'complete' })).toBe(false)
  })
})
