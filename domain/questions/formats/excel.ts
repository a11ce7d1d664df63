/**
 * The question bank's Excel template as tables of strings (the renderer reads and writes the .xlsx): one
 * question per row, headers in any of the three languages. Images and attachments have no cell to go in.
 */
import { rowReader } from '../../org/import/cells.ts'
import {
  cellsOf,
  column,
  comparable,
  headerOf,
  isBlank,
  readHeaderOf,
  type Cells,
  type ColumnSpec,
  type FormatLocale,
} from '../../org/import/columns.ts'
import type { ImportMessage } from '../../org/import/report.ts'
import { optionLabel } from '../rules.ts'
import { textToStem } from '../stem.ts'
import { QUESTION_TYPES, type Question, type QuestionType } from '../types.ts'
import { blank, issue, item, option, pair, skip, withRuleIssues, type Skipped } from './common.ts'
import { htmlToPlain } from './html.ts'
import { stemWithoutImages } from './images.ts'
import type { ParsedQuestion, ParseIssue, ParseResult, QuestionContent } from './types.ts'

const OPTION_COUNT = 8
const OPTION_KEYS = Array.from({ length: OPTION_COUNT }, (_, index) => `option${optionLabel(index)}`)
const MAX_FILES = 10
const TEXT_MAX = 1000
const STEM_MAX = 100_000
const EXPLANATION_MAX = 10_000

const required = { required: true } as const

export const QUESTION_COLUMNS: readonly ColumnSpec[] = [
  column('type', ['题型', '題型', 'Type'], '', { ...required, aliases: ['类型', '類型', 'Question type'] }),
  column('subject', ['科目', '科目', 'Subject'], ''),
  column('stem', ['题目', '題目', 'Question'], '', {
    ...required,
    aliases: ['题干', '題幹', 'Stem'],
    width: 48,
  }),
  ...OPTION_KEYS.map((key, index) => {
    const label = optionLabel(index)
    return column(key, [`选项${label}`, `選項${label}`, `Option ${label}`], '', { width: 18 })
  }),
  column('answer', ['答案', '答案', 'Answer'], '', { width: 20 }),
  column('explanation', ['解析', '解析', 'Explanation'], '', { width: 32 }),
]

/** The type's name in each language first, then further names people write; the type code works too. */
const TYPE_NAMES: Record<QuestionType, readonly string[]> = {
  single_choice: ['单选题', '單選題', 'Single choice', '单选', '單選', 'single'],
  multiple_choice: ['多选题', '多選題', 'Multiple choice', '多选', '多選', 'multiple'],
  ordering: ['排序题', '排序題', 'Ordering', '排序', 'order'],
  short_answer: ['简答题', '簡答題', 'Short answer', '简答', '簡答', '问答题', '問答題', 'essay'],
  true_false: ['判断题', '判斷題', 'True/False', '判断', '判斷', '是非题', '是非題', 'true or false'],
  attachment: [
    '附件上传题',
    '附件上傳題',
    'Attachment upload',
    '附件题',
    '附件題',
    '附件',
    'attachment',
    'file upload',
  ],
  matching: ['配对题', '配對題', 'Matching', '配对', '配對', '连线题', '連線題', '连线', '連線', 'match'],
  fill_blank: ['填空题', '填空題', 'Fill in the blank', '填空', 'fill-in', 'blank'],
}
const LOCALE_INDEX: Record<FormatLocale, number> = { 'zh-CN': 0, 'zh-TW': 1, en: 2 }

const typeKey = (text: string) => comparable(text).replace(/[_\-/]/g, '')
const TYPE_LOOKUP = new Map(
  QUESTION_TYPES.flatMap((type) => [type, ...TYPE_NAMES[type]].map((name) => [typeKey(name), type] as const)),
)

