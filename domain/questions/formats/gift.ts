/**
 * GIFT (https://docs.moodle.org/en/GIFT_format): one question per blank-line separated block, its answers
 * in `{…}`. Ordering, attachment questions, several blanks and images have no GIFT form.
 */
import { stemText, textToStem } from '../stem.ts'
import type { Question } from '../types.ts'
import { splitUnescaped } from './cloze.ts'
import { blank, issue, option, pair, questionName, skip, withRuleIssues, type Skipped } from './common.ts'
import { decodeHtmlText, escapeText, htmlToPlain, sanitizeStemHtml } from './html.ts'
import { stemWithoutImages } from './images.ts'
import type {
  ExportResult,
  IssueLevel,
  ParsedQuestion,
  ParseIssue,
  ParseResult,
  QuestionContent,
} from './types.ts'

const FULL_MARKS = 100
const FORMAT_MARKER = /^\s*\[(html|plain|moodle|markdown)\]/i
const TRUE_FALSE = /^(T|TRUE|F|FALSE)$/i

interface Block {
  line: number
  text: string
}

/** Comment lines dropped; blank lines separate questions. */
function blocksOf(text: string): Block[] {
  const blocks: Block[] = []
  let current: Block | null = null
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    if (line.trimStart().startsWith('//')) return
    if (line.trim() === '') {
      current = null
      return
    }
    if (current) current.text += `\n${line}`
    else blocks.push((current = { line: index + 1, text: line }))
  })
  return blocks
}

/** The index of the first unescaped `target` from `from`, or -1. */
function findUnescaped(text: string, target: string, from = 0): number {
  for (let index = from; index < text.length; index++) {
    if (text[index] === '\\') index++
    else if (text.startsWith(target, index)) return index
  }
  return -1
}

const unescapeGift = (text: string) =>
  text.replace(/\\(.)/gs, (_, char: string) => (char === 'n' ? '\n' : char))
