import { describe, expect, it } from 'vitest'
import { lessonsInHoliday, planGeneration, type GenerationInput, type LessonFields } from './generate.ts'
import type { Lesson } from './lesson.ts'
import type { PlanEntry } from './plan-entry.ts'

// 2026-09-01 is a Tuesday; the term has 3 weeks and ends on Friday 2026-09-18.
const term = { id: 'term', start: '2026-09-01', end: '2026-09-18' }

function entry(id: string, weekday: number, fields: Partial<PlanEntry> = {}): PlanEntry {
  return {
    id,
    kind: 'plan_entry',
    schoolId: 'demo',
    updatedAt: 0,
    termId: 'term',
    weekday,
    periodId: 'p1',
    teacherId: 'li',
    subjectId: 'math',
    classId: 'g7-1',
    locationId: 'room-101',
    ...fields,
  }
}

const stored = (lesson: LessonFields, fields: Partial<Lesson> = {}): Lesson => ({
  ...lesson,
  schoolId: 'demo',
  updatedAt: 0,
  ...fields,
})

function generate(input: Partial<GenerationInput>) {
  return planGeneration({ term, entries: [], holidays: [], existing: [], from: term.start, ...input })
}

/** Generates once from nothing and returns the lessons as the replica would hold them. */
function firstRun(entries: PlanEntry[]): Lesson[] {
  return generate({ entries }).writes.map((lesson) => stored(lesson))
}

