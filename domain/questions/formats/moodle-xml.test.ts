import { XMLParser } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { exportMoodleXml, parseMoodleXml } from './moodle-xml.ts'
import { codesOf, contents, errorsOf, questionOf, stored } from './testing.ts'
import type { QuestionContent } from './types.ts'

const quiz = (...questions: string[]) =>
  `<?xml version="1.0" encoding="UTF-8"?><quiz>${questions.join('')}</quiz>`
const question = (type: string, body: string, stem = '<p>Stem</p>') =>
  `<question type="${type}"><name><text>Q</text></name><questiontext format="html"><text><![CDATA[${stem}]]></text></questiontext>${body}</question>`
const answer = (fraction: number | string, text: string, feedback = '') =>
  `<answer fraction="${fraction}" format="html"><text>${text}</text><feedback format="html"><text>${feedback}</text></feedback></answer>`
const only = (xml: string) => {
  const result = parseMoodleXml(xml)
  expect(result.questions).toHaveLength(1)
  return { result, content: result.questions[0]?.content as QuestionContent }
}
const noBytes = async () => null

describe('parseMoodleXml per type', () => {
  it('reads a single-answer multichoice: the 100% option is correct, partial credit is reported', () => {
    const { result, content } = only(
      quiz(
        question(
          'multichoice',
          `<single>true</single>${answer(100, 'Yes')}${answer(50, 'Half')}${answer(0, 'No')}`,
        ),
      ),
    )
    expect(content.type).toBe('single_choice')
    expect(content.options?.map((o) => [o.text, o.correct])).toEqual([
      ['Yes', true],
      ['Half', false],
      ['No', false],
    ])
    expect(codesOf(result)).toEqual(['warning:partialCreditDropped'])
  })

  it('reads a multiple-answer multichoice: positive fractions are correct, negative ones wrong', () => {
    const { content } = only(
      quiz(
        question(
          'multichoice',
          `<single>false</single>${answer(50, 'a')}${answer(-100, 'b')}${answer(50, 'c')}`,
        ),
      ),
    )
    expect(content.type).toBe('multiple_choice')
    expect(content.options?.map((o) => o.correct)).toEqual([true, false, true])
  })

  it('reads true/false from the fraction of the “true” answer', () => {
    const { content } = only(quiz(question('truefalse', `${answer(0, 'true')}${answer(100, 'false')}`)))
    expect(content).toMatchObject({ type: 'true_false', answer: false })
  })

  it('reads matching and reports extra wrong answers it cannot carry', () => {
    const sub = (left: string, right: string) =>
      `<subquestion format="html"><text>${left}</text><answer><text>${right}</text></answer></subquestion>`
    const { result, content } = only(
      quiz(question('matching', sub('a', '1') + sub('b &amp; c', '2') + sub('', '3'))),
    )
    expect(content.pairs?.map((p) => [p.left, p.right])).toEqual([
      ['a', '1'],
      ['b & c', '2'],
    ])
    expect(codesOf(result)).toEqual(['warning:extraAnswersDropped'])
  })

  it('reads ordering answers in file order, or by their numbers when numbered', () => {
    const inOrder = only(
      quiz(question('ordering', `${answer(0, 'x')}${answer(0, 'y')}${answer(0, 'z')}`)),
    ).content
    const numbered = only(
      quiz(question('ordering', `${answer(3, 'z')}${answer(1, 'x')}${answer(2, 'y')}`)),
    ).content
    expect(inOrder.items?.map((i) => i.text)).toEqual(['x', 'y', 'z'])
    expect(numbered.items?.map((i) => i.text)).toEqual(['x', 'y', 'z'])
  })

  it('reads an essay as short answer with the grader information as reference answer', () => {
    const { content } = only(
      quiz(
        question(
          'essay',
          '<responseformat>editor</responseformat><attachments>0</attachments><graderinfo format="html"><text>&lt;p&gt;a&lt;/p&gt;&lt;p&gt;b&lt;/p&gt;</text></graderinfo>',
        ),
      ),
    )
    expect(content).toMatchObject({ type: 'short_answer', referenceAnswer: 'a\nb' })
  })

  it('reads an essay without inline text as attachment, clamping the number of files', () => {
    const essay = (attachments: number) =>
      question('essay', `<responseformat>noinline</responseformat><attachments>${attachments}</attachments>`)
    const result = parseMoodleXml(quiz(essay(3), essay(-1), essay(25)))
    expect(result.questions.map((q) => [q.content.type, q.content.maxFiles])).toEqual([
      ['attachment', 3],
      ['attachment', 10],
      ['attachment', 10],
    ])
    expect(codesOf(result)).toEqual(['warning:unlimitedFiles'])
  })

  it('reads Cloze blanks in place and refuses a Cloze with a choice', () => {
    const result = parseMoodleXml(
      quiz(question('multianswer', '', '<p>{1:SA:=a} and {2:MULTICHOICE:=b~c}</p>')),
    )
    expect(result.questions[0]?.content.stem).toBe('<p>{{1}} and {{2}}</p>')
    expect(errorsOf(result).map((e) => e.code)).toEqual(['clozeChoice'])
  })

  it('reads shortanswer and numerical as one blank after the stem', () => {
    const result = parseMoodleXml(
      quiz(
        question('shortanswer', `${answer(100, 'x')}${answer(50, 'y')}`),
        question('numerical', `<answer fraction="100"><text>2.5</text><tolerance>0.1</tolerance></answer>`),
      ),
    )
    expect(result.questions.map((q) => [q.content.stem, q.content.blanks?.map((b) => b.answers)])).toEqual([
      ['<p>Stem</p><p>{{1}}</p>', [['x']]],
      ['<p>Stem</p><p>{{1}}</p>', [['2.5']]],
    ])
    expect(codesOf(result)).toEqual(['warning:partialAnswersDropped', 'warning:toleranceDropped'])
  })

  it('refuses types it cannot carry and skips categories and descriptions with a warning', () => {
    const result = parseMoodleXml(
      quiz(
        '<question type="category"><category><text>$course$/top</text></category></question>',
        question('description', ''),
        question('ddmarker', ''),
        question('random', ''),
      ),
    )
    expect(result.questions).toEqual([])
    expect(codesOf(result)).toEqual([
      'warning:categorySkipped',
      'warning:descriptionSkipped',
      'error:unsupportedType',
      'error:unsupportedType',
    ])
    expect(result.issues[2]?.params).toEqual({ type: 'ddmarker' })
  })

  it('escapes a plain-text stem and keeps the explanation from the general feedback', () => {
    const { content } = only(
      quiz(
        `<question type="truefalse"><questiontext format="plain_text"><text>a &lt;b&gt; c</text></questiontext><generalfeedback format="html"><text>because &amp; so</text></generalfeedback>${answer(100, 'true')}</question>`,
      ),
    )
    expect(content.stem).toBe('<p>a &lt;b&gt; c</p>')
    expect(content.explanation).toBe('because & so')
  })

  it('reports images that are not embedded and leaves them out', () => {
    const { result, content } = only(
      quiz(
        question(
          'truefalse',
          answer(100, 'true'),
          '<p>x<img src="@@PLUGINFILE@@/none.png"><img src="http://e.com/a.png"></p>',
        ),
      ),
    )
    expect(content.stem).toBe('<p>x</p>')
    expect(codesOf(result)).toEqual(['warning:imageMissing', 'warning:imageMissing'])
  })

  it('checks each question against the rules', () => {
    const result = parseMoodleXml(
      quiz(question('multichoice', `<single>true</single>${answer(0, 'a')}${answer(0, 'b')}`)),
    )
    expect(errorsOf(result).map((e) => [e.code, e.position])).toEqual([
      ['rule.notExactlyOneCorrect', 'question 1 “Q”'],
    ])
  })

  it('gives a clear error, never throws, for malformed XML and a file that is not Moodle XML', () => {
    expect(parseMoodleXml('<quiz><question></quiz>').issues).toEqual([
      expect.objectContaining({ level: 'error', code: 'malformedXml', position: 'file, line 1' }),
    ])
    expect(codesOf(parseMoodleXml('<html><body/></html>'))).toEqual(['error:notMoodleXml'])
    expect(codesOf(parseMoodleXml(''))).toEqual(['error:malformedXml'])
  })
})

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false })
type Node = Record<string, unknown>
async function exported(content: QuestionContent, extra = {}) {
  const result = await exportMoodleXml([questionOf(content, extra)], noBytes)
  return { result, node: (xml.parse(result.text) as { quiz: { question: Node } }).quiz.question }
}

