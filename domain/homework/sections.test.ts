import { describe, expect, it } from 'vitest'
import { validateDocument } from '../validation.ts'
import { teacher } from '../questions/testing.ts'
import { completionProblems, type DefinitionSection, type HomeworkDefinition } from './definition.ts'
import {
  addQuestions,
  addSection,
  canMoveSection,
  completionProblemMessage,
  copyDefinition,
  deleteSection,
  findSection,
  moveQuestion,
  moveSection,
  removeQuestion,
  renameSection,
  setScore,
  setSectionScores,
  withoutScores,
} from './sections.ts'
import { definition, section } from './testing.ts'

/** 1 (q1) · 2 → 2.1 (q2, q3), 2.2 (empty) · 3 (q4, unscored). */
function tree(): DefinitionSection[] {
  return [
    section('1', { items: [{ questionId: 'q1', score: 10 }] }),
    section('2', {
      sections: [
        section('2.1', {
          items: [
            { questionId: 'q2', score: 5 },
            { questionId: 'q3', score: 2.5 },
          ],
        }),
        section('2.2'),
      ],
    }),
    section('3', { items: [{ questionId: 'q4' }] }),
  ]
}

const ids = (sections: readonly DefinitionSection[]): string[] =>
  sections.flatMap((s) => [s.id, ...ids(s.sections).map((id) => `${s.id}>${id}`)])

describe('section tree', () => {
  it('finds sections at any depth', () => {
    expect(findSection(tree(), '2.1')?.items).toHaveLength(2)
    expect(findSection(tree(), 'nope')).toBeUndefined()
  })

  it('adds sections at the top level or under a parent, leaving the given tree untouched', () => {
    const before = tree()
    const snapshot = structuredClone(before)
    const top = addSection(before, { id: '4', title: '  第四章 ' })
    expect(top.at(-1)).toEqual(section('4', { title: '第四章' }))
    const nested = addSection(before, { id: '2.3', title: '练习' }, '2')
    expect(findSection(nested, '2')?.sections.map((s) => s.id)).toEqual(['2.1', '2.2', '2.3'])
    expect(before).toEqual(snapshot)
    expect(nested[0]).toBe(before[0])
  })

  it('refuses a blank or too long title, a repeated id and an unknown parent', () => {
    expect(() => addSection(tree(), { id: '4', title: '  ' })).toThrow('needs a title')
    expect(() => renameSection(tree(), '1', 'x'.repeat(101))).toThrow('at most 100')
    expect(() => addSection(tree(), { id: '2.1', title: 'again' })).toThrow('used already')
    expect(() => addSection(tree(), { id: '9', title: 'x' }, 'nope')).toThrow('no section nope')
  })

  it('renames a nested section', () => {
    expect(findSection(renameSection(tree(), '2.2', '拓展'), '2.2')?.title).toBe('拓展')
  })

  it('deletes a section with its questions and sub-sections', () => {
    const next = deleteSection(tree(), '2')
    expect(ids(next)).toEqual(['1', '3'])
    expect(findSection(next, '2.1')).toBeUndefined()
    expect(ids(deleteSection(tree(), '2.1'))).toEqual(['1', '2', '2>2.2', '3'])
  })

  it('moves a section among its siblings only, and says when it cannot', () => {
    expect(ids(moveSection(tree(), '3', -1))).toEqual(['1', '3', '2', '2>2.1', '2>2.2'])
    expect(ids(moveSection(tree(), '2.1', 1))).toEqual(['1', '2', '2>2.2', '2>2.1', '3'])
    expect(ids(moveSection(tree(), '1', -1))).toEqual(ids(tree()))
    expect(canMoveSection(tree(), '1', -1)).toBe(false)
    expect(canMoveSection(tree(), '1', 1)).toBe(true)
    expect(canMoveSection(tree(), '2.2', 1)).toBe(false)
    expect(canMoveSection(tree(), 'nope', 1)).toBe(false)
  })
})

