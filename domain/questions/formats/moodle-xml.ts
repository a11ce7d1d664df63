/**
 * Moodle XML (https://docs.moodle.org/en/Moodle_XML_format): every one of our types is carried; Moodle types
 * we have no equivalent of are errors (an import is all or nothing), categories and descriptions warnings.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { mimeOf } from '../../blobs/mime.ts'
import { stemText, textToStem } from '../stem.ts'
import type { Question } from '../types.ts'
import { clozeSubquestion, parseCloze } from './cloze.ts'
import {
  base64ToBytes,
  blank,
  issue,
  item,
  option,
  pair,
  questionName,
  withRuleIssues,
  type Skipped,
} from './common.ts'
import { decodeHtmlText, escapeText, htmlToPlain, sanitizeStemHtml, type Attributes } from './html.ts'
import { exportableStem } from './images.ts'
import type {
  BlobBytes,
  ExportResult,
  ImportedFile,
  IssueLevel,
  ParsedQuestion,
  ParseIssue,
  ParseResult,
  QuestionContent,
} from './types.ts'

type XmlNode = Record<string, unknown>

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  isArray: (name) => ['question', 'answer', 'subquestion', 'file'].includes(name),
})

const PLUGINFILE = '@@PLUGINFILE@@/'
const FULL_MARKS = 100
const MAX_FILES = 10
const SKIPPED_TYPES = new Set(['category', 'description'])

function textOf(node: unknown): string {
  if (node === undefined || node === null) return ''
  if (typeof node !== 'object') return String(node)
  if (Array.isArray(node)) return textOf(node[0])
  const record = node as XmlNode
  return textOf('text' in record ? record.text : record['#text'])
}

const listOf = (node: unknown): XmlNode[] => (Array.isArray(node) ? (node as XmlNode[]) : [])
const child = (node: XmlNode, name: string): XmlNode => {
  const value = node[name]
  return typeof value === 'object' && value !== null ? (value as XmlNode) : { text: value ?? '' }
}
const attribute = (node: XmlNode, name: string) => String(node[`@_${name}`] ?? '')
const fraction = (answer: XmlNode) => Number(attribute(answer, 'fraction') || 0)

/** The plain text of a text element (options, items, pairs): HTML stripped and entities decoded. */
function plainOf(node: XmlNode): string {
  const text = textOf(node)
  return attribute(node, 'format') === 'plain_text' ? text.trim() : decodeHtmlText(text)
}

/** Longer texts (feedback, grader information) keep their line breaks. */
function paragraphsOf(node: XmlNode): string {
  const text = textOf(node)
  return attribute(node, 'format') === 'plain_text' ? text.trim() : htmlToPlain(text)
}

class QuestionReader {
  readonly issues: ParseIssue[] = []
  readonly files: ImportedFile[] = []
  readonly node: XmlNode
  readonly position: string

  constructor(node: XmlNode, position: string) {
    this.node = node
    this.position = position
  }

  report(level: IssueLevel, code: string, message: string, params?: ParseIssue['params']): void {
    this.issues.push(issue(this.position, level, code, `${this.position}: ${message}`, params))
  }

  /** Each warning once per question (every answer may have feedback). */
  reportOnce(level: IssueLevel, code: string, message: string): void {
    if (!this.issues.some((found) => found.code === code)) this.report(level, code, message)
  }

  answers(): XmlNode[] {
    const answers = listOf(this.node.answer)
    if (answers.some((answer) => textOf(answer.feedback).trim() !== '')) {
      this.reportOnce('warning', 'feedbackDropped', 'answer feedback is not carried')
    }
    return answers
  }

  value(name: string): string {
    return textOf(this.node[name]).trim()
  }

  /** The stem as sanitised HTML, its `@@PLUGINFILE@@` images as `data-file` with their embedded bytes. */
  stem(transform: (text: string) => string = (text) => text): string {
    const questiontext = child(this.node, 'questiontext')
    const text = transform(textOf(questiontext))
    const format = attribute(questiontext, 'format') || 'html'
    if (format === 'plain_text' || format === 'markdown') return textToStem(text)
    const embedded = this.embeddedFiles(questiontext)
    return sanitizeStemHtml(text, (attributes) => this.image(attributes, embedded))
  }

  private embeddedFiles(questiontext: XmlNode): Map<string, Uint8Array> {
    const files = new Map<string, Uint8Array>()
    for (const file of listOf(questiontext.file)) {
      const name = attribute(file, 'name')
      try {
        files.set(name, base64ToBytes(textOf(file)))
      } catch {
        this.report('error', 'badFile', `the embedded file “${name}” is not valid base64`, { name })
      }
    }
    return files
  }

