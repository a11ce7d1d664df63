/**
 * Moodle's embedded answers (Cloze) syntax, `{1:SHORTANSWER:=a~=b}`: the short-answer and numerical
 * subquestions become our blanks; the choice ones cannot be carried.
 */
import { decodeHtmlText, escapeText } from './html.ts'
import type { IssueLevel } from './types.ts'

const SUBQUESTION = /\{(\d*):([A-Za-z_]+):((?:\\.|[^\\}])*)\}/g
const SHORT_TYPES = new Set(['SHORTANSWER', 'SA', 'MW', 'SHORTANSWER_C', 'SAC', 'MWC'])
const NUMERICAL_TYPES = new Set(['NUMERICAL', 'NM'])
const FULL_MARKS = 100

export interface ClozeFinding {
  level: IssueLevel
  code: string
  message: string
  params?: Record<string, string | number>
}

export interface ClozeParse {
  /** The text with `{{1}}`, `{{2}}`, … where the subquestions were. */
  text: string
  /** The accepted answers of each blank. */
  blanks: string[][]
  findings: ClozeFinding[]
}

/** The parts of `text` between unescaped `separator`s (escapes kept). */
export function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = []
  let current = ''
  for (let index = 0; index < text.length; index++) {
    const char = text[index] ?? ''
    if (char === '\\') {
      current += char + (text[index + 1] ?? '')
      index++
    } else if (char === separator) {
      parts.push(current)
      current = ''
    } else current += char
  }
  parts.push(current)
  return parts
}

const unescapeCloze = (text: string) => text.replace(/\\(.)/g, '$1')

interface ClozeAnswer {
  fraction: number
  text: string
  feedback: boolean
}

function parseAnswer(source: string): ClozeAnswer {
  const [body = '', ...feedback] = splitUnescaped(source, '#')
  const weight = /^\s*(?:(=)|%(-?\d+(?:\.\d+)?)%)?([\s\S]*)$/.exec(body)
  const fraction = weight?.[1] ? FULL_MARKS : Number(weight?.[2] ?? 0)
  const text = decodeHtmlText(unescapeCloze(weight?.[3] ?? ''))
  return { fraction, text, feedback: feedback.some((part) => part.trim() !== '') }
}

/** A numerical answer's value, and whether a tolerance (`value:tolerance`) other than 0 was dropped. */
function numericalValue(text: string): { value: string; tolerance: boolean } {
  const [value = '', tolerance = '0'] = text.split(':')
  return { value: value.trim(), tolerance: Number(tolerance) !== 0 }
}

function readSubquestion(type: string, body: string, blank: number, findings: ClozeFinding[]): string[] {
  const answers = splitUnescaped(body, '~').map(parseAnswer)
  const numerical = NUMERICAL_TYPES.has(type)
  const accepted = answers.filter((answer) => answer.fraction >= FULL_MARKS)
  if (accepted.length < answers.filter((answer) => answer.fraction > 0).length) {
    findings.push({
      level: 'warning',
      code: 'partialAnswersDropped',
      message: `blank ${blank}: answers worth part of the marks are not carried`,
      params: { blank },
    })
  }
  if (answers.some((answer) => answer.feedback)) {
    findings.push({
      level: 'warning',
      code: 'feedbackDropped',
      message: `blank ${blank}: answer feedback is not carried`,
      params: { blank },
    })
  }
  if (!numerical) return accepted.map((answer) => answer.text)
  const values = accepted.map((answer) => numericalValue(answer.text))
  if (values.some((value) => value.tolerance)) {
    findings.push({
      level: 'warning',
      code: 'toleranceDropped',
      message: `blank ${blank}: the numerical tolerance is not carried (only the exact value is accepted)`,
      params: { blank },
    })
  }
  return values.map((value) => value.value)
}

/** Reads the Cloze subquestions of a question text (HTML), turning each into a numbered blank. */
export function parseCloze(text: string): ClozeParse {
  const blanks: string[][] = []
  const findings: ClozeFinding[] = []
  const replaced = text.replace(SUBQUESTION, (whole, _weight: string, rawType: string, body: string) => {
    const type = rawType.toUpperCase()
    const number = blanks.length + 1
    if (!SHORT_TYPES.has(type) && !NUMERICAL_TYPES.has(type)) {
      findings.push({
        level: 'error',
        code: 'clozeChoice',
        message: `subquestion ${number} is of type ${type}, which cannot be carried (only short-answer and numerical blanks)`,
        params: { blank: number, type },
      })
    }
    blanks.push(readSubquestion(type, body, number, findings))
    return `{{${number}}}`
  })
  return { text: replaced, blanks, findings }
}

const escapeAnswer = (answer: string) => escapeText(answer.replace(/[}#~/"\\]/g, '\\$&'))

/** A blank as a Cloze short-answer subquestion, each accepted answer worth full marks. */
export function clozeSubquestion(answers: readonly string[]): string {
  return `{1:SHORTANSWER:${answers.map((answer) => `=${escapeAnswer(answer)}`).join('~')}}`
}
