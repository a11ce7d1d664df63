import { afterEach, beforeEach, expect, it } from 'vitest'
import { dateOfDay, dayNumber, weekdayOf } from '../../../domain/calendar/dates.ts'
import type { WireDocument } from '../../../domain/documents.ts'
import type { CalendarEvent } from '../../../domain/events/calendar-event.ts'
import { allClashes, lessonSlotKey, planSlotKey } from '../../../domain/timetable/conflicts.ts'
import type { Lesson } from '../../../domain/timetable/lesson.ts'
import type { PlanEntry } from '../../../domain/timetable/plan-entry.ts'
import { datesOfWeek, weekCount } from '../../../domain/timetable/weeks.ts'
import { validateDocument } from '../../../domain/validation.ts'
import { pullAll, startTestApp, syncClient, type TestApp } from '../test-support/app.ts'
import { describeEachStore } from '../test-support/stores.ts'

const NOW = Date.UTC(2026, 11, 1, 8)
const TERM = { start: '2026-09-01', end: '2027-01-15' }
const MULTI_CLASS = new Set(['demo-location-playground', 'demo-location-library', 'demo-location-gym'])
const hostsSeveralClasses = (locationId: string) => MULTI_CLASS.has(locationId)
const CLASSES = ['g7-1', 'g7-2', 'g7-3', 'g8-1'].map((key) => `demo-class-${key}`)
/** A Chinese junior middle school's lessons a week per subject, 37 in all. */
const FULL_WEEK = {
  chinese: 6,
  math: 6,
  english: 5,
  physics: 3,
  chemistry: 3,
  biology: 2,
  history: 2,
  geography: 2,
  ethics: 2,
  music: 1,
  art: 1,
  pe: 3,
  it: 1,
}
/** The Monday-to-Friday days of 中秋, 国庆 and 元旦 in the term. */
const HOLIDAY_WORKDAYS = [
  '2026-09-25',
  '2026-10-01',
  '2026-10-02',
  '2026-10-05',
  '2026-10-06',
  '2026-10-07',
  '2027-01-01',
]

function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const item of items) counts[keyOf(item)] = (counts[keyOf(item)] ?? 0) + 1
  return counts
}

const datesFrom = (start: string, end: string) =>
  Array.from({ length: dayNumber(end) - dayNumber(start) + 1 }, (_, i) => dateOfDay(dayNumber(start) + i))