const escapeGift = (text: string) => text.replace(/[~=#{}:\\]/g, '\\$&').replace(/\r?\n/g, '\\n')

type Format = 'html' | 'plain'

interface Answer {
  marker: '=' | '~'
  weight: number
  text: string
  feedback: boolean
}

/** The answers of a block (`=right ~wrong ~%50%partial #feedback`), texts still escaped. */
function answersOf(block: string): Answer[] {
  const answers: Answer[] = []
  for (let index = 0; index < block.length; index++) {
    const char = block[index]
    if (char === '\\') {
      const last = answers[answers.length - 1]
      if (last) last.text += block.slice(index, index + 2)
      index++
    } else if (char === '=' || char === '~') {
      answers.push({ marker: char, weight: char === '=' ? FULL_MARKS : 0, text: '', feedback: false })
    } else {
      const last = answers[answers.length - 1]
      if (last) last.text += char
    }
  }
  return answers.map((answer) => {
    const [body = '', ...feedback] = splitUnescaped(answer.text, '#')
    const weight = /^\s*%(-?\d+(?:\.\d+)?)%/.exec(body)
    return {
      ...answer,
      weight: weight ? Number(weight[1]) : answer.weight,
      text: weight ? body.slice(weight[0].length) : body,
      feedback: feedback.some((part) => part.trim() !== ''),
    }
  })
}

class GiftReader {
  readonly issues: ParseIssue[] = []
  readonly position: string
  readonly format: Format

  constructor(position: string, format: Format) {
    this.position = position
    this.format = format
  }

  report(level: IssueLevel, code: string, message: string, params?: ParseIssue['params']): void {
    this.issues.push(issue(this.position, level, code, `${this.position}: ${message}`, params))
  }

  /** An answer's text: plain, whatever the question's format. */
  text(escaped: string): string {
    const text = unescapeGift(escaped)
    return this.format === 'html' ? decodeHtmlText(text) : text.trim()
  }

  stem(escaped: string): string {
    const text = unescapeGift(escaped)
    if (this.format !== 'html') return textToStem(text.trim())
    return sanitizeStemHtml(text, () => {
      this.report('warning', 'imageMissing', 'images cannot come in a GIFT file and are left out')
      return null
    })
  }

  explanation(escaped: string): string | undefined {
    const text = unescapeGift(escaped)
    return (this.format === 'html' ? htmlToPlain(text) : text.trim()) || undefined
  }

  dropFeedback(answers: Answer[]): void {
    if (answers.some((answer) => answer.feedback)) {
      this.report('warning', 'feedbackDropped', 'answer feedback is not carried')
    }
  }
}

interface Parts {
  before: string
  after: string
}

type Body = Omit<QuestionContent, 'stem' | 'explanation'>

function choiceBody(reader: GiftReader, answers: Answer[]): Body {
  const positive = answers.filter((answer) => answer.weight > 0)
  const single = positive.length === 1 && positive[0]?.marker === '='
  if (!single && answers.some((answer) => answer.marker === '=')) {
    reader.report(
      'warning',
      'partialCreditDropped',
      'every answer worth marks counts as correct (multiple choice)',
    )
  }
  return {
    type: single ? 'single_choice' : 'multiple_choice',
    options: answers.map((answer) => option(reader.text(answer.text), answer.weight > 0)),
  }
}

function numericalBody(reader: GiftReader, block: string): Body {
  const source = block.slice(1).trim()
  const answers = /^[=~]/.test(source) ? answersOf(source) : answersOf(`=${source}`)
  reader.dropFeedback(answers)
  const accepted = answers.filter((answer) => answer.weight >= FULL_MARKS)
  if (accepted.length < answers.filter((answer) => answer.weight > 0).length) {
    reader.report('warning', 'partialAnswersDropped', 'answers worth part of the marks are not carried')
  }
  const values = accepted.map((answer) => unescapeGift(answer.text).trim())
  for (const value of values) {
    const [number = '', tolerance = '0'] = value.split(':')
    if (value.includes('..') || Number(tolerance) !== 0 || !Number.isFinite(Number(number))) {
      reader.report(
        'error',
        'unsupportedNumerical',
        `the numerical answer “${value}” is not an exact value`,
        {
          value,
        },
      )
    }
  }
  return { type: 'fill_blank', blanks: [blank(values.map((value) => value.split(':')[0] ?? ''))] }
}

function bodyOf(reader: GiftReader, block: string): Body {
  if (block === '') return { type: 'short_answer' }
  if (block.startsWith('#')) return numericalBody(reader, block)
  const [truth = '', ...feedback] = splitUnescaped(block, '#')
  if (TRUE_FALSE.test(truth.trim())) {
    if (feedback.some((part) => part.trim()))
      reader.report('warning', 'feedbackDropped', 'answer feedback is not carried')
    return { type: 'true_false', answer: truth.trim().toUpperCase().startsWith('T') }
  }
  const answers = answersOf(block)
  reader.dropFeedback(answers)
  const arrows = answers.map((answer) => findUnescaped(answer.text, '->'))
  if (answers.every((answer) => answer.marker === '=') && arrows.some((arrow) => arrow >= 0)) {
    return matchingBody(reader, answers, arrows)
  }
  if (answers.some((answer) => answer.marker === '~')) return choiceBody(reader, answers)
  return oneBlankBody(reader, answers)
}

function matchingBody(reader: GiftReader, answers: Answer[], arrows: number[]): Body {
  return {
    type: 'matching',
    pairs: answers.map((answer, index) => {
      const arrow = arrows[index] ?? -1
      const left = arrow < 0 ? answer.text : answer.text.slice(0, arrow)
      return pair(reader.text(left), arrow < 0 ? '' : reader.text(answer.text.slice(arrow + 2)))
    }),
  }
}

/** `{=a =b}`: a blank accepting the full-mark answers. */
function oneBlankBody(reader: GiftReader, answers: Answer[]): Body {
  if (answers.some((answer) => answer.weight < FULL_MARKS)) {
    reader.report('warning', 'partialAnswersDropped', 'answers worth part of the marks are not carried')
  }
  const accepted = answers.filter((answer) => answer.weight >= FULL_MARKS)
  return { type: 'fill_blank', blanks: [blank(accepted.map((answer) => reader.text(answer.text)))] }
}

/** The stem around the answers: a blank in its place (or after a stem that ends with it), else `_____`. */
function stemOf(reader: GiftReader, parts: Parts, isBlank: boolean): string {
  if (parts.after.trim() === '') {
    const stem = reader.stem(parts.before)
    return isBlank ? `${stem}<p>{{1}}</p>` : stem
  }
  return reader.stem(`${parts.before}${isBlank ? '{{1}}' : '_____'}${parts.after}`)
}

function readBlock(block: Block): { parsed?: ParsedQuestion; issues: ParseIssue[] } {
  const trimmed = block.text.trim()
  let text = trimmed
  let name: string | undefined
  if (text.startsWith('::')) {
    const end = findUnescaped(text, '::', 2)
    if (end > 0) {
      name = unescapeGift(text.slice(2, end)).trim()
      text = text.slice(end + 2)
    }
  }
  const marker = FORMAT_MARKER.exec(text)
  const format: Format = marker?.[1]?.toLowerCase() === 'html' ? 'html' : 'plain'
  if (marker) text = text.slice(marker[0].length)
  const position = name ? `line ${block.line} “${name}”` : `line ${block.line}`
  const reader = new GiftReader(position, format)
  const open = findUnescaped(text, '{')
  if (open < 0) {
    reader.report('warning', 'descriptionSkipped', 'a text without answers is not a question and is skipped')
    return { issues: reader.issues }
  }
  const close = findUnescaped(text, '}', open + 1)
  if (close < 0) {
    const line =
      block.line + (trimmed.slice(0, trimmed.length - text.length + open).match(/\n/g)?.length ?? 0)
    const at = `line ${line}`
    const message = `${at}: the answers opened with “{” are not closed with “}”`
    return { issues: [issue(at, 'error', 'unclosedBrace', message, { line })] }
  }
  const inside = text.slice(open + 1, close)
  const feedbackAt = findUnescaped(inside, '####')
  const body = bodyOf(reader, (feedbackAt < 0 ? inside : inside.slice(0, feedbackAt)).trim())
  const stem = stemOf(
    reader,
    { before: text.slice(0, open), after: text.slice(close + 1) },
    body.type === 'fill_blank',
  )
  const explanation = feedbackAt < 0 ? undefined : reader.explanation(inside.slice(feedbackAt + 4))
  const content: QuestionContent = { ...body, stem, ...(explanation ? { explanation } : {}) }
  return { parsed: { position, content, files: [], ...(name ? { name } : {}) }, issues: reader.issues }
}

/** A `$CATEGORY:` line is reported and dropped; the question after it in the same block is kept. */
function withoutCategory(block: Block, issues: ParseIssue[]): Block | null {
  const [first = '', ...rest] = block.text.split('\n')
  if (!first.trim().startsWith('$CATEGORY:')) return block
  const at = `line ${block.line}`
  issues.push(issue(at, 'warning', 'categorySkipped', `${at}: categories are not carried`))
  return rest.join('').trim() ? { line: block.line + 1, text: rest.join('\n') } : null
}

export function parseGift(text: string): ParseResult {
  const issues: ParseIssue[] = []
  const questions: ParsedQuestion[] = []
  for (const found of blocksOf(text)) {
    const block = withoutCategory(found, issues)
    if (!block) continue
    const result = readBlock(block)
    issues.push(...result.issues)
    if (result.parsed) questions.push(result.parsed)
  }
  return withRuleIssues(questions, issues)
}

// ---- export ----

const html = (text: string) => escapeGift(escapeText(text))

function choiceAnswers(question: Question): string[] {
  const options = question.options ?? []
  if (question.type === 'single_choice') return options.map((o) => `${o.correct ? '=' : '~'}${html(o.text)}`)
  const right = options.filter((o) => o.correct).length
  const wrong = options.length - right
  const weight = (correct: boolean) => Number((correct ? FULL_MARKS / right : -FULL_MARKS / wrong).toFixed(5))
  return options.map((o) => `~%${weight(o.correct)}%${html(o.text)}`)
}

const ANSWERS: Partial<Record<Question['type'], (question: Question) => string[]>> = {
  single_choice: choiceAnswers,
  multiple_choice: choiceAnswers,
  true_false: (q) => [q.answer ? 'TRUE' : 'FALSE'],
  matching: (q) => (q.pairs ?? []).map((p) => `=${html(p.left)} -> ${html(p.right)}`),
  short_answer: () => [],
}

/** Why a question has no GIFT form, or null when it has one. */
function notCarried(question: Question): Skipped | null {
  if (question.type === 'fill_blank') {
    return (question.blanks ?? []).length === 1
      ? null
      : skip(question.id, 'tooManyBlanks', 'GIFT carries one blank per question')
  }
  if (ANSWERS[question.type]) return null
  return skip(question.id, 'unsupportedType', `${question.type} questions have no GIFT form`)
}

function questionGift(question: Question, skipped: Skipped[]): string {
  const stem = escapeGift(stemWithoutImages(question, skipped))
  const title = `::${escapeGift(questionName(stemText(question.stem), 40))}::`
  const feedback = question.explanation ? `####${escapeGift(textToStem(question.explanation))}` : ''
  if (question.type === 'short_answer' && question.referenceAnswer) {
    skipped.push(skip(question.id, 'referenceAnswerDropped', 'GIFT has no place for the reference answer'))
  }
  if (question.type === 'fill_blank') {
    const answers = (question.blanks?.[0]?.answers ?? []).map((answer) => `=${html(answer)}`).join(' ')
    return `${title}[html]${stem.replace('\\{\\{1\\}\\}', `{${answers}${feedback}}`)}`
  }
  const answers = (ANSWERS[question.type]?.(question) ?? []).map((answer) => `\n\t${answer}`).join('')
  return `${title}[html]${stem}{${answers}${feedback ? `\n\t${feedback}` : ''}${answers || feedback ? '\n' : ''}}`
}

/** GIFT of the questions GIFT can carry; the others are listed in `skipped`. */
export function exportGift(questions: Question[]): ExportResult {
  const skipped: Skipped[] = []
  const parts: string[] = []
  for (const question of questions) {
    const refusal = notCarried(question)
    if (refusal) skipped.push(refusal)
    else parts.push(questionGift(question, skipped))
  }
  return { text: parts.length ? `${parts.join('\n\n')}\n` : '', skipped }
}
