import { describe, expect, it } from 'vitest'
import { canRead, checkWrite } from '../permissions.ts'
import { admin, guardian, otherTeacher, teacher } from '../questions/testing.ts'
import { validateDocument } from '../validation.ts'
import {
  completionProblems,
  completionProblemText,
  totalScore,
  walkSections,
  type DefinitionSection,
} from './definition.ts'
import { definition, section } from './testing.ts'

describe('homework definition rules', () => {
  it('walks sections depth first with their title paths and sums the scores', () => {
    expect(walkSections(definition().sections).map(({ path }) => path.join('/'))).toEqual([
      '第1章',
      '第2章',
      '第2章/第2.1章',
    ])
    expect(totalScore(definition())).toBe(17.5)
  })

  it('allows "complete" only when every section has a question and every question a score', () => {
    expect(completionProblems(definition())).toEqual([])
    expect(completionProblems(definition({ sections: [] }))).toEqual([{ code: 'noSections' }])
    const gaps = definition({
      sections: [
        section('1', { items: [{ questionId: 'q1' }] }),
        section('2', { sections: [section('2.1')] }),
      ],
    })
    const problems = completionProblems(gaps)
    expect(problems.map(completionProblemText)).toEqual([
      'question 1 of section "第1章" has no score',
      'section "第2章" has no question',
      'section "第2章 / 第2.1章" has no question',
    ])
    expect(completionProblems({ ...gaps, scored: false }).map((p) => p.code)).toEqual([
      'emptySection',
      'emptySection',
    ])
  })

  it('refuses a complete definition with problems, a question twice and scores when unscored', () => {
    expect(validateDocument('homework', definition({ status: 'complete' })).ok).toBe(true)
    const incomplete = definition({ status: 'complete', sections: [section('1')] })
    expect(validateDocument('homework', incomplete)).toEqual({
      ok: false,
      errors: ['definition d1: section "第1章" has no question'],
    })
    const twice = definition({
      sections: [
        section('1', { items: [{ questionId: 'q1' }] }),
        section('2', { items: [{ questionId: 'q1' }] }),
      ],
    })
    expect(validateDocument('homework', { ...twice, scored: false })).toEqual({
      ok: false,
      errors: ['definition d1: question q1 appears twice (again in "第2章")'],
    })
    expect(validateDocument('homework', definition({ scored: false })).ok).toBe(false)
  })

  it('validates nested sections against the schema', () => {
    const bad = definition({ sections: [section('1', { sections: [{ id: 'x' } as DefinitionSection] })] })
    expect(validateDocument('homework', bad).ok).toBe(false)
  })
})

describe('homework definition permissions', () => {
  const complete = definition({ status: 'complete' })
  const deleted = <T>(doc: T) => ({ ...doc, _deleted: true })

  it('lets the author edit a draft and complete it; a complete one is read-only', () => {
    expect(checkWrite(teacher, definition(), null).ok).toBe(true)
    expect(checkWrite(teacher, definition({ title: '新' }), definition()).ok).toBe(true)
    expect(checkWrite(teacher, complete, definition()).ok).toBe(true)
    expect(checkWrite(teacher, { ...complete, title: '新' }, complete).ok).toBe(false)
    expect(checkWrite(otherTeacher, definition({ title: '新' }), definition()).ok).toBe(false)
  })

  it('lets the author or an admin delete it', () => {
    expect(checkWrite(teacher, deleted(complete), complete).ok).toBe(true)
    expect(checkWrite(admin, deleted(complete), complete).ok).toBe(true)
    expect(checkWrite(otherTeacher, deleted(complete), complete).ok).toBe(false)
  })

  it('is staff business', () => {
    expect(canRead(otherTeacher, definition())).toBe(true)
    expect(canRead(guardian, definition())).toBe(false)
    expect(checkWrite(guardian, definition({ authorId: guardian.id }), null).ok).toBe(false)
  })
})