describeEachStore('demo timetable ($name)', (factory) => {
  let server: TestApp
  let entries: WireDocument<PlanEntry>[]
  let lessons: WireDocument<Lesson>[]
  let holidays: WireDocument<CalendarEvent>[]
  beforeEach(async () => {
    server = await startTestApp(factory, { demo: { now: NOW, timetable: true } })
    const pulled = await server.store.pull('demo', 'timetable', 0, 100_000)
    const seqs = pulled.map((d) => d.seq)
    expect(seqs.every((seq, i) => i === 0 || seq > (seqs[i - 1] ?? 0))).toBe(true)
    const documents = pulled.map((d) => d.data)
    entries = documents.filter((doc) => doc.kind === 'plan_entry') as WireDocument<PlanEntry>[]
    lessons = documents.filter((doc) => doc.kind === 'lesson') as WireDocument<Lesson>[]
    const events = (await server.store.pull('demo', 'events', 0, 1000)).map((d) => d.data)
    holidays = (events as WireDocument<CalendarEvent>[]).filter((event) => event.type === 'holiday')
  })
  afterEach(() => server.close())

  it('plans each class a full week of its subjects, on workdays, with no double booking', () => {
    const weekly = (classId: string) =>
      countBy(
        entries.filter((entry) => entry.classId === classId),
        (entry) => entry.subjectId.replace('demo-subject-', ''),
      )
    for (const classId of CLASSES) {
      expect(weekly(classId)).toEqual(FULL_WEEK)
      expect(entries.filter((entry) => entry.classId === classId).length).toBeGreaterThanOrEqual(35)
    }
    expect(entries.every((entry) => entry.weekday >= 1 && entry.weekday <= 5)).toBe(true)
    expect(allClashes(entries, planSlotKey, hostsSeveralClasses)).toEqual([])
    const pe = entries.filter((entry) => entry.subjectId === 'demo-subject-pe')
    expect(new Set(pe.map((entry) => entry.locationId))).toEqual(new Set(['demo-location-playground']))
    const physics = entries.filter((entry) => entry.subjectId === 'demo-subject-physics')
    expect(new Set(physics.map((entry) => entry.locationId))).toEqual(new Set(['demo-location-physics-lab']))
  })

  it('places the lessons the way a school does: once a day, PE in the afternoon, main subjects mornings', () => {
    // Fewer than six a week: never twice on one day.
    for (const classId of CLASSES) {
      for (const [code, count] of Object.entries(FULL_WEEK).filter(([, n]) => n <= 5)) {
        const days = entries
          .filter((e) => e.classId === classId && e.subjectId === `demo-subject-${code}`)
          .map((e) => e.weekday)
        expect(new Set(days).size, `${classId} ${code}`).toBe(count)
      }
    }
    const periodOf = (entry: PlanEntry) => Number(entry.periodId.split('-').pop())
    const pe = entries.filter((entry) => entry.subjectId === 'demo-subject-pe')
    expect(pe.every((entry) => periodOf(entry) > 4)).toBe(true)
    const main = entries.filter((e) => /-(chinese|math|english)$/.test(e.subjectId))
    expect(main.filter((entry) => periodOf(entry) <= 4).length / main.length).toBeGreaterThan(0.9)
  })

  it("gives every teacher a real teacher's load", () => {
    const loads = countBy(entries, (entry) => entry.teacherId.replace('demo-staff-', ''))
    // 刘老师 keeps the English of all four classes she had before the week was full.
    expect(loads).toEqual({
      li: 12,
      zhang: 18,
      liu: 20,
      sun: 12,
      zhou: 15,
      yang: 14,
      feng: 12,
      guo: 15,
      hu: 10,
      zhu: 8,
      xie: 8,
      han: 4,
    })
  })

  it('generates every week of the term from the plan but its holidays, valid and without clashes', () => {
    // Twenty weeks, but the term starts on a Tuesday: the Monday entries miss week 1; and the holidays' workdays.
    const mondays = entries.filter((entry) => entry.weekday === 1).length
    const onHolidays = HOLIDAY_WORKDAYS.flatMap((date) =>
      entries.filter((e) => e.weekday === weekdayOf(date)),
    )
    expect(weekCount(TERM)).toBe(20)
    expect(lessons).toHaveLength(entries.length * 20 - mondays - onHolidays.length)
    for (const doc of [...entries.slice(0, 5), ...lessons.slice(0, 50)]) {
      expect(validateDocument('timetable', doc)).toMatchObject({ ok: true })
    }
    const entryIds = new Set(entries.map((entry) => entry.id))
    expect(lessons.every((lesson) => lesson.planEntryId && entryIds.has(lesson.planEntryId))).toBe(true)
    expect(lessons.every((lesson) => lesson.date >= TERM.start && lesson.date <= TERM.end)).toBe(true)
    expect(allClashes(lessons, lessonSlotKey, hostsSeveralClasses)).toEqual([])
  })

  it("puts the term's public holidays in the school calendar, valid, for the whole school", () => {
    const byTitle = holidays.map(({ title, start, end }) => ({ title, start, end }))
    expect(byTitle).toEqual([
      { title: '中秋节', start: '2026-09-25', end: '2026-09-27' },
      { title: '国庆节', start: '2026-10-01', end: '2026-10-07' },
      { title: '元旦', start: '2027-01-01', end: '2027-01-03' },
    ])
    for (const holiday of holidays) {
      expect(validateDocument('events', holiday)).toMatchObject({ ok: true })
      expect(holiday).toMatchObject({ classIds: [], createdBy: 'demo-staff-wang' })
    }
  })

  it('puts no lesson on a seeded holiday', () => {
    const holidayDates = new Set(holidays.flatMap(({ start, end }) => datesFrom(start, end)))
    expect([...holidayDates].filter((date) => weekdayOf(date) <= 5).sort()).toEqual(HOLIDAY_WORKDAYS)
    expect(lessons.filter((lesson) => holidayDates.has(lesson.date))).toEqual([])
    // The weeks around them keep their lessons: the Thursday before National Day and the Friday after.
    const dates = new Set(lessons.map((lesson) => lesson.date))
    expect([dates.has('2026-09-30'), dates.has('2026-10-09')]).toEqual([true, true])
  })

  it('gives a demo teacher a full week that replicates to them', async () => {
    const teacher = await syncClient(server, '13800000002')
    const replicated = (await pullAll(teacher, 'timetable')).documents as WireDocument<Lesson>[]
    const week = new Set(datesOfWeek(TERM, 14))
    const mine = replicated.filter((doc) => doc.kind === 'lesson' && doc.teacherId === 'demo-staff-li')
    const thisWeek = mine.filter((lesson) => week.has(lesson.date))
    // 数学 in 初一(1)班 and 初一(3)班, six a week each.
    expect(thisWeek).toHaveLength(12)
    expect(new Set(thisWeek.map((lesson) => lesson.date)).size).toBe(5)
  })

  it('is the same on every run', async () => {
    const again = await startTestApp(factory, { demo: { now: NOW, timetable: true } })
    try {
      const ids = (await again.store.pull('demo', 'timetable', 0, 100_000)).map((d) => d.data)
      expect(ids).toEqual([...entries, ...lessons])
    } finally {
      await again.close()
    }
  })

  it('leaves the test seed without a plan or holidays, for the tests that build their own', async () => {
    const plain = await startTestApp(factory)
    try {
      expect(await plain.store.pull('demo', 'timetable', 0, 10)).toEqual([])
      expect(await plain.store.pull('demo', 'events', 0, 10)).toEqual([])
    } finally {
      await plain.close()
    }
  })
})
