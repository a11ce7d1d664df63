/** Test helpers: questions from parsed content, hashing with the platform's (Node's) Web Crypto. */
import type { Question } from '../types.ts'
import { resolveImportedImages } from './images.ts'
import type { BlobBytes, ParsedQuestion, ParseResult, QuestionContent } from './types.ts'

export async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(bytes))
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('')
}

let counter = 0

export function questionOf(content: QuestionContent, extra: Partial<Question> = {}): Question {
  counter += 1
  return {
    id: `q${counter}`,
    kind: 'question',
    schoolId: 'school',
    updatedAt: 0,
    subjectId: 'math',
    authorId: 'teacher',
    status: 'draft',
    createdAt: 0,
    lineageId: `q${counter}`,
    version: 1,
    images: [],
    attachments: [],
    ...content,
    ...extra,
  }
}

/** What an import would store: questions with their images resolved, and the bytes by SHA-256. */
export async function stored(result: ParseResult): Promise<{ questions: Question[]; bytesOf: BlobBytes }> {
  const bytes = new Map<string, Uint8Array>()
  const questions: Question[] = []
  for (const parsed of result.questions) {
    const resolved = await resolveImportedImages(parsed, sha256)
    for (const file of resolved.files) bytes.set(file.ref.sha256, file.bytes)
    questions.push(questionOf({ ...parsed.content, stem: resolved.stem }, { images: resolved.images }))
  }
  return { questions, bytesOf: async (sha) => bytes.get(sha) ?? null }
}

export const contents = (questions: readonly Question[]) =>
  questions.map((q) =>
    withoutIds({
      type: q.type,
      stem: q.stem,
      explanation: q.explanation,
      options: q.options,
      items: q.items,
      answer: q.answer,
      referenceAnswer: q.referenceAnswer,
      maxFiles: q.maxFiles,
      pairs: q.pairs,
      blanks: q.blanks,
    }),
  )

export const errorsOf = (result: ParseResult) => result.issues.filter((issue) => issue.level === 'error')
export const codesOf = (result: ParseResult) => result.issues.map((issue) => `${issue.level}:${issue.code}`)
export const byName = (result: ParseResult, name: string): ParsedQuestion => {
  const found = result.questions.find((question) => question.name === name)
  if (!found) throw new Error(`no question named ${name}`)
  return found
}

/** The same content without the ids of options, items, pairs and blanks (ids are new on every import). */
export function withoutIds(content: QuestionContent): unknown {
  const strip = <T extends { id: string }>(list?: T[]) => list?.map(({ id: _id, ...rest }) => rest)
  return {
    ...content,
    options: strip(content.options),
    items: strip(content.items),
    pairs: strip(content.pairs),
    blanks: strip(content.blanks),
  }
}