describe('exportMoodleXml per type', () => {
  const stem = '<p>Stem</p>'
  const options = [
    { id: '1', text: 'a', correct: true },
    { id: '2', text: 'b', correct: false },
    { id: '3', text: 'c', correct: true },
    { id: '4', text: 'd', correct: false },
  ]
  const fractions = (node: Node) => (node.answer as unknown as Node[]).map((a) => a['@_fraction'])

  it('writes single choice with one 100% option', async () => {
    const { node } = await exported({ type: 'single_choice', stem, options: options.slice(0, 2) })
    expect(node['@_type']).toBe('multichoice')
    expect(node.single).toBe('true')
    expect(fractions(node)).toEqual(['100', '0'])
  })

  it('writes multiple choice as 100/n for correct and -100/m for wrong options', async () => {
    const { node } = await exported({ type: 'multiple_choice', stem, options })
    expect(node.single).toBe('false')
    expect(fractions(node)).toEqual(['50', '-50', '50', '-50'])
    const three = await exported({
      type: 'multiple_choice',
      stem,
      options: options.map((o) => ({ ...o, correct: o.id !== '4' })),
    })
    expect(fractions(three.node)).toEqual(['33.33333', '33.33333', '33.33333', '-100'])
  })

  it('writes true/false, matching, ordering, essay and attachment', async () => {
    expect(fractions((await exported({ type: 'true_false', stem, answer: false })).node)).toEqual([
      '0',
      '100',
    ])
    const matching = (
      await exported({ type: 'matching', stem, pairs: [{ id: 'p', left: 'x & y', right: 'z < w' }] })
    ).node
    expect(matching.subquestion).toEqual({ '@_format': 'html', text: 'x &amp; y', answer: { text: 'z < w' } })
    const ordering = (
      await exported({
        type: 'ordering',
        stem,
        items: [
          { id: 'i', text: 'one' },
          { id: 'j', text: 'two' },
        ],
      })
    ).node
    expect([ordering.layouttype, ordering.selecttype, fractions(ordering)]).toEqual([
      'VERTICAL',
      'ALL',
      ['1', '2'],
    ])
    const essay = (await exported({ type: 'short_answer', stem, referenceAnswer: 'model\nanswer' })).node
    expect([essay['@_type'], essay.responseformat, essay.attachments]).toEqual(['essay', 'editor', '0'])
    expect(essay.graderinfo).toEqual({ '@_format': 'html', text: '<p>model</p><p>answer</p>' })
    const upload = (await exported({ type: 'attachment', stem, maxFiles: 4 })).node
    expect([upload.responseformat, upload.attachments, upload.attachmentsrequired]).toEqual([
      'noinline',
      '4',
      '1',
    ])
  })

  it('writes fill-in-the-blank as Cloze with escaped answers', async () => {
    const { node } = await exported({
      type: 'fill_blank',
      stem: '<p>{{1}} then {{2}}</p>',
      blanks: [
        { id: 'a', answers: ['x', 'y}z'] },
        { id: 'b', answers: ['1/2'] },
      ],
    })
    expect(node['@_type']).toBe('multianswer')
    expect((node.questiontext as Node).text).toBe(
      '<p>{1:SHORTANSWER:=x~=y\\}z} then {1:SHORTANSWER:=1\\/2}</p>',
    )
  })

  it('keeps ]]> inside text and writes the explanation as general feedback', async () => {
    const { result, node } = await exported({
      type: 'true_false',
      stem: '<p>a ]]&gt; b ]]> c</p>',
      answer: true,
      explanation: 'why ]]> so',
    })
    expect((node.questiontext as Node).text).toBe('<p>a ]]&gt; b ]]> c</p>')
    expect((node.generalfeedback as Node).text).toBe('<p>why ]]&gt; so</p>')
    expect(parseMoodleXml(result.text).questions[0]?.content.explanation).toBe('why ]]> so')
  })

  it('reports attachments and unavailable images, exporting the question anyway', async () => {
    const sha = 'f'.repeat(64)
    const ref = { sha256: sha, name: 'x.pdf', size: 1, mime: 'application/pdf' }
    const { result } = await exported(
      { type: 'true_false', stem: `<p>a<img data-blob="${sha}" alt=""></p>`, answer: true },
      { attachments: [ref], images: [{ ...ref, name: 'x.png', mime: 'image/png' }] },
    )
    expect(result.skipped.map((s) => s.code)).toEqual(['imageUnavailable', 'attachmentsDropped'])
    expect(parseMoodleXml(result.text).questions[0]?.content.stem).toBe('<p>a</p>')
  })

  it('round-trips every type through Moodle XML', async () => {
    const questions = [
      questionOf({
        type: 'single_choice',
        stem,
        options: options.map((o) => ({ ...o, correct: o.id === '2' })),
        explanation: 'e\nf',
      }),
      questionOf({ type: 'multiple_choice', stem: '<p>a &amp; "b"</p><ul><li>x</li></ul>', options }),
      questionOf({ type: 'true_false', stem, answer: true }),
      questionOf({
        type: 'matching',
        stem,
        pairs: [
          { id: 'p', left: 'l1', right: 'r1' },
          { id: 'q', left: 'l2', right: 'r2' },
        ],
      }),
      questionOf({
        type: 'ordering',
        stem,
        items: [
          { id: 'i', text: '1' },
          { id: 'j', text: '2' },
        ],
      }),
      questionOf({ type: 'short_answer', stem, referenceAnswer: 'ref' }),
      questionOf({ type: 'attachment', stem, maxFiles: 2 }),
      questionOf({
        type: 'fill_blank',
        stem: '<p>{{1}} {{2}}</p>',
        blanks: [
          { id: 'a', answers: ['~#'] },
          { id: 'b', answers: ['x', 'y'] },
        ],
      }),
    ]
    const { text } = await exportMoodleXml(questions, noBytes)
    const back = parseMoodleXml(text)
    expect(back.issues).toEqual([])
    expect(contents((await stored(back)).questions)).toEqual(contents(questions))
  })
})
