import { describe, expect, it } from 'vitest'
import {
  inTermWindow,
  keptOpenedTerms,
  OPENED_TERM_KEEP_DAYS,
  parseTermWindow,
  replicaTermWindow,
  termAvailability,
  termsToCatchUp,
  termWindowQuery,
  withOpenedTerm,
} from './term-window.ts'

const terms = [
  { id: 'y1-autumn', start: '2025-09-01', end: '2026-01-20' },
  { id: 'y1-spring', start: '2026-02-20', end: '2026-07-05' },
  { id: 'y2-autumn', start: '2026-09-01', end: '2027-01-20' },
  { id: 'y2-spring', start: '2027-02-20', end: '2027-07-05' },
]

describe('replicaTermWindow', () => {
  it('keeps the current term and the next one', () => {
    expect(replicaTermWindow(terms, '2026-03-10')).toEqual(['y1-spring', 'y2-autumn'])
    expect(replicaTermWindow(terms, '2026-02-20')).toEqual(['y1-spring', 'y2-autumn'])
    expect(replicaTermWindow(terms, '2026-07-05')).toEqual(['y1-spring', 'y2-autumn'])
  })

  it('between terms keeps the one that ended and the next: the window moves when a term starts', () => {
    expect(replicaTermWindow(terms, '2026-08-15')).toEqual(['y1-spring', 'y2-autumn'])
    expect(replicaTermWindow(terms, '2026-09-01')).toEqual(['y2-autumn', 'y2-spring'])
  })

  it('before the first term keeps the first; after the last keeps the last', () => {
    expect(replicaTermWindow(terms, '2025-06-01')).toEqual(['y1-autumn'])
    expect(replicaTermWindow(terms, '2027-12-01')).toEqual(['y2-spring'])
    expect(replicaTermWindow([], '2027-12-01')).toEqual([])
  })

  it('keeps every term that runs today when terms overlap, whatever their order', () => {
    const summer = { id: 'summer-school', start: '2026-07-01', end: '2026-08-10' }
    expect(replicaTermWindow([summer, ...terms].reverse(), '2026-07-02')).toEqual([
      'summer-school',
      'y1-spring',
      'y2-autumn',
    ])
  })

  it('adds the older terms opened on demand, once, and ignores unknown ones', () => {
    expect(replicaTermWindow(terms, '2026-03-10', ['y1-autumn', 'y1-spring', 'gone'])).toEqual([
      'y1-autumn',
      'y1-spring',
      'y2-autumn',
    ])
  })
})

describe('opened older terms', () => {
  it(`are kept for ${OPENED_TERM_KEEP_DAYS} days after they were last opened`, () => {
    const opened = { 'y1-autumn': '2026-03-01', 'y1-spring': '2026-02-01' }
    expect(keptOpenedTerms(opened, '2026-03-02')).toEqual(['y1-autumn', 'y1-spring'])
    expect(keptOpenedTerms(opened, '2026-03-03')).toEqual(['y1-autumn'])
    expect(keptOpenedTerms(opened, '2026-03-30')).toEqual(['y1-autumn'])
    expect(keptOpenedTerms(opened, '2026-03-31')).toEqual([])
  })

  it('are opened anew with today, and the ones no longer kept are forgotten', () => {
    const opened = { 'y1-autumn': '2026-01-01', 'y1-spring': '2026-03-01' }
    expect(withOpenedTerm(opened, 'y1-autumn', '2026-03-10')).toEqual({
      'y1-autumn': '2026-03-10',
      'y1-spring': '2026-03-01',
    })
    expect(withOpenedTerm(opened, 'y0-spring', '2026-03-10')).toEqual({
      'y0-spring': '2026-03-10',
      'y1-spring': '2026-03-01',
    })
  })
})

describe('the terms parameter', () => {
  it('round-trips a window; the empty window is the empty parameter', () => {
    expect(termWindowQuery(['a', 'b c'])).toBe('terms=a,b%20c')
    expect(termWindowQuery([])).toBe('terms=')
    expect(parseTermWindow('')).toEqual(new Set())
    expect(parseTermWindow('a,b c')).toEqual(new Set(['a', 'b c']))
  })

  it('asks for no window when an id holds a comma, rather than lose its lessons', () => {
    expect(termWindowQuery(['a', 'b,c'])).toBe('')
  })

  it('windows lessons only, by their term', () => {
    const window = new Set(['now'])
    expect(inTermWindow({ kind: 'lesson', termId: 'now' }, window)).toBe(true)
    expect(inTermWindow({ kind: 'lesson', termId: 'old' }, window)).toBe(false)
    expect(inTermWindow({ kind: 'lesson' }, window)).toBe(false)
    expect(inTermWindow({ kind: 'plan_entry', termId: 'old' }, window)).toBe(true)
  })
})

describe('termsToCatchUp', () => {
  it('brings in only the terms the held window lacks', () => {
    expect(termsToCatchUp('terms=now,old', ['next', 'now'])).toEqual(['next'])
    expect(termsToCatchUp('terms=now,old', ['now'])).toEqual([])
    expect(termsToCatchUp(termWindowQuery(['b c']), ['a', 'b c'])).toEqual(['a'])
    expect(termsToCatchUp('terms=', ['now'])).toEqual(['now'])
  })

  it('needs nothing pulled when the replica held every lesson', () => {
    expect(termsToCatchUp('', ['now'])).toEqual([])
  })

  it('pulls the whole window again without a known held window or when the window cannot be asked for', () => {
    expect(termsToCatchUp(undefined, ['now'])).toBeUndefined()
    expect(termsToCatchUp('terms=now', ['now', 'a,b'])).toBeUndefined()
  })
})

describe('termAvailability', () => {
  it('is here when the window the replica holds has the term', () => {
    expect(termAvailability('now', 'terms=next,now', false)).toBe('here')
    expect(termAvailability('b c', termWindowQuery(['b c']), false)).toBe('here')
    // A replica that asked for no window holds every lesson.
    expect(termAvailability('old', '', false)).toBe('here')
  })

  it('is fetched online and not on this PC offline otherwise', () => {
    expect(termAvailability('old', 'terms=next,now', true)).toBe('fetching')
    expect(termAvailability('old', 'terms=next,now', false)).toBe('notOnThisPc')
    expect(termAvailability('now', undefined, false)).toBe('notOnThisPc')
    expect(termAvailability('no', 'terms=', true)).toBe('fetching')
  })
})
