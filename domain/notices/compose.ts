import {
  hasAudience,
  isChoice,
  type Audience,
  type NoticeLink,
  type NoticeQuestion,
  type NoticeQuestionType,
} from './notice.ts'

/** What the desktop's compose page edits: the fields of a notice its author chooses. */
export interface ComposedFields {
  title: string
  body: string
  links: NoticeLink[]
  questions: NoticeQuestion[]
  audience: Audience
  ccStaffIds: string[]
  /** When to deliver (ms); absent: at once. */
  sendAt?: number
}

export const COMPOSE_PROBLEMS = [
  'title-missing',
  'title-too-long',
  'no-recipients',
  'question-title',
  'options-few',
  'option-blank',
  'options-repeat',
  'link-title',
  'link-url',
  'send-at-past',
] as const
export type ComposeProblemCode = (typeof COMPOSE_PROBLEMS)[number]

/** What keeps a notice from being saved or sent; `index` is the question's or link's position (from 1). */
export interface ComposeProblem {
  code: ComposeProblemCode
  index?: number
}

export const TITLE_MAX = 120
const LINK_URL = /^https?:\/\/\S+$/

const isBlank = (text: string) => text.trim() === ''

/** A question that is not ready yet: an empty title, too few, blank or repeated options. */
function questionProblems(question: NoticeQuestion, index: number): ComposeProblem[] {
  const at = (code: ComposeProblemCode): ComposeProblem => ({ code, index: index + 1 })
  const options = question.options ?? []
  return [
    ...(isBlank(question.title) ? [at('question-title')] : []),
    ...(isChoice(question) && options.length < 2 ? [at('options-few')] : []),
    ...(options.some(isBlank) ? [at('option-blank')] : []),
    ...(new Set(options.map((option) => option.trim())).size !== options.length
      ? [at('options-repeat')]
      : []),
  ]
}

function linkProblems(link: NoticeLink, index: number): ComposeProblem[] {
  const at = (code: ComposeProblemCode): ComposeProblem => ({ code, index: index + 1 })
  return [
    ...(isBlank(link.title) ? [at('link-title')] : []),
    ...(LINK_URL.test(link.url) ? [] : [at('link-url')]),
  ]
}

/**
 * What is wrong with the composed notice, checked live on the compose page. A draft needs a title and complete
 * questions and links (the server stores nothing less); sending also needs recipients and a time still to come
 * (`now` is this PC's clock: it only warns, the server's clock decides the delivery).
 */
export function composeProblems(fields: ComposedFields, sending: boolean, now: number): ComposeProblem[] {
  const title = fields.title.trim()
  return [
    ...(title === '' ? [{ code: 'title-missing' as const }] : []),
    ...(title.length > TITLE_MAX ? [{ code: 'title-too-long' as const }] : []),
    ...fields.questions.flatMap(questionProblems),
    ...fields.links.flatMap(linkProblems),
    ...(sending && !hasAudience(fields.audience) ? [{ code: 'no-recipients' as const }] : []),
    ...(sending && fields.sendAt !== undefined && fields.sendAt <= now
      ? [{ code: 'send-at-past' as const }]
      : []),
  ]
}

/** The audience as stored: empty lists left out, `wholeSchool` only when set. */
export function storedAudience(audience: Audience): Audience {
  const lists = (['classIds', 'studentIds', 'staffIds', 'departmentIds'] as const).flatMap((key) => {
    const ids = [...new Set(audience[key] ?? [])]
    return ids.length > 0 ? [[key, ids] as const] : []
  })
  return { ...(audience.wholeSchool ? { wholeSchool: true as const } : {}), ...Object.fromEntries(lists) }
}

/** The fields as stored: titles and options trimmed, the audience without empty lists. */
export function storedFields(fields: ComposedFields): ComposedFields {
  const { sendAt, ...rest } = fields
  return {
    ...rest,
    title: fields.title.trim(),
    links: fields.links.map((link) => ({ title: link.title.trim(), url: link.url.trim() })),
    questions: fields.questions.map((question) => ({
      ...question,
      title: question.title.trim(),
      ...(question.options ? { options: question.options.map((option) => option.trim()) } : {}),
    })),
    audience: storedAudience(fields.audience),
    ccStaffIds: [...new Set(fields.ccStaffIds)],
    ...(sendAt !== undefined ? { sendAt } : {}),
  }
}

/** A new question of `type`: choices start with two empty options to fill in. */
export function newQuestion(id: string, type: NoticeQuestionType): NoticeQuestion {
  return { id, type, title: '', required: true, ...(isChoice({ type }) ? { options: ['', ''] } : {}) }
}

/** The question as `type`: a choice keeps its options (two empty ones when it had none); other types have none. */
export function withType(question: NoticeQuestion, type: NoticeQuestionType): NoticeQuestion {
  const { options, ...rest } = question
  if (!isChoice({ type })) return { ...rest, type }
  return { ...rest, type, options: options && options.length > 0 ? options : ['', ''] }
}

/** `list` with the item at `index` moved by `delta` places (unchanged when that leaves the list). */
export function moved<T>(list: readonly T[], index: number, delta: number): T[] {
  const target = index + delta
  if (index < 0 || index >= list.length || target < 0 || target >= list.length) return [...list]
  const result = [...list]
  const [item] = result.splice(index, 1)
  result.splice(target, 0, item as T)
  return result
}

/** The staff CC'd, with or without the author ("CC myself"). */
export function withCcSelf(ccStaffIds: readonly string[], selfId: string, included: boolean): string[] {
  const others = ccStaffIds.filter((id) => id !== selfId)
  return included ? [...others, selfId] : others
}
