import { blankPlaceholders, stemImageHashes, stemText } from './stem.ts'
import { TYPE_FIELDS, type Question, type QuestionType } from './types.ts'

/**
 * Why a question cannot be saved. `code` names the rule (the renderer words it in the UI language), `params`
 * fill it in; `problemText` words it in English for the server's refusals.
 */
export interface QuestionProblem {
  code: QuestionProblemCode
  params?: Record<string, string | number>
}

export type QuestionProblemCode =
  | 'emptyStem'
  | 'tooFewOptions'
  | 'blankOption'
  | 'duplicateOption'
  | 'notExactlyOneCorrect'
  | 'noCorrectOption'
  | 'tooFewItems'
  | 'blankItem'
  | 'duplicateItem'
  | 'missingAnswer'
  | 'missingMaxFiles'
  | 'tooFewPairs'
  | 'incompletePair'
  | 'duplicatePairLeft'
  | 'noBlanks'
  | 'placeholderMismatch'
  | 'blankWithoutAnswer'
  | 'imageNotListed'
  | 'fieldOfOtherType'

const ENGLISH: Record<QuestionProblemCode, (p: Record<string, string | number>) => string> = {
  emptyStem: () => 'the stem is empty',
  tooFewOptions: () => 'a choice question needs at least 2 options',
  blankOption: (p) => `option ${p.label} is empty`,
  duplicateOption: (p) => `option ${p.label} repeats option ${p.other}`,
  notExactlyOneCorrect: (p) =>
    `a single-choice question needs exactly one correct option (it has ${p.count})`,
  noCorrectOption: () => 'a multiple-choice question needs at least one correct option',
  tooFewItems: () => 'an ordering question needs at least 2 items',
  blankItem: (p) => `item ${p.label} is empty`,
  duplicateItem: (p) => `item ${p.label} repeats item ${p.other}`,
  missingAnswer: () => 'a true/false question needs its answer',
  missingMaxFiles: () => 'an attachment question needs the number of files a student may upload',
  tooFewPairs: () => 'a matching question needs at least 2 pairs',
  incompletePair: (p) => `pair ${p.label} is incomplete`,
  duplicatePairLeft: (p) => `pair ${p.label} repeats the left side of pair ${p.other}`,
  noBlanks: () => 'a fill-in-the-blank question needs at least one blank ({{1}} in the stem)',
  placeholderMismatch: (p) => `the stem's blanks (${p.found}) must be {{1}} to {{${p.expected}}}, each once`,
  blankWithoutAnswer: (p) => `blank ${p.label} has no accepted answer`,
  imageNotListed: (p) => `the stem shows image ${p.sha256} that the question does not list`,
  fieldOfOtherType: (p) => `field ${p.field} does not belong to a ${p.type} question`,
}

export function problemText(problem: QuestionProblem): string {
  return ENGLISH[problem.code](problem.params ?? {})
}

/** A, B, C, … as options and items are labelled. */
export function optionLabel(index: number): string {
  return String.fromCharCode(65 + index)
}

type Check = (question: Question) => QuestionProblem[]

function blank(text: string): boolean {
  return text.trim() === ''
}

/** Empty and repeated texts of a list, labelled A, B, … */
function listProblems(
  texts: readonly string[],
  blankCode: QuestionProblemCode,
  duplicateCode: QuestionProblemCode,
): QuestionProblem[] {
  const problems: QuestionProblem[] = []
  const firstIndex = new Map<string, number>()
  texts.forEach((text, index) => {
    const label = optionLabel(index)
    if (blank(text)) return problems.push({ code: blankCode, params: { label } })
    const key = text.trim().toLocaleLowerCase()
    const other = firstIndex.get(key)
    if (other === undefined) firstIndex.set(key, index)
    else problems.push({ code: duplicateCode, params: { label, other: optionLabel(other) } })
  })
  return problems
}

function choiceProblems(question: Question, correctRule: (count: number) => QuestionProblem | null) {
  const options = question.options ?? []
  if (options.length < 2) return [{ code: 'tooFewOptions' } as QuestionProblem]
  const problems = listProblems(
    options.map((o) => o.text),
    'blankOption',
    'duplicateOption',
  )
  const correct = correctRule(options.filter((o) => o.correct).length)
  return correct ? [...problems, correct] : problems
}