const TRUE_WORDS = new Set(['对', '對', '正确', '正確', '是', 't', 'true', 'y', 'yes', '√', '✓', '✔'])
const FALSE_WORDS = new Set(['错', '錯', '错误', '錯誤', '否', 'f', 'false', 'n', 'no', '×', '✗', '✘', 'x'])
const TRUE_FALSE_WORDS: Record<FormatLocale, [string, string]> = {
  'zh-CN': ['正确', '错误'],
  'zh-TW': ['正確', '錯誤'],
  en: ['True', 'False'],
}

/** `{{1}}` as written, else every `___` (3 or more) and empty bracket pair numbered in order. */
export function blanksOfText(text: string): string {
  if (/\{\{\d+\}\}/.test(text)) return text
  let count = 0
  return text.replace(/_{3,}|（\s*）|\(\s*\)/g, () => `{{${++count}}}`)
}

const ENGLISH: Record<string, (p: Record<string, string | number>) => string> = {
  required: () => 'must not be empty',
  tooLong: (p) => `is longer than ${p.max} characters`,
  invalidType: (p) => `“${p.value}” is not a question type`,
  unknownSubject: (p) => `“${p.value}” is not an enabled subject`,
  optionGap: () => 'is filled but an option before it is empty',
  invalidAnswer: (p) => `“${p.value}” does not name the given options (A, B, …)`,
  invalidTrueFalse: (p) => `“${p.value}” is neither true nor false`,
  invalidMaxFiles: (p) => `“${p.value}” is not a number of files from 1 to ${MAX_FILES}`,
  invalidPair: (p) => `“${p.value}” is not a pair written as “left -> right”`,
  ignoredColumn: () => 'is not used by this type of question and is ignored',
}

class RowContext {
  readonly issues: ParseIssue[] = []
  readonly position: string
  readonly cells: Cells
  private readonly headers: ReadonlyMap<string, string>

  constructor(row: number, cells: Cells, headers: ReadonlyMap<string, string>) {
    this.position = `row ${row}`
    this.cells = cells
    this.headers = headers
  }

  report(
    level: ParseIssue['level'],
    code: string,
    key: string,
    params: Record<string, string | number> = {},
  ) {
    const column = this.headers.get(key) ?? key
    const message = `${this.position}, column ${column}: ${ENGLISH[code]?.(params) ?? code}`
    this.issues.push(issue(this.position, level, code, message, { ...params, column }))
  }

  adopt(messages: readonly ImportMessage[]): void {
    for (const message of messages) this.report('error', message.code, message.column ?? '', message.params)
  }

  cell(key: string): string {
    return this.cells[key] ?? ''
  }

  /** The filled option cells A…H in order; a filled one after an empty one is an error. */
  options(): string[] {
    const values = OPTION_KEYS.map((key) => this.cell(key))
    const last = values.findLastIndex((value) => value !== '')
    values.slice(0, last + 1).forEach((value, index) => {
      if (value === '') this.report('error', 'optionGap', OPTION_KEYS[last] ?? '')
      if (value.length > TEXT_MAX)
        this.report('error', 'tooLong', OPTION_KEYS[index] ?? '', { max: TEXT_MAX })
    })
    return values.slice(0, last + 1)
  }

  unusedOptions(): void {
    const filled = OPTION_KEYS.find((key) => this.cell(key) !== '')
    if (filled) this.report('warning', 'ignoredColumn', filled)
  }
}

type Body = Omit<QuestionContent, 'type' | 'stem' | 'explanation'>

function choiceBody(context: RowContext): Body {
  const texts = context.options()
  const answer = context.cell('answer').normalize('NFKC').toUpperCase()
  const letters = answer.replace(/[\s,;、/]/g, '')
  const chosen = new Set(letters)
  if ([...chosen].some((letter) => !texts[letter.charCodeAt(0) - 65])) {
    context.report('error', 'invalidAnswer', 'answer', { value: context.cell('answer') })
  }
  return { options: texts.map((text, index) => option(text, chosen.has(optionLabel(index)))) }
}

