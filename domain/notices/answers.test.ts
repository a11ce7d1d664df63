import { describe, expect, it } from 'vitest'
import {
  answerProblems,
  answerProblemText,
  awaitsReminder,
  keptAnswers,
  missesRequiredAnswer,
} from './answers.ts'
import type { NoticeQuestion } from './notice.ts'

const questions: NoticeQuestion[] = [
  { id: 'go', type: 'single', title: '是否参加', options: ['参加', '不参加'], required: true },
  { id: 'food', type: 'multiple', title: '午餐', options: ['米饭', '面条', '水果'], required: false },
  { id: 'note', type: 'text', title: '备注', required: false },
  { id: 'form', type: 'attachment', title: '回执单', required: true },
]
const file = { sha256: 'a'.repeat(64), name: '回执.pdf', size: 10, mime: 'application/pdf' }
const codes = (answers: unknown) => answerProblems(questions, answers).map((p) => `${p.questionId}:${p.code}`)

describe('notice answers', () => {
  it('accepts complete answers of the right types', () => {
    expect(codes({ go: '参加', food: ['米饭', '水果'], note: '过敏', form: [file] })).toEqual([])
    expect(codes({ go: '不参加', food: [], form: [file] })).toEqual([])
  })

  it('names each required question left unanswered', () => {
    expect(codes({})).toEqual(['go:required', 'form:required'])
    expect(codes({ go: ' ', form: [] })).toEqual(['go:required', 'form:required'])
  })

  it('refuses unknown options, two values for a single choice and unknown questions', () => {
    expect(codes({ go: '也许', food: ['米饭', '蛋糕'], form: [file], extra: 'x' })).toEqual([
      'go:unknown-option',
      'food:unknown-option',
      'extra:unknown-question',
    ])
    expect(codes({ go: ['参加', '不参加'], form: [file] })).toEqual(['go:one-choice'])
  })

  it('refuses values of the wrong type', () => {
    expect(codes({ go: '参加', food: '米饭', note: ['x'], form: [{ name: 'x' }] })).toEqual([
      'food:wrong-type',
      'note:wrong-type',
      'form:wrong-type',
    ])
    expect(codes(null)).toEqual([':wrong-type'])
    expect(codes({ go: '参加', food: ['米饭', '米饭'], form: [file] })).toEqual(['food:wrong-type'])
  })

  it('words a problem with the question title', () => {
    expect(answerProblems(questions, { form: [file] }).map(answerProblemText)).toEqual([
      'question "是否参加" (go) needs an answer',
    ])
  })

  it('keeps only given answers and tells when a required one is missing', () => {
    expect(keptAnswers({ go: '参加', note: '', food: [] })).toEqual({ go: '参加' })
    expect(missesRequiredAnswer(questions, { go: '参加' })).toBe(true)
    expect(missesRequiredAnswer(questions, { go: '参加', form: [file] })).toBe(false)
    expect(missesRequiredAnswer([], undefined)).toBe(false)
  })

  it('reminds those who have not read, or read without a required answer', () => {
    expect(awaitsReminder(questions, {})).toBe(true)
    expect(awaitsReminder([], { readAt: 1 })).toBe(false)
    expect(awaitsReminder(questions, { readAt: 1, answers: { go: '参加' } })).toBe(true)
    expect(awaitsReminder(questions, { readAt: 1, answers: { go: '参加', form: [file] } })).toBe(false)
  })
})
