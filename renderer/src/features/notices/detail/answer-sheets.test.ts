import { describe, expect, it } from 'vitest'
import type { NoticeQuestion } from '../../../../../domain/notices/notice.ts'
import type { Receipt } from '../../../../../domain/notices/receipt.ts'
import { receipt as noticeReceipt } from '../../../../../domain/notices/testing.ts'
import { readTables, writeTables } from '../../../ui/excel/workbook.ts'
import { answersSheet, statisticsSheet, type SheetWords } from './answer-sheets.ts'
import { recipientRows } from './receipt-rows.ts'

const questions: NoticeQuestion[] = [
  { id: 'go', type: 'single', title: '是否参加', options: ['参加', '不参加'], required: true },
  { id: 'food', type: 'multiple', title: '午餐', options: ['米饭', '面条'], required: false },
  { id: 'note', type: 'text', title: '备注', required: false },
]

const words: SheetWords = {
  answersSheet: 'Answers',
  statisticsSheet: 'Statistics',
  name: 'Name',
  kind: 'Type',
  personKind: (kind) => kind.toUpperCase(),
  classes: 'Class',
  students: 'Child',
  state: 'Receipt',
  stateName: (state) => `<${state}>`,
  readAt: 'Read at',
  answeredAt: 'Answered at',
  delivered: 'Delivered',
  read: 'Read',
  answered: 'Answered',
  question: 'Question',
  option: 'Option',
  count: 'Count',
  time: (ms) => (ms === undefined ? '' : `t${ms}`),
}

function receipt(personId: string, changes: Partial<Receipt> = {}): Receipt {
  return noticeReceipt('n1', personId, { classIds: ['c1'], deliveredAt: 100, ...changes })
}

const names = { people: new Map([['chen', '陈爸爸']]), classes: new Map([['c1', '初一(1)班']]) }
const rows = recipientRows(
  [
    receipt('chen', {
      readAt: 5,
      answeredAt: 6,
      answers: { go: '参加', food: ['米饭', '面条'], note: '晕车' },
    }),
    receipt('li', { readAt: 7 }),
  ],
  { unread: false, notAnswered: false, classId: null },
  names,
)

describe('answer export', () => {
  it('has one row per recipient and one column per question', () => {
    const sheet = answersSheet(rows, questions, words)
    expect(sheet.columns.map((column) => column.header)).toEqual([
      'Name',
      'Type',
      'Class',
      'Child',
      'Receipt',
      'Read at',
      'Answered at',
      '是否参加',
      '午餐',
      '备注',
    ])
    expect(sheet.rows).toEqual([
      ['li', 'GUARDIAN', '初一(1)班', '', '<read>', 't7', '', '', '', ''],
      ['陈爸爸', 'GUARDIAN', '初一(1)班', '', '<answered>', 't5', 't6', '参加', '米饭、面条', '晕车'],
    ])
  })

  it('counts the recipients and each option of the choice questions, read back from the .xlsx', async () => {
    const file = await writeTables([
      answersSheet(rows, questions, words),
      statisticsSheet(rows, questions, words),
    ])
    const [answers, statistics] = await readTables(file)
    expect(answers?.rows).toHaveLength(3)
    expect(statistics).toEqual({
      name: 'Statistics',
      rows: [
        ['Question', 'Option', 'Count'],
        ['Delivered', '', '2'],
        ['Read', '', '2'],
        ['Answered', '', '1'],
        ['是否参加', '参加', '1'],
        ['是否参加', '不参加', '0'],
        ['午餐', '米饭', '1'],
        ['午餐', '面条', '1'],
      ],
    })
  })
})
