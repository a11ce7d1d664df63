import { describe, expect, it } from 'vitest'
import { createQuestionIndex, defaultQuestionFilter, searchTerms, type QuestionFilter } from './filter.ts'
import { question } from './testing.ts'
import type { Question } from './types.ts'

const oxygen = question({
  id: 'oxygen',
  stem: '<p>氧气的<strong>分子</strong>结构</p>',
  subjectId: 'chemistry',
  status: 'published',
  createdAt: 300,
  options: [
    { id: 'a', text: 'O<sub>2</sub> Molecule', correct: true },
    { id: 'b', text: 'O3', correct: false },
  ],
})
const dog = question({
  id: 'dog',
  stem: '<p>Which word means &quot;dog&quot;?</p>',
  subjectId: 'english',
  authorId: 't2',
  createdAt: 200,
  options: [
    { id: 'a', text: 'Hund', correct: true },
    { id: 'b', text: 'Katze', correct: false },
  ],
})
const poems = question({
  id: 'poems',
  type: 'matching',
  stem: '<p>请将下列古诗配对</p>',
  subjectId: 'chinese',
  status: 'published',
  createdAt: 100,
  options: undefined,
  pairs: [
    { id: 'p1', left: '床前明月光', right: '疑是地上霜' },
    { id: 'p2', left: '举头望明月', right: '低头思故乡' },
  ],
  explanation: '李白《静夜思》',
})
const all = [poems, dog, oxygen]

function ids(questions: readonly Question[], changes: Partial<QuestionFilter>): string[] {
  return createQuestionIndex()
    .filter(questions, { ...defaultQuestionFilter(), ...changes })
    .map((q) => q.id)
}

describe('createQuestionIndex().filter', () => {
  it('lists every question newest first when nothing is set', () => {
    expect(ids(all, {})).toEqual(['oxygen', 'dog', 'poems'])
  })

  it('filters by subject, type, author and status, all together', () => {
    expect(ids(all, { subjectId: 'english' })).toEqual(['dog'])
    expect(ids(all, { type: 'matching' })).toEqual(['poems'])
    expect(ids(all, { authorId: 't2' })).toEqual(['dog'])
    expect(ids(all, { status: 'published' })).toEqual(['oxygen', 'poems'])
    expect(ids(all, { status: 'published', subjectId: 'english' })).toEqual([])
  })

  it('searches the stem as text: tags dropped, entities decoded, case ignored', () => {
    expect(ids(all, { text: 'WORD "DOG"' })).toEqual(['dog'])
    expect(ids(all, { text: 'strong' })).toEqual([])
  })

  it('matches Chinese as substrings, every term required (AND)', () => {
    expect(ids(all, { text: '分子' })).toEqual(['oxygen'])
    expect(ids(all, { text: '氧气 结构' })).toEqual(['oxygen'])
    expect(ids(all, { text: '氧气 古诗' })).toEqual([])
    expect(ids(all, { text: '氧气　结构' })).toEqual(['oxygen'])
  })

  it('searches options and both sides of matching pairs, not the explanation', () => {
    expect(ids(all, { text: 'hund' })).toEqual(['dog'])
    expect(ids(all, { text: 'molecule' })).toEqual(['oxygen'])
    expect(ids(all, { text: '思故乡' })).toEqual(['poems'])
    expect(ids(all, { text: '静夜思' })).toEqual([])
  })

  it('does not match a term across two options', () => {
    expect(ids(all, { text: 'hundkatze' })).toEqual([])
  })

  it('folds full-width letters and digits', () => {
    expect(ids(all, { text: 'ＨＵＮＤ' })).toEqual(['dog'])
  })

  it('hides superseded versions unless asked for older versions', () => {
    const v1 = question({ id: 'v1', lineageId: 'v1', status: 'published', createdAt: 1 })
    const v2 = question({ id: 'v2', lineageId: 'v1', version: 2, status: 'published', createdAt: 2 })
    expect(ids([v1, v2], {})).toEqual(['v2'])
    expect(ids([v1, v2], { latestOnly: false })).toEqual(['v2', 'v1'])
  })

  it('follows a changed document: a new object is indexed anew', () => {
    const index = createQuestionIndex()
    const filter = { ...defaultQuestionFilter(), text: 'hund' }
    expect(index.filter(all, filter)).toHaveLength(1)
    const renamed = { ...dog, options: [{ id: 'a', text: 'Chien', correct: true }] }
    expect(index.filter([poems, renamed, oxygen], filter)).toHaveLength(0)
    expect(index.filter(all, filter)).toHaveLength(1)
  })

  it('gives the stem as plain text for lists', () => {
    expect(createQuestionIndex().title(oxygen)).toBe('氧气的分子结构')
  })
})

describe('searchTerms', () => {
  it('splits on any whitespace and drops empty terms', () => {
    expect(searchTerms('  Foo \t 数学　题 ')).toEqual(['foo', '数学', '题'])
    expect(searchTerms(undefined)).toEqual([])
  })
})

describe('createQuestionIndex().superseded', () => {
  it('names the versions a newer published one replaces', () => {
    const v1 = question({ id: 'v1', lineageId: 'v1', status: 'published' })
    const v2 = question({ id: 'v2', lineageId: 'v1', version: 2, status: 'published' })
    expect([...createQuestionIndex().superseded([v1, v2])]).toEqual(['v1'])
  })

  it('orders questions created at the same moment by id, whatever the list order', () => {
    const a = question({ id: 'a', createdAt: 5 })
    const b = question({ id: 'b', createdAt: 5 })
    expect(ids([b, a], {})).toEqual(['a', 'b'])
  })
})

describe('createQuestionIndex().title', () => {
  it('draws the blanks of a fill-in stem as ___', () => {
    const fill = question({ type: 'fill_blank', stem: '<p>2+2=({{1}})，3+3=({{2}})</p>' })
    expect(createQuestionIndex().title(fill)).toBe('2+2=(___)，3+3=(___)')
  })
})