describe('planGeneration', () => {
  it('expands every entry into one lesson per week, inside the term only', () => {
    const monday = entry('mon', 1)
    const friday = entry('fri', 5)
    const result = generate({ entries: [monday, friday] })
    // Monday 2026-08-31 is before the term: week 1 has no Monday lesson.
    expect(result.writes.filter((l) => l.planEntryId === 'mon').map((l) => l.date)).toEqual([
      '2026-09-07',
      '2026-09-14',
    ])
    expect(result.writes.filter((l) => l.planEntryId === 'fri').map((l) => [l.week, l.date])).toEqual([
      [1, '2026-09-04'],
      [2, '2026-09-11'],
      [3, '2026-09-18'],
    ])
    expect(result.created).toBe(5)
    expect(result.writes[0]).toMatchObject({ id: 'mon-w2', teacherId: 'li', classId: 'g7-1', termId: 'term' })
  })

  it('skips holidays and reports their dates', () => {
    const result = generate({
      entries: [entry('fri', 5)],
      holidays: [{ start: '2026-09-10', end: '2026-09-11' }],
    })
    expect(result.writes.map((l) => l.date)).toEqual(['2026-09-04', '2026-09-18'])
    expect(result.holidayDates).toEqual(['2026-09-10', '2026-09-11'])
  })

  it('writes nothing when run again on an unchanged plan', () => {
    const entries = [entry('mon', 1), entry('fri', 5)]
    const result = generate({ entries, existing: firstRun(entries) })
    expect(result).toMatchObject({ writes: [], removals: [], created: 0, updated: 0, unchanged: 5 })
  })

  it('updates only the lessons of a changed entry, and follows a weekday change', () => {
    const entries = [entry('mon', 1), entry('fri', 5)]
    const existing = firstRun(entries)
    const moved = [entry('mon', 3, { locationId: 'room-202' }), entry('fri', 5)]
    const result = generate({ entries: moved, existing })
    expect(result.writes.map((l) => [l.id, l.date, l.locationId])).toEqual([
      ['mon-w1', '2026-09-02', 'room-202'],
      ['mon-w2', '2026-09-09', 'room-202'],
      ['mon-w3', '2026-09-16', 'room-202'],
    ])
    expect(result).toMatchObject({ created: 1, updated: 2, unchanged: 3, removals: [] })
  })

  it('removes the lessons of a deleted entry and of a new holiday', () => {
    const entries = [entry('mon', 1), entry('fri', 5)]
    const existing = firstRun(entries)
    const result = generate({
      entries: [entry('fri', 5)],
      existing,
      holidays: [{ start: '2026-09-18', end: '2026-09-18' }],
    })
    expect(result.removals.map((l) => l.id).sort()).toEqual(['fri-w3', 'mon-w2', 'mon-w3'])
  })

  it('keeps adjusted and cancelled lessons; an adjusted lesson of a deleted entry is reported as orphaned', () => {
    const entries = [entry('mon', 1), entry('fri', 5)]
    const existing = firstRun(entries).map((lesson) => {
      if (lesson.id === 'mon-w2') return { ...lesson, date: '2026-09-08', adjusted: true }
      if (lesson.id === 'fri-w1') return { ...lesson, cancelled: true }
      return lesson
    })
    const changed = [entry('fri', 5, { teacherId: 'zhang' })]
    const result = generate({ entries: changed, existing })
    expect(result.writes.map((l) => l.id)).toEqual(['fri-w2', 'fri-w3'])
    expect(result.keptAdjusted.map((l) => l.id).sort()).toEqual(['fri-w1', 'mon-w2'])
    expect(result.orphaned.map((l) => l.id)).toEqual(['mon-w2'])
    expect(result.removals.map((l) => l.id)).toEqual(['mon-w3'])
  })

  it('removes a cancelled lesson once its entry is deleted (nothing left to keep)', () => {
    const existing = firstRun([entry('fri', 5)]).map((l) => ({ ...l, cancelled: true }))
    expect(generate({ entries: [], existing }).removals).toHaveLength(3)
  })

  it('leaves history alone: nothing before `from` is created, changed or removed', () => {
    const entries = [entry('fri', 5)]
    const existing = firstRun(entries)
    const result = generate({
      entries: [entry('fri', 5, { locationId: 'room-303' })],
      existing,
      from: '2026-09-08',
    })
    expect(result.writes.map((l) => l.id)).toEqual(['fri-w2', 'fri-w3'])
    expect(generate({ entries: [], existing, from: '2026-09-08' }).removals.map((l) => l.id)).toEqual([
      'fri-w2',
      'fri-w3',
    ])
  })

  it('never touches lessons added by hand', () => {
    const handMade = stored({
      ...firstRun([entry('x', 2)])[0],
      id: 'hand',
      planEntryId: undefined,
      week: undefined,
    } as LessonFields)
    const result = generate({ entries: [], existing: [handMade] })
    expect(result.removals).toEqual([])
  })

  it('reports clashes between generated and adjusted lessons', () => {
    const existing = firstRun([entry('mon', 1)]).map((l) =>
      l.id === 'mon-w2' ? { ...l, date: '2026-09-08', adjusted: true } : l,
    )
    const result = generate({ entries: [entry('mon', 1), entry('tue', 2, { classId: 'g7-2' })], existing })
    expect(result.clashes.map((c) => [c.first.id, c.second.id, c.reasons])).toEqual([
      ['mon-w2', 'tue-w2', ['teacher', 'location']],
    ])
  })

  it('expands a large school plan (60 classes × 35 lessons a week) without clashes', () => {
    const entries = Array.from({ length: 2100 }, (_, i) => {
      const classNo = i % 60
      const slot = Math.floor(i / 60)
      return entry(`e${i}`, (slot % 5) + 1, {
        classId: `c${classNo}`,
        teacherId: `t${(classNo + slot) % 60}`,
        locationId: `r${classNo}`,
        periodId: `p${Math.floor(slot / 5)}`,
      })
    })
    const long = { id: 'term', start: '2026-09-01', end: '2027-01-22' }
    const result = planGeneration({ term: long, entries, holidays: [], existing: [], from: long.start })
    // 21 weeks; the term starts on a Tuesday, so the 420 Monday entries have no lesson in week 1.
    expect(result.created).toBe(2100 * 21 - 420)
    expect(result.clashes).toEqual([])
  })
})

describe('lessonsInHoliday', () => {
  it('counts the generated lessons of the range that the next generation would take away', () => {
    const lessons = firstRun([entry('mon', 1), entry('fri', 5)])
    const week2 = { start: '2026-09-07', end: '2026-09-13' }
    expect(lessonsInHoliday(lessons, week2)).toBe(2)
    const kept = lessons.map((l) =>
      l.id === 'mon-w2' ? { ...l, adjusted: true } : l.id === 'fri-w2' ? { ...l, cancelled: true } : l,
    )
    expect(lessonsInHoliday(kept, week2)).toBe(0)
    const byHand = lessons
      .filter((l) => l.week === 2)
      .map(({ planEntryId: _entry, week: _week, ...fields }) => ({ ...fields, id: `hand-${fields.id}` }))
    expect(lessonsInHoliday(byHand, week2)).toBe(0)
    expect(lessonsInHoliday(lessons, { start: '2026-09-19', end: '2026-09-30' })).toBe(0)
  })
})
