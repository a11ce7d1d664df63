import { describe, expect, it } from 'vitest'
import { planImportInChunks } from './plan.ts'
import { emptyWrites, type RowReport } from './report.ts'
import {
  alsoWrittenKinds,
  progressPercent,
  reportInDisplayOrder,
  rowState,
  writeCount,
} from './report-view.ts'
import { testBook } from './testing.ts'

const row = (number: number, status: RowReport['status'], action?: RowReport['action']): RowReport => ({
  row: number,
  label: `row ${number}`,
  status,
  action,
  messages: [],
})

describe('import report view', () => {
  it('lists errors first, then in file order', () => {
    const rows = [row(4, 'ok', 'create'), row(3, 'error'), row(2, 'ok', 'update'), row(5, 'error')]
    expect(reportInDisplayOrder(rows).map((r) => r.row)).toEqual([3, 5, 2, 4])
    expect(rows.map((r) => r.row)).toEqual([4, 3, 2, 5])
  })

  it('says what importing does with a row', () => {
    expect(rowState(row(2, 'error'))).toBe('error')
    expect(rowState(row(2, 'ok', 'create'))).toBe('create')
    expect(rowState(row(2, 'ok'))).toBe('unchanged')
  })

  it('turns progress into whole percent', () => {
    expect(progressPercent({ done: 0, total: 0 })).toBe(0)
    expect(progressPercent({ done: 1, total: 3 })).toBe(33)
    expect(progressPercent({ done: 3, total: 3 })).toBe(100)
  })

  it('names the kinds written besides the file’s own, and counts every write', async () => {
    const header = [
      '姓名*',
      '学号*',
      '国家学籍号',
      '本地学籍号',
      '身份证号',
      '班级*',
      '学生手机',
      '家长1姓名',
      '家长1关系',
      '家长1手机',
    ]
    const plan = await planImportInChunks(
      'students',
      [header, ['刘一诺', 'S002', '', '', '', '初一(2)班', '', '刘家长', '父亲', '13900000002']],
      testBook(),
    )
    expect(alsoWrittenKinds(plan)).toEqual(['guardian'])
    expect(writeCount(plan.writes)).toBe(2)
    expect(alsoWrittenKinds({ type: 'staff', writes: emptyWrites() })).toEqual([])
    expect(writeCount(emptyWrites())).toBe(0)
  })
})