function trueFalseBody(context: RowContext): Body {
  context.unusedOptions()
  const value = comparable(context.cell('answer'))
  if (!value) return {}
  if (TRUE_WORDS.has(value)) return { answer: true }
  if (FALSE_WORDS.has(value)) return { answer: false }
  context.report('error', 'invalidTrueFalse', 'answer', { value: context.cell('answer') })
  return {}
}

function matchingBody(context: RowContext): Body {
  return {
    pairs: context.options().map((text, index) => {
      const [left, right, ...more] = text.split(/->|→/)
      if (right === undefined || more.length) {
        context.report('error', 'invalidPair', OPTION_KEYS[index] ?? '', { value: text })
      }
      return pair((left ?? '').trim(), (right ?? '').trim())
    }),
  }
}

function fillBlankBody(context: RowContext): Body {
  context.unusedOptions()
  const answer = context.cell('answer').normalize('NFKC')
  const blanks = answer ? answer.split(';') : []
  return {
    blanks: blanks.map((alternatives) =>
      blank(
        alternatives
          .split('|')
          .map((text) => text.trim())
          .filter(Boolean),
      ),
    ),
  }
}

function attachmentBody(context: RowContext): Body {
  context.unusedOptions()
  const text = context.cell('answer').normalize('NFKC')
  const maxFiles = text ? Number(text) : 1
  if (!Number.isInteger(maxFiles) || maxFiles < 1 || maxFiles > MAX_FILES) {
    context.report('error', 'invalidMaxFiles', 'answer', { value: context.cell('answer') })
    return {}
  }
  return { maxFiles }
}

const BODIES: Record<QuestionType, (context: RowContext) => Body> = {
  single_choice: choiceBody,
  multiple_choice: choiceBody,
  ordering: (context) => ({ items: context.options().map(item) }),
  short_answer: (context) => {
    context.unusedOptions()
    const referenceAnswer = context.cell('answer')
    return referenceAnswer ? { referenceAnswer } : {}
  },
  true_false: trueFalseBody,
  attachment: attachmentBody,
  matching: matchingBody,
  fill_blank: fillBlankBody,
}

/** The subject a row names, as spelled among the enabled ones; undefined (and an error) when unknown. */
function subjectOf(context: RowContext, subjectNames: readonly string[] | undefined): string | undefined {
  const written = context.cell('subject')
  if (!written || !subjectNames) return written || undefined
  const found = subjectNames.find((name) => comparable(name) === comparable(written))
  if (!found) context.report('error', 'unknownSubject', 'subject', { value: written })
  return found
}

function readRow(context: RowContext, subjectNames?: readonly string[]): ParsedQuestion | null {
  const read = rowReader(context.cells)
  const typeText = read.required('type', TEXT_MAX)
  const stemText = read.required('stem', STEM_MAX)
  const explanation = read.text('explanation', EXPLANATION_MAX)
  read.text('answer', EXPLANATION_MAX)
  context.adopt(read.messages)
  const type = typeText ? TYPE_LOOKUP.get(typeKey(typeText)) : undefined
  if (typeText && !type) context.report('error', 'invalidType', 'type', { value: typeText })
  const subjectName = subjectOf(context, subjectNames)
  if (!type) return null
  const stem = textToStem(type === 'fill_blank' ? blanksOfText(stemText) : stemText)
  const content: QuestionContent = {
    type,
    stem: stemText ? stem : '',
    ...BODIES[type](context),
    ...(explanation ? { explanation } : {}),
  }
  return { position: context.position, content, files: [], ...(subjectName ? { subjectName } : {}) }
}

