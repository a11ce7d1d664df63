import type { NoticeQuestion } from '../../../../../domain/notices/notice.ts'
import type { CellValue, TableSheet } from '../../../ui/excel/workbook.ts'
import {
  answerText,
  choiceStatistics,
  countsOf,
  type ReceiptState,
  type RecipientRow,
} from './receipt-rows.ts'

/** The words of the export in the user's language. */
export interface SheetWords {
  answersSheet: string
  statisticsSheet: string
  name: string
  kind: string
  personKind: (kind: RecipientRow['personKind']) => string
  classes: string
  students: string
  state: string
  stateName: (state: ReceiptState) => string
  readAt: string
  answeredAt: string
  delivered: string
  read: string
  answered: string
  question: string
  option: string
  count: string
  /** A server time (ms) as the user reads it. */
  time: (ms: number | undefined) => string
}

/** One row per recipient, one column per question after the recipient's own columns. */
export function answersSheet(
  rows: readonly RecipientRow[],
  questions: readonly NoticeQuestion[],
  words: SheetWords,
): TableSheet {
  return {
    name: words.answersSheet,
    columns: [
      { header: words.name, width: 14 },
      { header: words.kind, width: 10 },
      { header: words.classes, width: 16 },
      { header: words.students, width: 16 },
      { header: words.state, width: 10 },
      { header: words.readAt, width: 18 },
      { header: words.answeredAt, width: 18 },
      ...questions.map((question) => ({ header: question.title, width: 20 })),
    ],
    rows: rows.map(({ receipt, name, personKind, classes, students, state }) => [
      name,
      words.personKind(personKind),
      classes,
      students,
      words.stateName(state),
      words.time(receipt.readAt),
      words.time(receipt.answeredAt),
      ...questions.map((question) => answerText(receipt.answers?.[question.id])),
    ]),
  }
}

/** The counts of `rows`, then for each choice question the count per option. */
export function statisticsSheet(
  rows: readonly RecipientRow[],
  questions: readonly NoticeQuestion[],
  words: SheetWords,
): TableSheet {
  const receipts = rows.map((row) => row.receipt)
  const counts = countsOf(receipts)
  const choiceRows: CellValue[][] = choiceStatistics(questions, receipts).flatMap(({ question, options }) =>
    options.map(({ option, count }) => [question.title, option, count]),
  )
  return {
    name: words.statisticsSheet,
    columns: [
      { header: words.question, width: 24 },
      { header: words.option, width: 20 },
      { header: words.count, width: 10 },
    ],
    rows: [
      [words.delivered, '', counts.delivered],
      [words.read, '', counts.read],
      [words.answered, '', counts.answered],
      ...choiceRows,
    ],
  }
}
