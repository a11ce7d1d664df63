import { describe, expect, it } from 'vitest'
import { validateDocument } from '../validation.ts'
import { problemText, questionProblems } from './rules.ts'
import { question } from './testing.ts'
import type { Question } from './types.ts'

const codes = (q: Question) => questionProblems(q).map((p) => p.code)
const sha = 'a'.repeat(64)
const image = { sha256: sha, name: 'a.png', size: 3, mime: 'image/png' }
const withoutOptions = { options: undefined }

describe('questionProblems', () => {
  it('accepts a valid question of each type', () => {
    const valid: Partial<Question>[] = [
      {},
      {
        type: 'multiple_choice',
        options: [
          { id: 'a', text: '2', correct: true },
          { id: 'b', text: '3', correct: true },
          { id: 'c', text: '4', correct: false },
        ],
      },
      {
        ...withoutOptions,
        type: 'ordering',
        items: [
          { id: 'a', text: '一' },
          { id: 'b', text: '二' },
        ],
      },
      { ...withoutOptions, type: 'short_answer', referenceAnswer: '…' },
      { ...withoutOptions, type: 'short_answer' },
      { ...withoutOptions, type: 'true_false', answer: false },
      { ...withoutOptions, type: 'attachment', maxFiles: 2 },
      {
        ...withoutOptions,
        type: 'matching',
        pairs: [
          { id: 'a', left: '床前明月光', right: '疑是地上霜' },
          { id: 'b', left: '举头望明月', right: '低头思故乡' },
        ],
      },
      {
        ...withoutOptions,
        type: 'fill_blank',
        stem: '<p>2+2={{1}}, 3+3={{2}}</p>',
        blanks: [
          { id: 'a', answers: ['4', '四'] },
          { id: 'b', answers: ['6'] },
        ],
      },
      { stem: `<p><img data-blob="${sha}" alt="a"></p>`, images: [image] },
    ]
    for (const changes of valid) expect(codes(question(changes)), JSON.stringify(changes)).toEqual([])
  })

  it('wants a stem with text or an image', () => {
    expect(codes(question({ stem: '<p> &nbsp; </p>' }))).toEqual(['emptyStem'])
  })

  it('wants exactly one correct option in a single-choice question, at least one in a multiple-choice one', () => {
    const twoCorrect = question({
      options: [
        { id: 'a', text: '3', correct: true },
        { id: 'b', text: '4', correct: true },
      ],
    })
    expect(questionProblems(twoCorrect)).toEqual([{ code: 'notExactlyOneCorrect', params: { count: 2 } }])
    const noneCorrect = question({
      type: 'multiple_choice',
      options: [
        { id: 'a', text: '3', correct: false },
        { id: 'b', text: '4', correct: false },
      ],
    })
    expect(codes(noneCorrect)).toEqual(['noCorrectOption'])
    expect(codes(question({ options: [{ id: 'a', text: '3', correct: true }] }))).toEqual(['tooFewOptions'])
  })

  it('names empty and repeated options by their letter', () => {
    const q = question({
      options: [
        { id: 'a', text: '3', correct: true },
        { id: 'b', text: ' ', correct: false },
        { id: 'c', text: '3 ', correct: false },
      ],
    })
    expect(questionProblems(q)).toEqual([
      { code: 'blankOption', params: { label: 'B' } },
      { code: 'duplicateOption', params: { label: 'C', other: 'A' } },
    ])
  })

  it('wants complete matching pairs with distinct left sides', () => {
    const q = question({
      ...withoutOptions,
      type: 'matching',
      pairs: [
        { id: 'a', left: 'x', right: '' },
        { id: 'b', left: 'y', right: '1' },
        { id: 'c', left: 'Y', right: '2' },
      ],
    })
    expect(questionProblems(q)).toEqual([
      { code: 'incompletePair', params: { label: 1 } },
      { code: 'duplicatePairLeft', params: { label: 3, other: 2 } },
    ])
  })

  it('wants every blank placed once, in order, with an accepted answer', () => {
    const base = { ...withoutOptions, type: 'fill_blank' as const }
    expect(codes(question({ ...base, stem: '<p>x</p>', blanks: [] }))).toEqual(['noBlanks'])
    const missingAnswer = question({ ...base, stem: '<p>{{1}}</p>', blanks: [{ id: 'a', answers: [' '] }] })
    expect(questionProblems(missingAnswer)).toEqual([{ code: 'blankWithoutAnswer', params: { label: 1 } }])
    const swapped = question({
      ...base,
      stem: '<p>{{2}} {{1}}</p>',
      blanks: [
        { id: 'a', answers: ['1'] },
        { id: 'b', answers: ['2'] },
      ],
    })
    expect(questionProblems(swapped)).toEqual([
      { code: 'placeholderMismatch', params: { found: '{{2}} {{1}}', expected: 2 } },
    ])
  })

  it('wants the answer of a true/false question and the file count of an attachment question', () => {
    expect(codes(question({ ...withoutOptions, type: 'true_false' }))).toEqual(['missingAnswer'])
    expect(codes(question({ ...withoutOptions, type: 'attachment' }))).toEqual(['missingMaxFiles'])
  })

  it('refuses an image the question does not list and fields of another type', () => {
    const q = question({ stem: `<p>x<img alt="" data-blob="${sha}"></p>`, answer: true })
    expect(codes(q)).toEqual(['imageNotListed', 'fieldOfOtherType'])
  })

  it('words every problem in English for the server', () => {
    const twoCorrect = questionProblems(
      question({
        options: [
          { id: 'a', text: '3', correct: true },
          { id: 'b', text: '4', correct: true },
        ],
      }),
    )
    expect(twoCorrect.map(problemText)).toEqual([
      'a single-choice question needs exactly one correct option (it has 2)',
    ])
  })
})

describe('the question schema', () => {
  it('is checked with the rules on both ends: a draft may be incomplete, a published question may not', () => {
    expect(validateDocument('questions', question())).toMatchObject({ ok: true })
    expect(validateDocument('questions', question({ stem: '', options: [] }))).toMatchObject({ ok: true })
    const bad = validateDocument('questions', question({ status: 'published', options: [] }))
    expect(bad).toEqual({ ok: false, errors: ['question q1: a choice question needs at least 2 options'] })
    const inconsistent = validateDocument('questions', question({ answer: true }))
    expect(inconsistent).toMatchObject({ ok: false })
    expect(validateDocument('questions', { ...question(), type: 'essay' }).ok).toBe(false)
    expect(validateDocument('questions', question({ images: [{ ...image, sha256: 'XYZ' }] })).ok).toBe(false)
  })
})
