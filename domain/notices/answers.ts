import { isSha256, type BlobRef } from '../blobs/blob-ref.ts'
import { isPlainObject } from '../documents.ts'
import type { NoticeQuestion } from './notice.ts'
import type { Answer, Answers, Receipt } from './receipt.ts'

export const ANSWER_PROBLEMS = [
  'required',
  'unknown-question',
  'unknown-option',
  'one-choice',
  'wrong-type',
] as const
export type AnswerProblemCode = (typeof ANSWER_PROBLEMS)[number]

/** What is wrong with the answer to one question; the phone and the desktop word it in the user's language. */
export interface AnswerProblem {
  questionId: string
  /** The question's title (empty for an unknown question). */
  title: string
  code: AnswerProblemCode
}

export const TEXT_ANSWER_MAX = 5000

const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string')

const isBlobRefList = (value: unknown): value is BlobRef[] =>
  Array.isArray(value) &&
  value.every(
    (item) =>
      isPlainObject(item) &&
      typeof item.sha256 === 'string' &&
      isSha256(item.sha256) &&
      typeof item.name === 'string' &&
      typeof item.size === 'number' &&
      typeof item.mime === 'string',
  )

/** Is `answer` left empty (no choice, blank text, no file)? */
export function isUnanswered(answer: Answer | undefined): boolean {
  if (answer === undefined) return true
  return typeof answer === 'string' ? answer.trim() === '' : answer.length === 0
}

function problemOf(question: NoticeQuestion, answer: unknown): AnswerProblemCode | null {
  const options = question.options ?? []
  switch (question.type) {
    case 'single':
      if (Array.isArray(answer)) return answer.length > 1 ? 'one-choice' : 'wrong-type'
      if (typeof answer !== 'string') return 'wrong-type'
      return answer === '' || options.includes(answer) ? null : 'unknown-option'
    case 'multiple':
      if (!isStringList(answer) || new Set(answer).size !== answer.length) return 'wrong-type'
      return answer.every((choice) => options.includes(choice)) ? null : 'unknown-option'
    case 'text':
      return typeof answer === 'string' && answer.length <= TEXT_ANSWER_MAX ? null : 'wrong-type'
    case 'attachment':
      return isBlobRefList(answer) ? null : 'wrong-type'
  }
}

/**
 * Checks a recipient's answers to a notice's form: every required question answered, choices among the options,
 * one value for a single choice, values of the question's type, no unknown question. Shared by the phone API
 * and the desktop's preview. Empty when the answers can be stored.
 */
export function answerProblems(questions: readonly NoticeQuestion[], answers: unknown): AnswerProblem[] {
  if (!isPlainObject(answers)) return [{ questionId: '', title: '', code: 'wrong-type' }]
  const byId = new Map(questions.map((question) => [question.id, question]))
  const unknown = Object.keys(answers)
    .filter((id) => !byId.has(id))
    .map((questionId): AnswerProblem => ({ questionId, title: '', code: 'unknown-question' }))
  const known = questions.flatMap((question): AnswerProblem[] => {
    const answer = answers[question.id]
    const given = answer !== undefined && !isUnanswered(answer as Answer)
    const code = given ? problemOf(question, answer) : question.required ? 'required' : null
    return code ? [{ questionId: question.id, title: question.title, code }] : []
  })
  return [...known, ...unknown]
}

/** The answers with the unanswered questions left out (what a receipt stores). */
export function keptAnswers(answers: Answers): Answers {
  return Object.fromEntries(Object.entries(answers).filter(([, answer]) => !isUnanswered(answer)))
}

const PROBLEM_TEXT: Record<AnswerProblemCode, string> = {
  required: 'needs an answer',
  'unknown-question': 'is not a question of this notice',
  'unknown-option': 'has an answer that is not one of its options',
  'one-choice': 'takes a single choice',
  'wrong-type': 'has an answer of the wrong type',
}

/** An English sentence naming the question, for API errors. */
export function answerProblemText({ questionId, title, code }: AnswerProblem): string {
  const name = title ? `question "${title}" (${questionId})` : `question ${questionId || '(answers)'}`
  return `${name} ${PROBLEM_TEXT[code]}`
}

/** Does the notice ask for an answer that `answers` still lacks (reminders then go to this person)? */
export function missesRequiredAnswer(
  questions: readonly NoticeQuestion[],
  answers: Answers | undefined,
): boolean {
  return questions.some((question) => question.required && isUnanswered(answers?.[question.id]))
}

/** Does a reminder go to `receipt`'s person: not read yet, or a required answer still missing? */
export function awaitsReminder(
  questions: readonly NoticeQuestion[],
  receipt: Pick<Receipt, 'readAt' | 'answers'>,
): boolean {
  return receipt.readAt === undefined || missesRequiredAnswer(questions, receipt.answers)
}
