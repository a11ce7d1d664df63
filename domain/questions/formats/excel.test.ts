import { describe, expect, it } from 'vitest'
import { FORMAT_LOCALES } from '../../org/import/columns.ts'
import { blanksOfText, parseQuestionRows, questionRows, templateRows } from './excel.ts'
import { contents, errorsOf, questionOf, stored } from './testing.ts'

const HEADER = [
  '题型*',
  '科目',
  '题目*',
  '选项A',
  '选项B',
  '选项C',
  '选项D',
  '选项E',
  '选项F',
  '选项G',
  '选项H',
  '答案',
  '解析',
]
const row = (
  type: string,
  stem: string,
  options: string[] = [],
  answer = '',
  subject = '',
  explanation = '',
) => [type, subject, stem, ...Array.from({ length: 8 }, (_, i) => options[i] ?? ''), answer, explanation]
const SUBJECTS = ['数学', '语文']

describe('parseQuestionRows', () => {
  it('reads every type from rows with names in any language or as codes', () => {
    const result = parseQuestionRows(
      [
        HEADER,
        row('单选', '1+1=?', ['1', '2'], 'B', '数学', '因为'),
        row('多選題', 'Even?', ['2', '3', '4'], 'A、C'),
        row('ordering', 'Order', ['a', 'b', 'c']),
        row('简答题', 'Essay', [], 'model answer'),
        row('True/False', 'Sky is blue', [], '√'),
        row('附件上传题', 'Upload', [], '3'),
        row('连线', 'Match', ['a -> 1', 'b → 2']),
        row('fill_blank', '（ ） plus ____ is (  )', [], '1；2｜two;3'),
      ],
      SUBJECTS,
    )
    expect(errorsOf(result)).toEqual([])
    const [single, multiple, ordering, short, trueFalse, upload, matching, fill] = result.questions.map(
      (q) => q.content,
    )
    expect(result.questions[0]).toMatchObject({ position: 'row 2', subjectName: '数学' })
    expect(single?.options?.map((o) => o.correct)).toEqual([false, true])
    expect(single?.explanation).toBe('因为')
    expect(multiple?.options?.map((o) => o.correct)).toEqual([true, false, true])
    expect(ordering?.items?.map((i) => i.text)).toEqual(['a', 'b', 'c'])
    expect(short).toMatchObject({ type: 'short_answer', referenceAnswer: 'model answer' })
    expect(trueFalse).toMatchObject({ type: 'true_false', answer: true })
    expect(upload).toMatchObject({ type: 'attachment', maxFiles: 3 })
    expect(matching?.pairs?.map((p) => [p.left, p.right])).toEqual([
      ['a', '1'],
      ['b', '2'],
    ])
    expect(fill?.stem).toBe('<p>{{1}} plus {{2}} is {{3}}</p>')
    expect(fill?.blanks?.map((b) => b.answers)).toEqual([['1'], ['2', 'two'], ['3']])
  })

  it('reports each problem with its row and column, the rules included', () => {
    const result = parseQuestionRows(
      [
        ['Question bank'],
        HEADER,
        row('essay question', 'What?'),
        row('单选', '', ['a', 'b'], 'A'),
        row('单选', 'Pick', ['a', '', 'c'], 'E'),
        row('判断', 'T?', [], 'maybe'),
        row('附件', 'Up', [], '11'),
        row('配对', 'M', ['a = 1', 'b -> 2']),
        row('单选', 'Which', ['a', 'b'], 'A', '物理'),
        row('多选', 'Which', ['a', 'a'], ''),
        row('填空', 'Fill ____ and ____', [], 'x'),
        [],
        row('判断', 'Fine', ['stray'], 'F'),
      ],
      SUBJECTS,
    )
    const found = result.issues.map((i) => `${i.position} ${i.level}:${i.code} ${i.params?.column ?? ''}`)
    expect(found).toEqual([
      'row 3 error:invalidType 题型*',
      'row 4 error:required 题目*',
      'row 5 error:optionGap 选项C',
      'row 5 error:invalidAnswer 答案',
      'row 6 error:invalidTrueFalse 答案',
      'row 7 error:invalidMaxFiles 答案',
      'row 8 error:invalidPair 选项A',
      'row 9 error:unknownSubject 科目',
      'row 13 warning:ignoredColumn 选项A',
      'row 4 error:rule.emptyStem ',
      'row 5 error:rule.blankOption ',
      'row 5 error:rule.notExactlyOneCorrect ',
      'row 6 error:rule.missingAnswer ',
      'row 7 error:rule.missingMaxFiles ',
      'row 8 error:rule.incompletePair ',
      'row 10 error:rule.duplicateOption ',
      'row 10 error:rule.noCorrectOption ',
      'row 11 error:rule.placeholderMismatch ',
    ])
    expect(result.issues[0]?.message).toBe('row 3, column 题型*: “essay question” is not a question type')
  })

  it('reports a missing header or column for the file', () => {
    expect(parseQuestionRows([['a', 'b']]).issues.map((i) => i.code)).toEqual(['noHeader'])
    const missing = parseQuestionRows([['Type', 'Answer']])
    expect(missing.issues.map((i) => [i.position, i.code, i.params?.column])).toEqual([
      ['header', 'missingColumn', 'Question'],
    ])
  })
})

