import { describe, expect, it } from 'vitest'
import { problemPart, problemsOf } from './problems.ts'

describe('problemPart', () => {
  it('shows stem problems by the stem and the rest by the type editor', () => {
    expect(problemPart({ code: 'emptyStem' })).toBe('stem')
    expect(problemPart({ code: 'imageNotListed', params: { sha256: 'x' } })).toBe('stem')
    expect(problemPart({ code: 'notExactlyOneCorrect', params: { count: 2 } })).toBe('content')
    expect(problemPart({ code: 'placeholderMismatch', params: { found: '—', expected: 1 } })).toBe('content')
  })

  it('filters a list by part, keeping the order', () => {
    const problems = [
      { code: 'blankOption' as const },
      { code: 'emptyStem' as const },
      { code: 'tooFewOptions' as const },
    ]
    expect(problemsOf(problems, 'content').map((p) => p.code)).toEqual(['blankOption', 'tooFewOptions'])
  })
})
