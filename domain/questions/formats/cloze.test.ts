import { describe, expect, it } from 'vitest'
import { clozeSubquestion, parseCloze } from './cloze.ts'

describe('parseCloze', () => {
  it('turns short-answer and numerical subquestions into numbered blanks', () => {
    const parsed = parseCloze('<p>{1:SHORTANSWER:=Paris~=paris} and {2:SA:%100%Seine} and {1:NM:=56:0}</p>')
    expect(parsed.text).toBe('<p>{{1}} and {{2}} and {{3}}</p>')
    expect(parsed.blanks).toEqual([['Paris', 'paris'], ['Seine'], ['56']])
    expect(parsed.findings).toEqual([])
  })

  it('accepts only full-mark answers and reports dropped partial answers, feedback and tolerance', () => {
    const parsed = parseCloze('{1:MW:=right#well done~%50%half~wrong} {1:NUMERICAL:=3.14:0.01}')
    expect(parsed.blanks).toEqual([['right'], ['3.14']])
    expect(parsed.findings.map((f) => f.code)).toEqual([
      'partialAnswersDropped',
      'feedbackDropped',
      'toleranceDropped',
    ])
  })

  it('refuses choice subquestions', () => {
    const parsed = parseCloze('{1:MULTICHOICE:=a~b} {2:MCV:=c~d}')
    expect(parsed.findings.filter((f) => f.level === 'error').map((f) => f.params?.type)).toEqual([
      'MULTICHOICE',
      'MCV',
    ])
  })

  it('unescapes } # ~ / " \\ and decodes entities', () => {
    const parsed = parseCloze('{1:SA:=a\\}b\\#c\\~d\\/e\\"f\\\\g &amp; h}')
    expect(parsed.blanks).toEqual([['a}b#c~d/e"f\\g & h']])
  })
})

describe('clozeSubquestion', () => {
  it('writes each accepted answer with full marks, escaped, and reads back the same', () => {
    const answers = ['a}b', 'c#d~e', 'f/g"h\\i', 'x < y & z']
    const written = clozeSubquestion(answers)
    expect(written).toBe('{1:SHORTANSWER:=a\\}b~=c\\#d\\~e~=f\\/g\\"h\\\\i~=x &lt; y &amp; z}')
    expect(parseCloze(written).blanks).toEqual([answers])
  })
})
