import { describe, expect, it } from 'vitest'
import {
  composeProblems,
  moved,
  newQuestion,
  storedFields,
  withCcSelf,
  withType,
  type ComposedFields,
} from './compose.ts'

const fields = (changes: Partial<ComposedFields> = {}): ComposedFields => ({
  title: '春游通知',
  body: '<p>周五春游</p>',
  links: [],
  questions: [],
  audience: { classIds: ['c1'] },
  ccStaffIds: [],
  ...changes,
})
const codes = (problems: { code: string; index?: number }[]) =>
  problems.map(({ code, index }) => (index === undefined ? code : `${code}@${index}`))

describe('composing a notice', () => {
  it('needs a title of at most 120 characters, blank or not', () => {
    expect(codes(composeProblems(fields({ title: '  ' }), false, 0))).toEqual(['title-missing'])
    expect(codes(composeProblems(fields({ title: 'x'.repeat(121) }), false, 0))).toEqual(['title-too-long'])
    expect(composeProblems(fields({ title: ` ${'x'.repeat(120)} ` }), false, 0)).toEqual([])
  })

  it('names the questions that lack a title or have too few, blank or repeated options', () => {
    const questions = [
      { ...newQuestion('q1', 'single'), title: '是否参加', options: ['参加', '不参加'] },
      newQuestion('q2', 'multiple'),
      { ...newQuestion('q3', 'single'), title: '午餐', options: ['米饭'] },
      { ...newQuestion('q4', 'multiple'), title: '项目', options: ['跑步', ' 跑步'] },
      { ...newQuestion('q5', 'text'), title: '备注' },
    ]
    expect(codes(composeProblems(fields({ questions }), false, 0))).toEqual([
      'question-title@2',
      'option-blank@2',
      'options-repeat@2',
      'options-few@3',
      'options-repeat@4',
    ])
  })

  it('needs each link titled and pointing to an http(s) address', () => {
    const links = [
      { title: '安排', url: 'https://example.com/a' },
      { title: ' ', url: 'example.com' },
    ]
    expect(codes(composeProblems(fields({ links }), false, 0))).toEqual(['link-title@2', 'link-url@2'])
  })

  it('sends only to someone, and only at a time still to come; a draft needs neither', () => {
    const nobody = fields({ audience: { classIds: [] }, sendAt: 1000 })
    expect(composeProblems(nobody, false, 2000)).toEqual([])
    expect(codes(composeProblems(nobody, true, 2000))).toEqual(['no-recipients', 'send-at-past'])
    expect(composeProblems(fields({ audience: { wholeSchool: true }, sendAt: 3000 }), true, 2000)).toEqual([])
  })

  it('stores trimmed titles and options, no empty audience lists and no repeated ids', () => {
    const stored = storedFields(
      fields({
        title: ' 春游 ',
        links: [{ title: ' 安排 ', url: ' https://example.com ' }],
        questions: [{ id: 'q', type: 'single', title: ' 去吗 ', options: [' 去', '不去 '], required: true }],
        audience: { classIds: ['c1', 'c1'], studentIds: [], staffIds: ['t2'] },
        ccStaffIds: ['t1', 't1'],
      }),
    )
    expect(stored).toEqual({
      title: '春游',
      body: '<p>周五春游</p>',
      links: [{ title: '安排', url: 'https://example.com' }],
      questions: [{ id: 'q', type: 'single', title: '去吗', options: ['去', '不去'], required: true }],
      audience: { classIds: ['c1'], staffIds: ['t2'] },
      ccStaffIds: ['t1'],
    })
    expect(storedFields(fields({ sendAt: 5 })).sendAt).toBe(5)
  })
})

describe('the form builder', () => {
  it('starts choices with two empty options and other questions with none, required', () => {
    expect(newQuestion('a', 'single')).toEqual({
      id: 'a',
      type: 'single',
      title: '',
      required: true,
      options: ['', ''],
    })
    expect(newQuestion('b', 'attachment')).toEqual({ id: 'b', type: 'attachment', title: '', required: true })
  })

  it('keeps options between choice types and drops them for text or attachment', () => {
    const single = {
      id: 'a',
      type: 'single' as const,
      title: '去吗',
      options: ['去', '不去'],
      required: false,
    }
    expect(withType(single, 'multiple')).toEqual({ ...single, type: 'multiple' })
    expect(withType(single, 'text')).toEqual({ id: 'a', type: 'text', title: '去吗', required: false })
    expect(withType(withType(single, 'text'), 'single').options).toEqual(['', ''])
  })

  it('moves a question up or down, never out of the list', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b'])
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c'])
    expect(moved(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c'])
    expect(moved(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c'])
  })

  it('adds or removes the author from the CC list once', () => {
    expect(withCcSelf(['t2', 't1'], 't1', true)).toEqual(['t2', 't1'])
    expect(withCcSelf(['t2'], 't1', true)).toEqual(['t2', 't1'])
    expect(withCcSelf(['t1', 't2'], 't1', false)).toEqual(['t2'])
  })
})
