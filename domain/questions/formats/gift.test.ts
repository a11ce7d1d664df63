import { describe, expect, it } from 'vitest'
import { exportGift, parseGift } from './gift.ts'
import { codesOf, contents, errorsOf, questionOf, stored } from './testing.ts'
import type { QuestionContent } from './types.ts'

const only = (text: string) => {
  const result = parseGift(text)
  expect(result.questions).toHaveLength(1)
  return { result, content: result.questions[0]?.content as QuestionContent }
}
const answers = (content: QuestionContent) => content.options?.map((o) => [o.text, o.correct])

describe('parseGift per construct', () => {
  it('reads single choice, with a title', () => {
    const { result } = only("::Tomb::Who is buried in Grant's tomb?{~his wife =Grant ~no one}")
    expect(result.questions[0]?.name).toBe('Tomb')
    expect(result.questions[0]?.content.stem).toBe("<p>Who is buried in Grant's tomb?</p>")
    expect(answers(only("::Tomb::Who is buried in Grant's tomb?{~his wife =Grant ~no one}").content)).toEqual(
      [
        ['his wife', false],
        ['Grant', true],
        ['no one', false],
      ],
    )
  })

  it('reads weighted answers as multiple choice: every positive weight is correct', () => {
    const { content } = only('Pick two {~%50%a ~%50%b ~%-100%c}')
    expect(content.type).toBe('multiple_choice')
    expect(answers(content)).toEqual([
      ['a', true],
      ['b', true],
      ['c', false],
    ])
  })

  it('reads true/false in all spellings', () => {
    const types = ['{T}', '{TRUE}', '{F}', '{false}'].map((block) => only(`Q ${block}`).content.answer)
    expect(types).toEqual([true, true, false, false])
  })

  it('reads matching', () => {
    const { content } = only('Match {=a -> 1 =b -> 2 =c -> 3}')
    expect(content.pairs?.map((p) => [p.left, p.right])).toEqual([
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ])
  })

  it('reads a short-answer block at the end as a blank after the stem, in the middle as a blank in place', () => {
    expect(only('Capital? {=Paris =paris}').content).toMatchObject({
      type: 'fill_blank',
      stem: '<p>Capital?</p><p>{{1}}</p>',
      blanks: [{ answers: ['Paris', 'paris'] }],
    })
    expect(only('Two plus {=two =2} equals four.').content.stem).toBe('<p>Two plus {{1}} equals four.</p>')
  })

  it('reads {} as a short-answer (essay) question and choices in the middle with a gap', () => {
    expect(only('Write an essay. {}').content.type).toBe('short_answer')
    expect(only('The {~red =blue} sky.').content.stem).toBe('<p>The _____ sky.</p>')
  })

  it('reads exact numerical answers and refuses ranges and tolerances', () => {
    expect(only('Year? {#1822}').content.blanks?.[0]?.answers).toEqual(['1822'])
    expect(only('Year? {#=1822:0 =%50%1821:1}').result.issues.map((i) => i.code)).toEqual([
      'partialAnswersDropped',
    ])
    for (const block of ['{#3.14:0.01}', '{#1..5}']) {
      expect(errorsOf(parseGift(`Pi? ${block}`)).map((e) => e.code)).toEqual(['unsupportedNumerical'])
    }
  })

  it('drops answer feedback with a warning and keeps the general feedback as explanation', () => {
    const { result, content } = only('Q {=a#right ~b#wrong ####Because\\nof this}')
    expect(content.explanation).toBe('Because\nof this')
    expect(codesOf(result)).toEqual(['warning:feedbackDropped'])
  })

  it('unescapes special characters', () => {
    const { content } = only('a \\~ b \\= c \\# d \\{ e \\} f \\: g \\\\ h {=x\\=y ~p\\~q}')
    expect(content.stem).toBe('<p>a ~ b = c # d { e } f : g \\ h</p>')
    expect(answers(content)).toEqual([
      ['x=y', true],
      ['p~q', false],
    ])
  })

  it('reads [html] stems through the sanitiser and plain ones as escaped text', () => {
    expect(only('[html]<p>A <b>b</b><script>x</script></p>{T}').content.stem).toBe(
      '<p>A <strong>b</strong></p>',
    )
    expect(only('[plain]a <b> c{T}').content.stem).toBe('<p>a &lt;b&gt; c</p>')
    expect(only('::t::[markdown]a{T}').content.stem).toBe('<p>a</p>')
  })

  it('skips comments, categories and descriptions; keeps multi-line questions', () => {
    const result = parseGift(
      '// comment\n$CATEGORY: top/x\n\nJust text.\n\nLine one\nline two\n// inside\n{T}\n',
    )
    expect(codesOf(result)).toEqual(['warning:categorySkipped', 'warning:descriptionSkipped'])
    expect(result.questions.map((q) => [q.position, q.content.stem])).toEqual([
      ['line 6', '<p>Line one</p><p>line two</p>'],
    ])
  })

  it('reports an unclosed brace with its line, never throws', () => {
    const result = parseGift('Fine {T}\n\nBroken\n{=a\n~b\n')
    expect(result.questions).toHaveLength(1)
    expect(result.issues).toEqual([
      expect.objectContaining({ level: 'error', code: 'unclosedBrace', position: 'line 4' }),
    ])
  })
})

