import { describe, expect, it } from 'vitest'
import { validateDocument } from '../validation.ts'
import {
  copyPeriods,
  describeTermProblem,
  overlappingTerms,
  periodProblems,
  termsOverlap,
  validateTerm,
  type Period,
} from './term.ts'

const p = (id: string, start: string, end: string, name = id): Period => ({ id, name, start, end })
const validatePeriods = (periods: Period[]) => periodProblems(periods).map(describeTermProblem)

const term = {
  id: 't1',
  kind: 'term',
  schoolId: 'demo',
  updatedAt: 1,
  name: '2026-2027学年第一学期',
  start: '2026-09-01',
  end: '2027-01-15',
  periods: [p('p1', '08:00', '08:45', '第1节'), p('p2', '08:45', '09:30', '第2节')],
}

function errorsOf(doc: unknown): string[] {
  const result = validateDocument('catalog', doc)
  return result.ok ? [] : result.errors
}

describe('validateTerm', () => {
  it('accepts a valid term, touching periods included (08:00–08:45 and 08:45–09:30)', () => {
    expect(validateTerm(term)).toEqual([])
    expect(validateDocument('catalog', term).ok).toBe(true)
  })

  it('accepts a term of a single day and a term without periods', () => {
    expect(validateTerm({ start: '2026-09-01', end: '2026-09-01', periods: [] })).toEqual([])
  })

  it('refuses a term that ends before it starts', () => {
    expect(validateTerm({ ...term, start: '2027-01-16' })).toEqual([
      'the term starts (2027-01-16) after it ends (2027-01-15)',
    ])
  })

  it('refuses a period that ends before or when it starts', () => {
    expect(validatePeriods([p('a', '09:00', '08:00', '第1节')])).toEqual([
      'period "第1节" (09:00–08:00) must end after it starts',
    ])
    expect(validatePeriods([p('a', '09:00', '09:00')])).toHaveLength(1)
  })

  it('refuses overlapping periods, naming both, in any order', () => {
    expect(validatePeriods([p('b', '08:40', '09:20', '第2节'), p('a', '08:00', '08:45', '第1节')])).toEqual([
      'periods "第2节" (08:40–09:20) and "第1节" (08:00–08:45) overlap',
    ])
    expect(validatePeriods([p('a', '08:00', '12:00'), p('b', '09:00', '10:00')])).toHaveLength(1)
    expect(validatePeriods([p('a', '08:00', '08:45'), p('b', '08:00', '08:45')])).toHaveLength(1)
  })

  it('refuses a period id used twice', () => {
    expect(validatePeriods([p('a', '08:00', '08:45'), p('a', '09:00', '09:45')])).toEqual([
      'period id a is used twice',
    ])
  })
})

describe('validateDocument of a term', () => {
  it('refuses what validateTerm refuses, naming the document', () => {
    expect(errorsOf({ ...term, end: '2026-08-31' })).toEqual([
      'term t1: the term starts (2026-09-01) after it ends (2026-08-31)',
    ])
    expect(errorsOf({ ...term, periods: [p('a', '08:00', '09:00'), p('b', '08:30', '09:30')] })).toEqual([
      'term t1: periods "a" (08:00–09:00) and "b" (08:30–09:30) overlap',
    ])
  })

  it('refuses malformed dates and times, blank names and unknown fields', () => {
    expect(errorsOf({ ...term, start: '2026-9-1' }).join()).toMatch(/term t1: start/)
    expect(errorsOf({ ...term, end: '2026-13-01' }).join()).toMatch(/term t1: end/)
    expect(errorsOf({ ...term, periods: [p('a', '8:00', '08:45')] }).join()).toMatch(/periods\/0\/start/)
    expect(errorsOf({ ...term, periods: [p('a', '08:00', '24:00')] }).join()).toMatch(/periods\/0\/end/)
    expect(errorsOf({ ...term, periods: [p('a', '08:00', '08:45', ' ')] }).join()).toMatch(/name/)
    expect(errorsOf({ ...term, name: '  ' }).join()).toMatch(/term t1: name/)
    expect(errorsOf({ ...term, color: 'red' })).not.toEqual([])
    const { periods: _periods, ...withoutPeriods } = term
    expect(errorsOf(withoutPeriods)).not.toEqual([])
    expect(validateDocument('catalog', { ...term, remark: '' }).ok).toBe(true)
  })
})

describe('overlapping terms', () => {
  const autumn = { id: 'a', start: '2026-09-01', end: '2027-01-15' }
  const spring = { id: 's', start: '2027-02-20', end: '2027-07-10' }

  it('overlap when they share a day, ends included', () => {
    expect(termsOverlap(autumn, spring)).toBe(false)
    expect(termsOverlap(autumn, { start: '2027-01-15', end: '2027-02-01' })).toBe(true)
    expect(termsOverlap(autumn, { start: '2027-01-16', end: '2027-02-01' })).toBe(false)
    expect(termsOverlap(autumn, { start: '2026-10-01', end: '2026-10-01' })).toBe(true)
    expect(termsOverlap({ start: '2026-01-01', end: '2027-12-31' }, autumn)).toBe(true)
  })

  it('lists the other terms overlapping one, the term itself excluded', () => {
    const summer = { id: 'x', start: '2027-07-01', end: '2027-08-31' }
    expect(overlappingTerms({ start: '2027-01-10', end: '2027-03-01' }, [autumn, spring, summer])).toEqual([
      autumn,
      spring,
    ])
    expect(overlappingTerms(autumn, [autumn, spring])).toEqual([])
  })
})

describe('copyPeriods', () => {
  it('gives new ids, keeps names and times, sorts by start', () => {
    let n = 0
    const copied = copyPeriods(
      [p('b', '10:00', '10:45', '第3节'), p('a', '08:00', '08:45', '第1节')],
      () => `n${++n}`,
    )
    expect(copied).toEqual([p('n1', '08:00', '08:45', '第1节'), p('n2', '10:00', '10:45', '第3节')])
  })

  it('uses random ids by default and leaves the source untouched', () => {
    const source = [p('b', '10:00', '10:45'), p('a', '08:00', '08:45')]
    const copied = copyPeriods(source)
    expect(copied.map((x) => x.id)).not.toContain('a')
    expect(new Set(copied.map((x) => x.id)).size).toBe(2)
    expect(source.map((x) => x.id)).toEqual(['b', 'a'])
  })
})
