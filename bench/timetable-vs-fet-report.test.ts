import { describe, expect, it } from 'vitest'
import {
  resultTable,
  keepsPlacements,
  schoolDetails,
  solveLimitSeconds,
  unsolvedSchools,
  wholeMilliseconds,
  wholeSeconds,
  worstRatio,
  type SchoolRun,
} from './timetable-vs-fet-report.ts'

function schoolRun(
  school: string,
  fetSeconds: number,
  ourSeconds: number,
  changes: Partial<SchoolRun['ours']> = {},
) {
  return {
    school,
    activities: 400,
    fetComplete: true,
    fet: { seconds: fetSeconds, placed: 400, hardViolations: 0, softCost: 12.5 },
    ours: {
      seconds: ourSeconds,
      placed: 400,
      hardViolations: 0,
      softCost: 30,
      seed: 1,
      limitSeconds: 60,
      acceptedByFet: true,
      ...changes,
    },
  } satisfies SchoolRun
}

describe('time limits', () => {
  it('gives timers and AbortSignal.timeout whole milliseconds, and fet-cl whole seconds', () => {
    expect(wholeMilliseconds(16.5004)).toBe(16_501)
    expect(Number.isInteger(wholeMilliseconds(3 * 5.6))).toBe(true)
    expect(() => AbortSignal.timeout(wholeMilliseconds(3 * 5.6))).not.toThrow()
    expect(wholeSeconds(120.2)).toBe(121)
  })

  it('gives us 3 × FET time, at least 60 s, unless a limit is set', () => {
    expect(solveLimitSeconds(5.6)).toBe(60)
    expect(solveLimitSeconds(188.5)).toBeCloseTo(565.5)
    expect(solveLimitSeconds(188.5, 30)).toBe(30)
  })
})

describe('keepsPlacements', () => {
  const a = { id: 1, day: 'Mo', hour: '1', room: 'R1' }
  const b = { id: 2, day: 'Tu', hour: '3', room: '' }

  it('accepts the same placements in another order', () => {
    expect(keepsPlacements([b, a], [a, b])).toBe(true)
  })

  it('accepts a room FET chose for an activity given none', () => {
    expect(keepsPlacements([a, { ...b, room: 'R2' }], [a, b])).toBe(true)
  })

  it('refuses a moved, missing or extra placement, or another room than the one given', () => {
    expect(keepsPlacements([{ ...a, room: 'R2' }, b], [a, b])).toBe(false)
    expect(keepsPlacements([{ ...a, room: '' }, b], [a, b])).toBe(false)
    expect(keepsPlacements([a, { ...b, hour: '4' }], [a, b])).toBe(false)
    expect(keepsPlacements([a], [a, b])).toBe(false)
    expect(keepsPlacements([a, b, { ...b, id: 3 }], [a, b])).toBe(false)
  })
})

describe('the result', () => {
  it('is the worst ratio of our time to FET time', () => {
    const runs = [schoolRun('Brazil', 5, 2.5), schoolRun('Spain', 16, 20)]
    expect(worstRatio(runs)).toBe(1.25)
    expect(unsolvedSchools(runs)).toEqual([])
  })

  it('names the schools not fully placed, with hard violations or refused by FET', () => {
    const runs = [
      schoolRun('Brazil', 5, 2),
      schoolRun('Romania', 6, 60, { placed: 664, acceptedByFet: null }),
      schoolRun('Spain', 16, 10, { hardViolations: 1, acceptedByFet: null }),
      schoolRun('GYR', 100, 90, { acceptedByFet: false }),
    ]
    expect(unsolvedSchools(runs)).toEqual(['Romania', 'Spain', 'GYR'])
    expect(worstRatio(runs)).toBe(10)
  })

  it('refuses to rate no school', () => {
    expect(() => worstRatio([])).toThrow('no schools')
  })

  it('shapes the details of a school', () => {
    expect(schoolDetails(schoolRun('Brazil', 5.64, 20.71))).toEqual({
      activities: 400,
      ratio: 3.67,
      fet: { seconds: 5.6, placed: 400, hard_violations: 0, soft_cost: 12.5, complete: true },
      ours: {
        seconds: 20.7,
        placed: 400,
        hard_violations: 0,
        soft_cost: 30,
        seed: 1,
        limit_seconds: 60,
        accepted_by_fet: true,
      },
    })
  })

  it('tabulates both sides per school', () => {
    const table = resultTable([
      schoolRun('Brazil', 5.64, 20.71),
      {
        ...schoolRun('Romania', 6, 60, { placed: 664, hardViolations: 58, acceptedByFet: null }),
        fetComplete: false,
      },
    ]).split('\n')
    expect(table).toHaveLength(4)
    expect(table[0]).toContain('| school | fet-cl | ours | ratio |')
    expect(table[2]).toBe('| Brazil | 5.6 s | 20.7 s | 3.67 | 400 / 400 of 400 | 0 / 0 | 12.5 / 30 | yes |')
    expect(table[3]).toBe(
      '| Romania | 6 s (no timetable) | 60 s | 10.00 | 400 / 664 of 400 | 0 / 58 | 12.5 / 30 | not asked |',
    )
  })
})