describe('exportGift', () => {
  const tricky = 'a ~ b = c # d { e } f : g \\ h & <i>'
  const questions = [
    questionOf({
      type: 'single_choice',
      stem: `<p>${tricky.replace('&', '&amp;').replace('<i>', '&lt;i&gt;')}</p>`,
      explanation: `why ${tricky}\nsecond line`,
      options: [
        { id: '1', text: tricky, correct: true },
        { id: '2', text: 'plain', correct: false },
      ],
    }),
    questionOf({
      type: 'multiple_choice',
      stem: '<p><strong>bold</strong> and <em>em</em></p>',
      options: [
        { id: '1', text: 'x', correct: true },
        { id: '2', text: 'y', correct: false },
        { id: '3', text: 'z', correct: false },
      ],
    }),
    questionOf({ type: 'true_false', stem: '<p>t</p>', answer: false }),
    questionOf({
      type: 'matching',
      stem: '<p>m</p>',
      pairs: [
        { id: 'a', left: 'l:1', right: 'r=1' },
        { id: 'b', left: 'l2', right: 'r2' },
      ],
    }),
    questionOf({ type: 'short_answer', stem: '<p>s</p>' }),
    questionOf({
      type: 'fill_blank',
      stem: '<p>In {{1}} place</p>',
      blanks: [{ id: 'a', answers: ['x', 'y#z'] }],
    }),
    questionOf({
      type: 'fill_blank',
      stem: '<p>At the end</p><p>{{1}}</p>',
      blanks: [{ id: 'a', answers: ['w'] }],
    }),
  ]

  it('gives back the same content when parsed', async () => {
    const { text, skipped } = exportGift(questions)
    expect(skipped).toEqual([])
    const back = parseGift(text)
    expect(back.issues).toEqual([])
    expect(contents((await stored(back)).questions)).toEqual(contents(questions))
  })

  it('escapes special characters', () => {
    const { text } = exportGift(questions.slice(0, 1))
    expect(text).toContain('=a \\~ b \\= c \\# d \\{ e \\} f \\: g \\\\ h &amp; &lt;i&gt;')
  })

  it('leaves out what GIFT cannot carry and says why', () => {
    const sha = 'a'.repeat(64)
    const { text, skipped } = exportGift([
      questionOf({
        type: 'ordering',
        stem: '<p>o</p>',
        items: [
          { id: 'i', text: '1' },
          { id: 'j', text: '2' },
        ],
      }),
      questionOf({ type: 'attachment', stem: '<p>a</p>', maxFiles: 1 }),
      questionOf({
        type: 'fill_blank',
        stem: '<p>{{1}}{{2}}</p>',
        blanks: [
          { id: 'a', answers: ['1'] },
          { id: 'b', answers: ['2'] },
        ],
      }),
      questionOf({
        type: 'short_answer',
        stem: `<p>img<img data-blob="${sha}" alt=""></p>`,
        referenceAnswer: 'r',
      }),
    ])
    expect(skipped.map((s) => s.code)).toEqual([
      'unsupportedType',
      'unsupportedType',
      'tooManyBlanks',
      'imageDropped',
      'referenceAnswerDropped',
    ])
    expect(parseGift(text).questions.map((q) => q.content.stem)).toEqual(['<p>img</p>'])
  })
})
