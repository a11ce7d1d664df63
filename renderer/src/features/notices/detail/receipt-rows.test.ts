import { describe, expect, it } from 'vitest'
import { notice, receipt as noticeReceipt } from '../../../../../domain/notices/testing.ts'
import type { Receipt } from '../../../../../domain/notices/receipt.ts'
import {
  answerText,
  choiceStatistics,
  countsByClass,
  countsOf,
  hoursAndMinutes,
  NO_CLASS,
  recipientRows,
  type RecipientFilter,
  type RecipientNames,
} from './receipt-rows.ts'

function receipt(personId: string, changes: Partial<Receipt> = {}): Receipt {
  return noticeReceipt('n1', personId, { classIds: ['c1'], deliveredAt: 100, ...changes })
}

const names: RecipientNames = {
  people: new Map([
    ['chen', '陈爸爸'],
    ['li', '李妈妈'],
    ['wang', '王老师'],
    ['s1', '陈小明'],
  ]),
  classes: new Map([
    ['c1', '初一(1)班'],
    ['c2', '初一(2)班'],
  ]),
}

const receipts = [
  receipt('chen', { studentIds: ['s1'], readAt: 200, answeredAt: 210, answers: { go: '参加' } }),
  receipt('li', { classIds: ['c1', 'c2'], readAt: 300 }),
  receipt('zhao', { classIds: ['c2'] }),
  receipt('wang', { personKind: 'staff', classIds: [] }),
]
const everyone: RecipientFilter = { unread: false, notAnswered: false, classId: null }

describe('notice receipts', () => {
  it('count delivered, read and answered overall', () => {
    expect(countsOf(receipts)).toEqual({ delivered: 4, read: 2, answered: 1 })
    expect(countsOf([])).toEqual({ delivered: 0, read: 0, answered: 0 })
  })

  it('count per class by name, a guardian of two classes in both, staff last outside any class', () => {
    expect(countsByClass(receipts, names)).toEqual([
      { classId: 'c1', name: '初一(1)班', delivered: 2, read: 2, answered: 1 },
      { classId: 'c2', name: '初一(2)班', delivered: 2, read: 1, answered: 0 },
      { classId: NO_CLASS, name: '', delivered: 1, read: 0, answered: 0 },
    ])
  })

  it('filter unread, not answered and by class, each alone and together', () => {
    const ids = (filter: Partial<RecipientFilter>) =>
      recipientRows(receipts, { ...everyone, ...filter }, names).map((row) => row.receipt.personId)
    expect(ids({})).toHaveLength(4)
    expect(ids({ unread: true }).sort()).toEqual(['wang', 'zhao'])
    expect(ids({ notAnswered: true }).sort()).toEqual(['li', 'wang', 'zhao'])
    expect(ids({ classId: 'c2' }).sort()).toEqual(['li', 'zhao'])
    expect(ids({ classId: NO_CLASS })).toEqual(['wang'])
    expect(ids({ classId: 'c1', notAnswered: true })).toEqual(['li'])
  })

  it('show rows with names, classes, children and state; an unknown person by id', () => {
    const rows = recipientRows(receipts, everyone, names)
    expect(rows.find((row) => row.id === 'n1:chen')).toMatchObject({
      name: '陈爸爸',
      classes: '初一(1)班',
      students: '陈小明',
      state: 'answered',
    })
    expect(rows.find((row) => row.id === 'n1:li')).toMatchObject({
      classes: '初一(1)班、初一(2)班',
      state: 'read',
    })
    expect(rows.find((row) => row.id === 'n1:zhao')).toMatchObject({ name: 'zhao', state: 'unread' })
    expect(rows.at(-1)).toMatchObject({ name: '王老师', classes: '', students: '' })
    const student = receipt('s1', { personKind: 'student', studentIds: ['s1'] })
    expect(recipientRows([student], everyone, names)[0]).toMatchObject({ name: '陈小明', students: '' })
  })

  it('write answers as text: a choice, choices, files by name, nothing when unanswered', () => {
    const file = { sha256: 'a'.repeat(64), name: '回执.pdf', size: 1, mime: 'application/pdf' }
    expect(answerText('参加')).toBe('参加')
    expect(answerText(['米饭', '面条'])).toBe('米饭、面条')
    expect(answerText([file])).toBe('回执.pdf')
    expect(answerText(undefined)).toBe('')
  })

  it('count each option of the choice questions, ignoring options no longer offered', () => {
    const questions = [
      ...notice().questions,
      { id: 'food', type: 'multiple' as const, title: '午餐', options: ['米饭', '面条'], required: false },
    ]
    const answered = [
      receipt('a', { answers: { go: '参加', food: ['米饭', '面条'] } }),
      receipt('b', { answers: { go: '参加', food: ['面条'], note: '晕车' } }),
      receipt('c', { answers: { go: '不参加', food: ['饺子'] } }),
      receipt('d'),
    ]
    expect(
      choiceStatistics(questions, answered).map(({ question, options }) => [question.id, options]),
    ).toEqual([
      [
        'go',
        [
          { option: '参加', count: 2 },
          { option: '不参加', count: 1 },
        ],
      ],
      [
        'food',
        [
          { option: '米饭', count: 1 },
          { option: '面条', count: 2 },
        ],
      ],
    ])
  })

  it('show the recall time left in hours and minutes, rounded up to the minute', () => {
    expect(hoursAndMinutes(24 * 3_600_000)).toEqual({ hours: 24, minutes: 0 })
    expect(hoursAndMinutes(5 * 3_600_000 + 7 * 60_000 + 1)).toEqual({ hours: 5, minutes: 8 })
    expect(hoursAndMinutes(30_000)).toEqual({ hours: 0, minutes: 1 })
    expect(hoursAndMinutes(0)).toEqual({ hours: 0, minutes: 0 })
  })
})
