import { describe, expect, it } from 'vitest'
import { classSummaries, entryClassKey, planPromotion } from '../../../../domain/org/promotion/plan.ts'
import {
  SAMPLE_REGISTRATION_WITH_ANOMALIES,
  SAMPLE_STRUCTURE,
} from '../../../../domain/org/promotion/samples.ts'
import { parseStructureSheet } from '../../../../domain/org/promotion/structure-file.ts'
import { demoAddressBook, sequentialIds } from '../../../../domain/org/promotion/testing.ts'
import { entryRows, filterRows, previewSheets, type Translate } from './preview.ts'
import { storedGraceDays } from './use-grace-days.ts'

const t: Translate = (key, params) => (params ? `${key}${JSON.stringify(params)}` : key)

const plan = planPromotion(
  parseStructureSheet(SAMPLE_STRUCTURE).rows,
  SAMPLE_REGISTRATION_WITH_ANOMALIES,
  demoAddressBook(),
  { today: '2027-08-25', graceDays: 30, newId: sequentialIds() },
)

describe('promotion preview', () => {
  it('shows where each student goes and why a row is kept out', () => {
    const rows = entryRows(plan, t)
    expect(rows.find((r) => r.studentNo === '20267101')).toMatchObject({
      status: 'moved',
      from: '初一(1)班',
      to: '初二(1)班 · C2026-01',
      reasons: '',
    })
    expect(rows.find((r) => r.studentNo === '20267104')).toMatchObject({
      status: 'anomaly',
      to: 'C2026-09',
      reasons: 'promotion.anomalies.unknownClass{"detail":"C2026-09"}',
    })
    expect(rows.find((r) => r.studentNo === '20258103')?.reasons).toBe(
      'promotion.alumniOn{"date":"2027-09-25"}',
    )
  })

  it('filters by status (anomalies include warnings) and by class', () => {
    const rows = entryRows(plan, t)
    expect(filterRows(rows, 'anomaly', '', entryClassKey)).toHaveLength(6)
    expect(filterRows(rows, 'new', '', entryClassKey).map((r) => r.name)).toEqual(['林嘉欣', '何俊熙'])
    const [first] = classSummaries(plan)
    expect(filterRows(rows, 'all', first?.id ?? '', entryClassKey).map((r) => r.name)).toEqual([
      '林嘉欣',
      '梁子晴',
    ])
  })

  it('exports per class, every student line and the class structure', () => {
    const sheets = previewSheets(plan, classSummaries(plan), t)
    expect(sheets.map((s) => [s.name, s.rows.length])).toEqual([
      ['promotion.sheets.classes', 8],
      ['promotion.sheets.students', 17],
      ['promotion.sheets.structure', 10],
    ])
    expect(sheets[0]?.rows[0]).toEqual(['初一', '初一(1)班', 'C2027-01', 0, 1, 0, 0, 0, 1, 2, 2])
  })

  it('remembers a sane grace period, else the default', () => {
    expect(storedGraceDays('14')).toBe(14)
    expect(storedGraceDays('0')).toBe(0)
    expect(storedGraceDays(null)).toBe(30)
    expect(storedGraceDays('-3')).toBe(30)
    expect(storedGraceDays('abc')).toBe(30)
  })
})