describe('questions of a section', () => {
  it('adds questions at the end of a section and skips those already anywhere in the definition', () => {
    const result = addQuestions(tree(), '2.2', ['q5', 'q2', 'q6', 'q5', 'q4'])
    expect(result.added).toEqual(['q5', 'q6'])
    expect(result.skipped).toEqual(['q2', 'q5', 'q4'])
    expect(findSection(result.sections, '2.2')?.items).toEqual([{ questionId: 'q5' }, { questionId: 'q6' }])
    expect(findSection(result.sections, '2.1')?.items).toHaveLength(2)
  })

  it('removes and moves a question within its section', () => {
    expect(findSection(removeQuestion(tree(), 'q2'), '2.1')?.items).toEqual([
      { questionId: 'q3', score: 2.5 },
    ])
    const moved = moveQuestion(tree(), 'q3', -1)
    expect(findSection(moved, '2.1')?.items.map((i) => i.questionId)).toEqual(['q3', 'q2'])
    expect(findSection(moveQuestion(tree(), 'q3', 1), '2.1')?.items.map((i) => i.questionId)).toEqual([
      'q2',
      'q3',
    ])
  })

  it('sets and clears one score, refusing a negative or non-number score', () => {
    expect(findSection(setScore(tree(), 'q4', 3), '3')?.items).toEqual([{ questionId: 'q4', score: 3 }])
    expect(findSection(setScore(tree(), 'q1', undefined), '1')?.items).toEqual([{ questionId: 'q1' }])
    expect(() => setScore(tree(), 'q1', -1)).toThrow('from 0 to 1000')
    expect(() => setScore(tree(), 'q1', Number.NaN)).toThrow('from 0 to 1000')
  })

  it('batch-sets the scores of a section and of its sub-sections, nothing else', () => {
    const next = setSectionScores(tree(), '2', 4)
    expect(findSection(next, '2.1')?.items.map((i) => i.score)).toEqual([4, 4])
    expect(findSection(next, '1')?.items).toEqual([{ questionId: 'q1', score: 10 }])
    expect(findSection(next, '3')?.items).toEqual([{ questionId: 'q4' }])
    expect(() => setSectionScores(tree(), '2', 1001)).toThrow('from 0 to 1000')
  })

  it('drops every score', () => {
    expect(withoutScores(tree()).flatMap((s) => [...s.items, ...s.sections.flatMap((c) => c.items)])).toEqual(
      [{ questionId: 'q1' }, { questionId: 'q2' }, { questionId: 'q3' }, { questionId: 'q4' }],
    )
  })
})

describe('copying a definition', () => {
  it('keeps questions and scores with new section ids, as a draft remembering its source', () => {
    const colleagues = definition({ status: 'complete', authorId: 'someone-else', sections: tree() })
    const copy = copyDefinition(colleagues, (id) => `new-${id}`, ' (副本)')
    expect(copy.title).toBe('数学作业 (副本)')
    expect(copy.status).toBe('draft')
    expect(copy.copiedFromId).toBe('d1')
    expect(ids(copy.sections)).toEqual(['new-1', 'new-2', 'new-2>new-2.1', 'new-2>new-2.2', 'new-3'])
    expect(findSection(copy.sections, 'new-2.1')?.items).toEqual(findSection(tree(), '2.1')?.items)
    const full: HomeworkDefinition = {
      ...copy,
      id: 'd2',
      kind: 'definition',
      schoolId: 'demo',
      updatedAt: 2,
      authorId: teacher.id,
      createdAt: 2,
    }
    expect(validateDocument('homework', full).ok).toBe(true)
  })

  it('shortens a long title so that the suffix fits', () => {
    const copy = copyDefinition(definition({ title: 'x'.repeat(100) }), (id) => id, ' (copy)')
    expect(copy.title).toHaveLength(100)
    expect(copy.title.endsWith(' (copy)')).toBe(true)
  })
})

describe('completion problems in words', () => {
  it('names the section path and the question', () => {
    const problems = completionProblems({ scored: true, sections: tree() })
    const messages = problems.map((p) => completionProblemMessage(p, (id) => `«${id}»`))
    expect(messages).toEqual([
      { key: 'homework.problems.emptySection', params: { section: '第2章 / 第2.2章' } },
      {
        key: 'homework.problems.missingScore',
        params: { section: '第3章', position: 1, question: '«q4»' },
      },
    ])
    expect(completionProblemMessage({ code: 'noSections' }, String)).toEqual({
      key: 'homework.problems.noSections',
      params: {},
    })
  })
})