describe('blanksOfText', () => {
  it('keeps {{n}} as written, else numbers ___ and empty brackets in order', () => {
    expect(blanksOfText('{{2}} and {{1}} ____')).toBe('{{2}} and {{1}} ____')
    expect(blanksOfText('a ___ b （） c ( ) d __')).toBe('a {{1}} b {{2}} c {{3}} d __')
  })
})

describe('template and export', () => {
  it('has a header and one example per type that imports without an error, in every language', () => {
    for (const locale of FORMAT_LOCALES) {
      const table = templateRows(locale)
      expect(table.rows).toHaveLength(8)
      const result = parseQuestionRows([table.columns.map((c) => c.header), ...table.rows])
      expect(errorsOf(result)).toEqual([])
      expect(new Set(result.questions.map((q) => q.content.type)).size).toBe(8)
    }
  })

  it('exports questions as rows that read back to the same content', async () => {
    const questions = [
      questionOf({
        type: 'single_choice',
        stem: '<p>one</p><p>two</p>',
        explanation: 'e',
        options: [
          { id: 'a', text: 'x', correct: false },
          { id: 'b', text: 'y', correct: true },
        ],
      }),
      questionOf({
        type: 'multiple_choice',
        stem: '<p>m</p>',
        options: [
          { id: 'a', text: 'x', correct: true },
          { id: 'b', text: 'y', correct: true },
        ],
      }),
      questionOf({
        type: 'ordering',
        stem: '<p>o</p>',
        items: [
          { id: 'a', text: '1' },
          { id: 'b', text: '2' },
        ],
      }),
      questionOf({ type: 'short_answer', stem: '<p>s</p>', referenceAnswer: 'r' }),
      questionOf({ type: 'true_false', stem: '<p>t</p>', answer: false }),
      questionOf({ type: 'attachment', stem: '<p>a</p>', maxFiles: 5 }),
      questionOf({
        type: 'matching',
        stem: '<p>p</p>',
        pairs: [
          { id: 'a', left: 'l', right: 'r' },
          { id: 'b', left: 'm', right: 'n' },
        ],
      }),
      questionOf({
        type: 'fill_blank',
        stem: '<p>{{1}} x {{2}}</p>',
        blanks: [
          { id: 'a', answers: ['1', 'one'] },
          { id: 'b', answers: ['2'] },
        ],
      }),
    ]
    for (const locale of FORMAT_LOCALES) {
      const table = questionRows(questions, () => '数学', locale)
      expect(table.skipped).toEqual([])
      const back = parseQuestionRows([table.columns.map((c) => c.header), ...table.rows], SUBJECTS)
      expect(back.issues).toEqual([])
      expect(contents((await stored(back)).questions)).toEqual(contents(questions))
    }
  })

  it('leaves out questions with more options than columns and reports dropped images', () => {
    const options = Array.from({ length: 9 }, (_, i) => ({ id: `${i}`, text: `o${i}`, correct: i === 0 }))
    const table = questionRows(
      [
        questionOf({ type: 'single_choice', stem: '<p>many</p>', options }),
        questionOf({
          type: 'true_false',
          stem: `<p>x<img data-blob="${'a'.repeat(64)}" alt=""></p>`,
          answer: true,
        }),
      ],
      () => '',
    )
    expect(table.skipped.map((s) => s.code)).toEqual(['tooManyOptions', 'imageDropped'])
    expect(table.rows.map((r) => r[2])).toEqual(['x'])
  })
})