  private image(attributes: Attributes, embedded: Map<string, Uint8Array>): Attributes | null {
    const src = attributes.src ?? ''
    const name = src.startsWith(PLUGINFILE) ? safeDecode(src.slice(src.lastIndexOf('/') + 1)) : ''
    const bytes = embedded.get(name)
    if (!bytes) {
      this.report('warning', 'imageMissing', `the image “${src}” is not in the file and is left out`, {
        src,
      })
      return null
    }
    if (!this.files.some((file) => file.name === name)) {
      this.files.push({ name, mime: mimeOf('', name), bytes })
    }
    return { 'data-file': name, alt: attributes.alt ?? '' }
  }

  explanation(): string | undefined {
    return paragraphsOf(child(this.node, 'generalfeedback')) || undefined
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

type TypeReader = (reader: QuestionReader) => Omit<QuestionContent, 'explanation'>

function readChoice(reader: QuestionReader): Omit<QuestionContent, 'explanation'> {
  const single = ['true', '1'].includes(reader.value('single').toLowerCase())
  const answers = reader.answers()
  if (single && answers.some((answer) => fraction(answer) > 0 && fraction(answer) < FULL_MARKS)) {
    reader.report('warning', 'partialCreditDropped', 'options worth part of the marks count as wrong')
  }
  return {
    type: single ? 'single_choice' : 'multiple_choice',
    stem: reader.stem(),
    options: answers.map((answer) =>
      option(plainOf(answer), single ? fraction(answer) >= FULL_MARKS : fraction(answer) > 0),
    ),
  }
}

function readTrueFalse(reader: QuestionReader): Omit<QuestionContent, 'explanation'> {
  const answers = reader.answers()
  const trueAnswer = answers.find((answer) => plainOf(answer).toLowerCase() === 'true')
  const falseAnswer = answers.find((answer) => plainOf(answer).toLowerCase() === 'false')
  const answer = trueAnswer ? fraction(trueAnswer) > 0 : falseAnswer ? !(fraction(falseAnswer) > 0) : true
  return { type: 'true_false', stem: reader.stem(), answer }
}

function readMatching(reader: QuestionReader): Omit<QuestionContent, 'explanation'> {
  const subquestions = listOf(reader.node.subquestion)
  const pairs = subquestions.filter((sub) => plainOf(sub) !== '')
  if (pairs.length < subquestions.length) {
    reader.report(
      'warning',
      'extraAnswersDropped',
      'extra wrong answers (without a question) are not carried',
    )
  }
  return {
    type: 'matching',
    stem: reader.stem(),
    pairs: pairs.map((sub) => pair(plainOf(sub), plainOf(child(sub, 'answer')))),
  }
}

function readOrdering(reader: QuestionReader): Omit<QuestionContent, 'explanation'> {
  const answers = reader.answers()
  const fractions = answers.map(fraction)
  // The answers are in the correct order; some writers also number them in `fraction`.
  const numbered = new Set(fractions).size === answers.length && fractions.every((f) => f > 0)
  const ordered = numbered ? [...answers].sort((a, b) => fraction(a) - fraction(b)) : answers
  const count = Number(reader.value('selectcount') || 0)
  const selectType = reader.value('selecttype').toUpperCase()
  if (!['', 'ALL', '0'].includes(selectType) && count > 0 && count < answers.length) {
    reader.report('warning', 'subsetDropped', 'showing only some of the items is not carried: all are shown')
  }
  return { type: 'ordering', stem: reader.stem(), items: ordered.map((answer) => item(plainOf(answer))) }
}

function readEssay(reader: QuestionReader): Omit<QuestionContent, 'explanation'> {
  const attachments = Number(reader.value('attachments') || 0)
  const referenceAnswer = paragraphsOf(child(reader.node, 'graderinfo'))
  if (reader.value('responseformat') === 'noinline' && attachments !== 0) {
    if (attachments < 0) {
      reader.report('warning', 'unlimitedFiles', 'unlimited files become the most we allow, 10')
    }
    const maxFiles = attachments < 0 ? MAX_FILES : Math.min(Math.max(attachments, 1), MAX_FILES)
    if (referenceAnswer)
      reader.report('warning', 'graderInfoDropped', 'the information for graders is not carried')
    return { type: 'attachment', stem: reader.stem(), maxFiles }
  }
  if (attachments !== 0) {
    reader.report('warning', 'attachmentsDropped', 'files beside the written answer are not carried')
  }
  return { type: 'short_answer', stem: reader.stem(), ...(referenceAnswer ? { referenceAnswer } : {}) }
}

function readCloze(reader: QuestionReader): Omit<QuestionContent, 'explanation'> {
  let blanks: string[][] = []
  const stem = reader.stem((text) => {
    const cloze = parseCloze(text)
    for (const finding of cloze.findings)
      reader.report(finding.level, finding.code, finding.message, finding.params)
    blanks = cloze.blanks
    return cloze.text
  })
  return { type: 'fill_blank', stem, blanks: blanks.map(blank) }
}

/** Short-answer and numerical questions become one blank after the stem. */
function readOneBlank(numerical: boolean) {
  return (reader: QuestionReader): Omit<QuestionContent, 'explanation'> => {
    const answers = reader.answers()
    const accepted = answers.filter((answer) => fraction(answer) >= FULL_MARKS)
    if (accepted.length < answers.filter((answer) => fraction(answer) > 0).length) {
      reader.report('warning', 'partialAnswersDropped', 'answers worth part of the marks are not carried')
    }
    if (numerical && accepted.some((answer) => Number(textOf(answer.tolerance) || 0) !== 0)) {
      reader.report(
        'warning',
        'toleranceDropped',
        'the tolerance is not carried (only the exact value is accepted)',
      )
    }
    const stem = `${reader.stem()}<p>{{1}}</p>`
    return { type: 'fill_blank', stem, blanks: [blank(accepted.map((answer) => plainOf(answer)))] }
  }
}

const READERS: Record<string, TypeReader> = {
  multichoice: readChoice,
  truefalse: readTrueFalse,
  matching: readMatching,
  ordering: readOrdering,
  essay: readEssay,
  multianswer: readCloze,
  shortanswer: readOneBlank(false),
  numerical: readOneBlank(true),
}

function readQuestion(node: XmlNode, index: number): { parsed?: ParsedQuestion; issues: ParseIssue[] } {
  const type = attribute(node, 'type')
  const name = textOf(node.name).trim()
  const position = name ? `question ${index + 1} “${name}”` : `question ${index + 1}`
  const reader = new QuestionReader(node, position)
  if (SKIPPED_TYPES.has(type)) {
    reader.report('warning', `${type}Skipped`, `a ${type} entry is not a question and is skipped`)
    return { issues: reader.issues }
  }
  const read = READERS[type]
  if (!read) {
    reader.report('error', 'unsupportedType', `questions of type “${type}” cannot be imported`, { type })
    return { issues: reader.issues }
  }
  const content: QuestionContent = { ...read(reader), ...withExplanation(reader.explanation()) }
  const parsed: ParsedQuestion = { position, content, files: reader.files, ...(name ? { name } : {}) }
  return { parsed, issues: reader.issues }
}

const withExplanation = (explanation: string | undefined) => (explanation ? { explanation } : {})

export function parseMoodleXml(text: string): ParseResult {
  const validation = XMLValidator.validate(text)
  if (validation !== true) {
    const { line, msg } = validation.err
    const position = `file, line ${line}`
    const message = `${position}: not valid XML: ${msg}`
    return {
      questions: [],
      issues: [issue(position, 'error', 'malformedXml', message, { line, detail: msg })],
    }
  }
  const quiz = (parser.parse(text) as XmlNode).quiz
  if (typeof quiz !== 'object' || quiz === null) {
    return {
      questions: [],
      issues: [issue('file', 'error', 'notMoodleXml', 'the file has no Moodle <quiz> element')],
    }
  }
  const results = listOf((quiz as XmlNode).question).map(readQuestion)
  const questions = results.flatMap((result) => (result.parsed ? [result.parsed] : []))
  return withRuleIssues(
    questions,
    results.flatMap((result) => result.issues),
  )
}

// ---- export ----

const xmlEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
const cdata = (text: string) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`
const textElement = (tag: string, html: string, extra = '') =>
  `<${tag} format="html"><text>${html ? cdata(html) : ''}</text>${extra}</${tag}>`
const value = (tag: string, content: string | number) => `<${tag}>${content}</${tag}>`
const formatFraction = (n: number) => String(Number(n.toFixed(5)))
const answer = (fractionValue: number, html: string) =>
  `<answer fraction="${formatFraction(fractionValue)}" format="html"><text>${cdata(html)}</text><feedback format="html"><text></text></feedback></answer>`

function choiceBody(question: Question): string[] {
  const options = question.options ?? []
  const single = question.type === 'single_choice'
  const right = options.filter((o) => o.correct).length
  const wrong = options.length - right
  const weight = (correct: boolean) =>
    single ? (correct ? FULL_MARKS : 0) : correct ? FULL_MARKS / right : wrong ? -FULL_MARKS / wrong : 0
  return [
    value('single', String(single)),
    value('shuffleanswers', 'true'),
    value('answernumbering', 'abc'),
    ...options.map((o) => answer(weight(o.correct), escapeText(o.text))),
  ]
}

function essayBody(question: Question): string[] {
  const attachment = question.type === 'attachment'
  return [
    value('responseformat', attachment ? 'noinline' : 'editor'),
    value('responserequired', attachment ? 0 : 1),
    value('responsefieldlines', attachment ? 0 : 10),
    value('attachments', attachment ? (question.maxFiles ?? 1) : 0),
    value('attachmentsrequired', attachment ? 1 : 0),
    textElement('graderinfo', question.referenceAnswer ? textToStem(question.referenceAnswer) : ''),
    textElement('responsetemplate', ''),
  ]
}

const BODIES: Record<Question['type'], { type: string; body: (question: Question) => string[] }> = {
  single_choice: { type: 'multichoice', body: choiceBody },
  multiple_choice: { type: 'multichoice', body: choiceBody },
  true_false: {
    type: 'truefalse',
    body: (q) => [
      `<answer fraction="${q.answer ? FULL_MARKS : 0}" format="moodle_auto_format"><text>true</text><feedback format="html"><text></text></feedback></answer>`,
      `<answer fraction="${q.answer ? 0 : FULL_MARKS}" format="moodle_auto_format"><text>false</text><feedback format="html"><text></text></feedback></answer>`,
    ],
  },
  matching: {
    type: 'matching',
    body: (q) => [
      value('shuffleanswers', 'true'),
      ...(q.pairs ?? []).map(
        (p) =>
          `<subquestion format="html"><text>${cdata(escapeText(p.left))}</text><answer><text>${xmlEscape(p.right)}</text></answer></subquestion>`,
      ),
    ],
  },
  ordering: {
    type: 'ordering',
    body: (q) => [
      value('layouttype', 'VERTICAL'),
      value('selecttype', 'ALL'),
      value('selectcount', 0),
      value('gradingtype', 'ABSOLUTE_POSITION'),
      value('showgrading', 'SHOW'),
      value('numberingstyle', 'none'),
      ...(q.items ?? []).map((i, index) => answer(index + 1, escapeText(i.text))),
    ],
  },
  short_answer: { type: 'essay', body: essayBody },
  attachment: { type: 'essay', body: essayBody },
  fill_blank: { type: 'multianswer', body: () => [] },
}

/** A fill-in-the-blank stem as Cloze: each `{{n}}` becomes a short-answer subquestion. */
function clozeStem(question: Question, html: string): string {
  const blanks = question.blanks ?? []
  return html.replace(/\{\{(\d+)\}\}/g, (placeholder, n: string) => {
    const found = blanks[Number(n) - 1]
    return found ? clozeSubquestion(found.answers) : placeholder
  })
}

async function questionXml(question: Question, bytesOf: BlobBytes, skipped: Skipped[]): Promise<string> {
  const { html, files } = await exportableStem(question, bytesOf, skipped)
  const fileXml = files
    .map((file) => `<file name="${xmlEscape(file.name)}" path="/" encoding="base64">${file.base64}</file>`)
    .join('')
  const stem = question.type === 'fill_blank' ? clozeStem(question, html) : html
  const { type, body } = BODIES[question.type]
  if (question.attachments.length) {
    skipped.push({
      questionId: question.id,
      code: 'attachmentsDropped',
      message: 'files that come with the question are not carried by Moodle XML',
    })
  }
  return [
    `<question type="${type}">`,
    `<name><text>${xmlEscape(questionName(stemText(question.stem)))}</text></name>`,
    textElement('questiontext', stem, fileXml),
    textElement('generalfeedback', question.explanation ? textToStem(question.explanation) : ''),
    value('defaultgrade', 1),
    value('penalty', '0.3333333'),
    value('hidden', 0),
    ...body(question),
    '</question>',
  ]
    .map((line, index, lines) => (index === 0 || index === lines.length - 1 ? `  ${line}` : `    ${line}`))
    .join('\n')
}

/** Moodle XML of the questions, their images embedded; a question's image without bytes is left out. */
export async function exportMoodleXml(questions: Question[], bytesOf: BlobBytes): Promise<ExportResult> {
  const skipped: Skipped[] = []
  const parts: string[] = []
  for (const question of questions) parts.push(await questionXml(question, bytesOf, skipped))
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n${parts.join('\n')}\n</quiz>\n`
  return { text, skipped }
}