function fileIssue(message: ImportMessage, headers: (key: string) => string): ParseIssue {
  const column = message.column ? headers(message.column) : ''
  const text: Record<string, string> = {
    noHeader: 'no header row with the template’s columns was found',
    missingColumn: `the required column ${column} is missing`,
    duplicateColumn: `the column ${column} is given twice`,
  }
  return issue(
    'header',
    'error',
    message.code,
    text[message.code] ?? message.code,
    column ? { column } : undefined,
  )
}

/**
 * Reads the rows of the template's sheet. `subjectNames` (the enabled subjects) checks the 科目 column; each
 * problem names its row and column.
 */
export function parseQuestionRows(
  rows: readonly (readonly string[])[],
  subjectNames?: readonly string[],
): ParseResult {
  const found = readHeaderOf(QUESTION_COLUMNS, rows)
  const englishHeader = (key: string) => QUESTION_COLUMNS.find((spec) => spec.key === key)?.headers.en ?? key
  if ('errors' in found)
    return { questions: [], issues: found.errors.map((e) => fileIssue(e, englishHeader)) }
  const { header } = found
  const headerRow = rows[header.index] ?? []
  const headers = new Map([...header.positions].map(([key, position]) => [key, headerRow[position] ?? key]))
  const questions: ParsedQuestion[] = []
  const issues: ParseIssue[] = []
  rows.forEach((row, index) => {
    if (index <= header.index || isBlank(row)) return
    const context = new RowContext(index + 1, cellsOf(header, row), headers)
    const parsed = readRow(context, subjectNames)
    issues.push(...context.issues)
    if (parsed) questions.push(parsed)
  })
  return withRuleIssues(questions, issues)
}

// ---- export and template ----

export interface QuestionTable {
  columns: { header: string; width?: number }[]
  rows: string[][]
}

const columnsOf = (locale: FormatLocale) =>
  QUESTION_COLUMNS.map((spec) => ({
    header: headerOf(spec, locale),
    ...(spec.width ? { width: spec.width } : {}),
  }))

export const typeName = (type: QuestionType, locale: FormatLocale) =>
  TYPE_NAMES[type][LOCALE_INDEX[locale]] ?? type

/** A row in the columns' order. */
function rowOf(
  type: string,
  subject: string,
  stem: string,
  cells: { options: readonly string[]; answer: string; explanation: string },
): string[] {
  const options = Array.from({ length: OPTION_COUNT }, (_, index) => cells.options[index] ?? '')
  return [type, subject, stem, ...options, cells.answer, cells.explanation]
}

function optionCells(question: Question): string[] {
  if (question.options) return question.options.map((o) => o.text)
  if (question.items) return question.items.map((i) => i.text)
  if (question.pairs) return question.pairs.map((p) => `${p.left} -> ${p.right}`)
  return []
}

function answerCell(question: Question, locale: FormatLocale): string {
  switch (question.type) {
    case 'single_choice':
    case 'multiple_choice':
      return (question.options ?? []).flatMap((o, index) => (o.correct ? [optionLabel(index)] : [])).join(',')
    case 'true_false':
      return question.answer === undefined ? '' : TRUE_FALSE_WORDS[locale][question.answer ? 0 : 1]
    case 'fill_blank':
      return (question.blanks ?? []).map((b) => b.answers.join('|')).join(';')
    case 'short_answer':
      return question.referenceAnswer ?? ''
    case 'attachment':
      return String(question.maxFiles ?? 1)
    default:
      return ''
  }
}

/** The questions as rows of the template; those with more options than columns are left out. */
export function questionRows(
  questions: readonly Question[],
  subjectName: (subjectId: string) => string,
  locale: FormatLocale = 'zh-CN',
): QuestionTable & { skipped: Skipped[] } {
  const skipped: Skipped[] = []
  const rows: string[][] = []
  for (const question of questions) {
    const options = optionCells(question)
    if (options.length > OPTION_COUNT) {
      skipped.push(
        skip(question.id, 'tooManyOptions', `the template has columns for ${OPTION_COUNT} options`),
      )
      continue
    }
    if (question.attachments.length) {
      skipped.push(skip(question.id, 'attachmentsDropped', 'files that come with the question have no cell'))
    }
    const stem = htmlToPlain(stemWithoutImages(question, skipped))
    const subject = subjectName(question.subjectId)
    const cells = { options, answer: answerCell(question, locale), explanation: question.explanation ?? '' }
    rows.push(rowOf(typeName(question.type, locale), subject, stem, cells))
  }
  return { columns: columnsOf(locale), rows, skipped }
}

