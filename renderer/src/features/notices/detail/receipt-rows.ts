import { isChoice, type NoticeQuestion } from '../../../../../domain/notices/notice.ts'
import type { Answer, Receipt, RecipientKind } from '../../../../../domain/notices/receipt.ts'

/** Where a recipient stands: not opened yet, opened, or answered the form. */
export type ReceiptState = 'unread' | 'read' | 'answered'

/** The pseudo class of recipients reached outside any class (staff, departments). */
export const NO_CLASS = ''

export interface ReceiptCounts {
  delivered: number
  read: number
  answered: number
}

export interface ClassCounts extends ReceiptCounts {
  classId: string
  name: string
}

/** The recipients list's filters; `classId` null matches every class. */
export interface RecipientFilter {
  unread: boolean
  notAnswered: boolean
  classId: string | null
}

/** Names by id from the address book; an unknown one (not synced, not visible) shows as its id. */
export interface RecipientNames {
  people: ReadonlyMap<string, string>
  classes: ReadonlyMap<string, string>
}

/** A row of the recipients list: the receipt and its columns as shown. */
export interface RecipientRow {
  id: string
  receipt: Receipt
  name: string
  personKind: RecipientKind
  classes: string
  /** The children a guardian was reached through, joined (empty for students and staff). */
  students: string
  state: ReceiptState
}

export function stateOf(receipt: Receipt): ReceiptState {
  if (receipt.answeredAt !== undefined) return 'answered'
  return receipt.readAt !== undefined ? 'read' : 'unread'
}

export function countsOf(receipts: readonly Receipt[]): ReceiptCounts {
  let read = 0
  let answered = 0
  for (const receipt of receipts) {
    if (receipt.readAt !== undefined) read++
    if (receipt.answeredAt !== undefined) answered++
  }
  return { delivered: receipts.length, read, answered }
}

/** The classes a receipt counts in; one reached through no class counts in `NO_CLASS`. */
const classesOf = (receipt: Receipt) => (receipt.classIds.length > 0 ? receipt.classIds : [NO_CLASS])

/**
 * Counts per class, classes by name with `NO_CLASS` last. A guardian of children in two classes counts in
 * both, so the classes may add up to more than the overall counts.
 */
export function countsByClass(receipts: readonly Receipt[], names: RecipientNames): ClassCounts[] {
  const byClass = new Map<string, Receipt[]>()
  for (const receipt of receipts) {
    for (const classId of classesOf(receipt)) byClass.set(classId, [...(byClass.get(classId) ?? []), receipt])
  }
  return [...byClass]
    .map(([classId, inClass]) => ({ classId, name: className(classId, names), ...countsOf(inClass) }))
    .sort(
      (a, b) =>
        Number(a.classId === NO_CLASS) - Number(b.classId === NO_CLASS) || a.name.localeCompare(b.name),
    )
}

const className = (classId: string, names: RecipientNames) => names.classes.get(classId) ?? classId

export function matchesFilter(receipt: Receipt, filter: RecipientFilter): boolean {
  return (
    (!filter.unread || receipt.readAt === undefined) &&
    (!filter.notAnswered || receipt.answeredAt === undefined) &&
    (filter.classId === null || classesOf(receipt).includes(filter.classId))
  )
}

const childrenOf = (receipt: Receipt, names: RecipientNames) =>
  receipt.studentIds.map((id) => names.people.get(id) ?? id).join('、')

/** The rows of `receipts` that pass `filter`, by class (those in no class last) then name. */
export function recipientRows(
  receipts: readonly Receipt[],
  filter: RecipientFilter,
  names: RecipientNames,
): RecipientRow[] {
  return receipts
    .filter((receipt) => matchesFilter(receipt, filter))
    .map((receipt) => ({
      id: receipt.id,
      receipt,
      name: names.people.get(receipt.personId) ?? receipt.personId,
      personKind: receipt.personKind,
      classes: receipt.classIds.map((id) => className(id, names)).join('、'),
      students: receipt.personKind === 'guardian' ? childrenOf(receipt, names) : '',
      state: stateOf(receipt),
    }))
    .sort(
      (a, b) =>
        Number(a.classes === '') - Number(b.classes === '') ||
        a.classes.localeCompare(b.classes) ||
        a.name.localeCompare(b.name),
    )
}

/** The text of one answer: choices joined, file names joined, nothing when unanswered. */
export function answerText(answer: Answer | undefined): string {
  if (answer === undefined) return ''
  if (typeof answer === 'string') return answer
  return answer.map((item) => (typeof item === 'string' ? item : item.name)).join('、')
}

export interface OptionCount {
  option: string
  count: number
}

/** For a choice question: how many answers picked each option. */
export interface ChoiceStatistics {
  question: NoticeQuestion
  options: OptionCount[]
}

export function choiceStatistics(
  questions: readonly NoticeQuestion[],
  receipts: readonly Receipt[],
): ChoiceStatistics[] {
  return questions.filter(isChoice).map((question) => {
    const counts = new Map((question.options ?? []).map((option) => [option, 0]))
    for (const receipt of receipts) {
      const answer = receipt.answers?.[question.id]
      const picked = typeof answer === 'string' ? [answer] : (answer ?? [])
      for (const option of picked) {
        if (typeof option === 'string' && counts.has(option))
          counts.set(option, (counts.get(option) ?? 0) + 1)
      }
    }
    return { question, options: [...counts].map(([option, count]) => ({ option, count })) }
  })
}

export interface RemainingTime {
  hours: number
  minutes: number
}

/** `ms` as whole hours and minutes, rounded up to the minute (a recall possible for 30 s still shows 1 min). */
export function hoursAndMinutes(ms: number): RemainingTime {
  const minutes = Math.ceil(ms / 60_000)
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 }
}
