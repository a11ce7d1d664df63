import { stemText } from './stem.ts'
import type { Question, QuestionStatus, QuestionType } from './types.ts'
import { supersededIds } from './versions.ts'

/** QB-2: what the question list (and the homework's question picker) shows; an unset criterion matches all. */
export interface QuestionFilter {
  subjectId?: string
  type?: QuestionType
  authorId?: string
  status?: QuestionStatus
  /** Whitespace-separated terms, every one of which must occur (see `createQuestionIndex`). */
  text?: string
  /** Hide the versions a newer published version supersedes. */
  latestOnly: boolean
}

export function defaultQuestionFilter(): QuestionFilter {
  return { latestOnly: true }
}

const BLANK = /\{\{\d+\}\}/g

/** What is precomputed once per question document. */
interface Entry {
  question: Question
  /** The stem as plain text, for lists (blanks as `___`). */
  title: string
  /** Everything searched, folded (see `fold`). */
  haystack: string
}

/** One list of questions, prepared once: newest first, with its superseded versions. */
interface Prepared {
  entries: Entry[]
  superseded: Set<string>
}

export interface QuestionIndex {
  /** The questions that match `filter`, newest (`createdAt`) first. */
  filter(questions: readonly Question[], filter: QuestionFilter): Question[]
  /** The stem as plain text, its blanks drawn as `___` (cached). */
  title(question: Question): string
  /** The ids of the versions of `questions` a newer published version supersedes (cached with the list). */
  superseded(questions: readonly Question[]): ReadonlySet<string>
}

/**
 * Case and width folded, so that "ABC", "abc" and full-width "ＡＢＣ" match each other (NFKC), as do the
 * compatibility forms of Chinese punctuation. Chinese needs no word segmentation: terms match as substrings.
 */
function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase()
}

/** The terms of a search: whitespace-separated (the ideographic space too), folded. */
export function searchTerms(text: string | undefined): string[] {
  return fold(text ?? '')
    .split(/\s+/)
    .filter((term) => term !== '')
}

/**
 * What the full-text search looks at: what a student reads — the stem, the options of a choice question, the
 * items of an ordering question and both sides of the matching pairs. Not the answers of other types, nor the
 * explanation: searching for a word of the question should not bring up every question whose explanation
 * mentions it.
 */
function searchableText(question: Question, stem: string): string {
  const parts = [stem]
  for (const option of question.options ?? []) parts.push(option.text)
  for (const item of question.items ?? []) parts.push(item.text)
  for (const pair of question.pairs ?? []) parts.push(pair.left, pair.right)
  // A separator no term can contain (terms have no whitespace): a term never matches across two parts.
  return fold(parts.join('\n'))
}

function matches(entry: Entry, filter: QuestionFilter, terms: readonly string[], superseded: Set<string>) {
  const question = entry.question
  return (
    (!filter.subjectId || question.subjectId === filter.subjectId) &&
    (!filter.type || question.type === filter.type) &&
    (!filter.authorId || question.authorId === filter.authorId) &&
    (!filter.status || question.status === filter.status) &&
    (!filter.latestOnly || !superseded.has(question.id)) &&
    terms.every((term) => entry.haystack.includes(term))
  )
}

function newestFirst(a: Entry, b: Entry): number {
  const byTime = b.question.createdAt - a.question.createdAt
  if (byTime !== 0) return byTime
  return a.question.id < b.question.id ? -1 : a.question.id > b.question.id ? 1 : 0
}

/**
 * A search index over question lists. The searchable text of each document is computed once and cached by the
 * document object itself (the store hands out a new object only when a document changes), and each list is
 * sorted once (cached by the list object): while the user types, a search is one pass of `includes` over the
 * prepared texts.
 */
export function createQuestionIndex(): QuestionIndex {
  const entries = new WeakMap<Question, Entry>()
  const lists = new WeakMap<readonly Question[], Prepared>()

  function entryOf(question: Question): Entry {
    let entry = entries.get(question)
    if (!entry) {
      const text = stemText(question.stem)
      entry = { question, title: text.replace(BLANK, '___'), haystack: searchableText(question, text) }
      entries.set(question, entry)
    }
    return entry
  }

  function prepare(questions: readonly Question[]): Prepared {
    let prepared = lists.get(questions)
    if (!prepared) {
      const sorted = questions.map(entryOf).sort(newestFirst)
      prepared = { entries: sorted, superseded: supersededIds(questions) }
      lists.set(questions, prepared)
    }
    return prepared
  }

  return {
    filter(questions, filter) {
      const { entries: sorted, superseded } = prepare(questions)
      const terms = searchTerms(filter.text)
      const result: Question[] = []
      for (const entry of sorted) {
        if (matches(entry, filter, terms, superseded)) result.push(entry.question)
      }
      return result
    },
    title: (question) => entryOf(question).title,
    superseded: (questions) => prepare(questions).superseded,
  }
}