type Example = [QuestionType, string, string[], string, string]

const EXAMPLES: Record<FormatLocale, Example[]> = {
  'zh-CN': [
    ['single_choice', '下列哪个数是质数？', ['4', '6', '7', '9'], 'C', '7 只能被 1 和它本身整除。'],
    ['multiple_choice', '下列哪些数是偶数？', ['2', '3', '4', '5'], 'A,C', ''],
    ['ordering', '把下列数从小到大排列。', ['1', '5', '12', '30'], '', ''],
    ['short_answer', '用一句话介绍你的家乡。', [], '写出地名和一个特点即可。', ''],
    ['true_false', '0 是自然数。', [], '正确', ''],
    ['attachment', '画一幅校园风景画，拍照上传。', [], '2', ''],
    ['matching', '把国家和首都配对。', ['中国 -> 北京', '日本 -> 东京', '法国 -> 巴黎'], '', ''],
    ['fill_blank', '3 + 4 = ____，5 × 6 = ____。', [], '7;30|三十', ''],
  ],
  'zh-TW': [
    ['single_choice', '下列哪個數是質數？', ['4', '6', '7', '9'], 'C', '7 只能被 1 和它本身整除。'],
    ['multiple_choice', '下列哪些數是偶數？', ['2', '3', '4', '5'], 'A,C', ''],
    ['ordering', '把下列數從小到大排列。', ['1', '5', '12', '30'], '', ''],
    ['short_answer', '用一句話介紹你的家鄉。', [], '寫出地名和一個特點即可。', ''],
    ['true_false', '0 是自然數。', [], '正確', ''],
    ['attachment', '畫一幅校園風景畫，拍照上傳。', [], '2', ''],
    ['matching', '把國家和首都配對。', ['中國 -> 北京', '日本 -> 東京', '法國 -> 巴黎'], '', ''],
    ['fill_blank', '3 + 4 = ____，5 × 6 = ____。', [], '7;30|三十', ''],
  ],
  en: [
    [
      'single_choice',
      'Which number is prime?',
      ['4', '6', '7', '9'],
      'C',
      '7 is divisible only by 1 and itself.',
    ],
    ['multiple_choice', 'Which numbers are even?', ['2', '3', '4', '5'], 'A,C', ''],
    ['ordering', 'Put the numbers in order, smallest first.', ['1', '5', '12', '30'], '', ''],
    ['short_answer', 'Describe your home town in one sentence.', [], 'A place name and one feature.', ''],
    ['true_false', '0 is a natural number.', [], 'True', ''],
    ['attachment', 'Paint the school garden and upload a photo.', [], '2', ''],
    [
      'matching',
      'Match each country with its capital.',
      ['China -> Beijing', 'Japan -> Tokyo', 'France -> Paris'],
      '',
      '',
    ],
    ['fill_blank', '3 + 4 = ____ and 5 × 6 = ____.', [], '7;30|thirty', ''],
  ],
}

/**
 * The template: the header in a language and one example row per type. The examples leave 科目 empty (the
 * dialog's subject applies), as subject names differ from school to school.
 */
export function templateRows(locale: FormatLocale): QuestionTable {
  const rows = EXAMPLES[locale].map(([type, stem, options, answer, explanation]) =>
    rowOf(typeName(type, locale), '', stem, { options, answer, explanation }),
  )
  return { columns: columnsOf(locale), rows }
}