function fillBlankProblems(question: Question): QuestionProblem[] {
  const blanks = question.blanks ?? []
  const found = blankPlaceholders(question.stem)
  if (!blanks.length && !found.length) return [{ code: 'noBlanks' }]
  const expected = blanks.map((_, index) => index + 1)
  const problems: QuestionProblem[] = []
  if (found.join() !== expected.join()) {
    problems.push({
      code: 'placeholderMismatch',
      params: { found: found.map((n) => `{{${n}}}`).join(' ') || '—', expected: blanks.length },
    })
  }
  blanks.forEach((b, index) => {
    if (!b.answers.some((answer) => !blank(answer))) {
      problems.push({ code: 'blankWithoutAnswer', params: { label: index + 1 } })
    }
  })
  return problems
}

function matchingProblems(question: Question): QuestionProblem[] {
  const pairs = question.pairs ?? []
  if (pairs.length < 2) return [{ code: 'tooFewPairs' }]
  const incomplete = pairs.flatMap((pair, index): QuestionProblem[] =>
    blank(pair.left) || blank(pair.right) ? [{ code: 'incompletePair', params: { label: index + 1 } }] : [],
  )
  const firstIndex = new Map<string, number>()
  const repeated = pairs.flatMap((pair, index): QuestionProblem[] => {
    const key = pair.left.trim().toLocaleLowerCase()
    if (!key) return []
    const other = firstIndex.get(key)
    if (other === undefined) {
      firstIndex.set(key, index)
      return []
    }
    return [{ code: 'duplicatePairLeft', params: { label: index + 1, other: other + 1 } }]
  })
  return [...incomplete, ...repeated]
}

const TYPE_CHECKS: Record<QuestionType, Check> = {
  single_choice: (q) =>
    choiceProblems(q, (count) => (count === 1 ? null : { code: 'notExactlyOneCorrect', params: { count } })),
  multiple_choice: (q) => choiceProblems(q, (count) => (count >= 1 ? null : { code: 'noCorrectOption' })),
  ordering: (q) => {
    const items = q.items ?? []
    if (items.length < 2) return [{ code: 'tooFewItems' }]
    return listProblems(
      items.map((i) => i.text),
      'blankItem',
      'duplicateItem',
    )
  },
  short_answer: () => [],
  true_false: (q) => (q.answer === undefined ? [{ code: 'missingAnswer' }] : []),
  attachment: (q) => (q.maxFiles === undefined ? [{ code: 'missingMaxFiles' }] : []),
  matching: matchingProblems,
  fill_blank: fillBlankProblems,
}

const ALL_TYPE_FIELDS = [...new Set(Object.values(TYPE_FIELDS).flat())]

function commonProblems(question: Question): QuestionProblem[] {
  const problems: QuestionProblem[] = []
  const images = stemImageHashes(question.stem)
  if (blank(stemText(question.stem)) && !images.length) problems.push({ code: 'emptyStem' })
  const listed = new Set(question.images.map((image) => image.sha256))
  for (const sha256 of images)
    if (!listed.has(sha256)) problems.push({ code: 'imageNotListed', params: { sha256 } })
  const own = TYPE_FIELDS[question.type]
  for (const field of ALL_TYPE_FIELDS) {
    if (question[field] !== undefined && !own.includes(field)) {
      problems.push({ code: 'fieldOfOtherType', params: { field, type: question.type } })
    }
  }
  return problems
}

/** Everything wrong with a question (empty when it can be published): the editor shows these. */
export function questionProblems(question: Question): QuestionProblem[] {
  return [...commonProblems(question), ...TYPE_CHECKS[question.type](question)]
}

/** Problems that would leave a stored question inconsistent, whatever its status. */
const INCONSISTENT: ReadonlySet<QuestionProblemCode> = new Set(['imageNotListed', 'fieldOfOtherType'])

/**
 * What refuses a save (the server's check): a draft is a draft and may be incomplete, so it is refused only when
 * inconsistent; publishing needs every problem fixed.
 */
export function saveProblems(question: Question): QuestionProblem[] {
  const problems = questionProblems(question)
  return question.status === 'published'
    ? problems
    : problems.filter((problem) => INCONSISTENT.has(problem.code))
}
