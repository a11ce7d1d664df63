/** Pieces shared by the question file formats: issues, content builders, the rule check, bytes. */
import { newId } from '../../documents.ts'
import { problemText, questionProblems } from '../rules.ts'
import type { Blank, ChoiceOption, MatchingPair, OrderingItem, Question } from '../types.ts'
import type { ExportResult, IssueLevel, ParsedQuestion, ParseIssue } from './types.ts'

export function issue(
  position: string,
  level: IssueLevel,
  code: string,
  message: string,
  params?: ParseIssue['params'],
): ParseIssue {
  return { position, level, code, message, ...(params ? { params } : {}) }
}

export const option = (text: string, correct: boolean): ChoiceOption => ({ id: newId(), text, correct })
export const item = (text: string): OrderingItem => ({ id: newId(), text })
export const pair = (left: string, right: string): MatchingPair => ({ id: newId(), left, right })
export const blank = (answers: string[]): Blank => ({ id: newId(), answers })

/**
 * The rules a question must pass to be saved, applied to what was read, so that the preview shows every
 * problem before importing (as errors `rule.<code>`). A stem holding only a not yet stored image is not empty.
 */
export function ruleIssues(parsed: ParsedQuestion): ParseIssue[] {
  const question: Question = {
    id: 'import',
    kind: 'question',
    schoolId: '',
    updatedAt: 0,
    subjectId: '',
    authorId: '',
    status: 'draft',
    createdAt: 0,
    lineageId: 'import',
    version: 1,
    images: [],
    attachments: [],
    ...parsed.content,
  }
  const hasFileImage = /<img\b[^>]*\bdata-file=/i.test(parsed.content.stem)
  return questionProblems(question)
    .filter((problem) => !(problem.code === 'emptyStem' && hasFileImage))
    .map((problem) =>
      issue(parsed.position, 'error', `rule.${problem.code}`, problemText(problem), problem.params),
    )
}

/** Adds the rule check of every question to a parse's issues. */
export function withRuleIssues(questions: ParsedQuestion[], issues: ParseIssue[]) {
  return { questions, issues: [...issues, ...questions.flatMap(ruleIssues)] }
}

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64.replace(/\s+/g, ''))
  return Uint8Array.from(binary, (char) => char.charCodeAt(0))
}

export function bytesToBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000
  let binary = ''
  for (let start = 0; start < bytes.length; start += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK))
  }
  return btoa(binary)
}

/** The question's name in a file: the start of its stem's text. */
export function questionName(stemPlainText: string, max = 80): string {
  const text = stemPlainText.replace(/\{\{(\d+)\}\}/g, '___')
  return text.length > max ? `${text.slice(0, max - 1)}…` : text || '—'
}

export type Skipped = ExportResult['skipped'][number]

export const skip = (questionId: string, code: string, message: string): Skipped => ({
  questionId,
  code,
  message,
})
