import { describe, expect, it } from 'vitest'
import { planAdjustment, type AdjustmentContext } from './adjust.ts'
import { groupBySlot, lessonSlotKey } from './conflicts.ts'
import type { Lesson } from './lesson.ts'

function lesson(id: string, date: string, periodId: string, fields: Partial<Lesson> = {}): Lesson {
  return {
    id,
    kind: 'lesson',
    schoolId: 'demo',
    updatedAt: 0,
    termId: 'term',
    date,
    periodId,
    teacherId: `teacher-${id}`,
    subjectId: 'math',
    classId: `class-${id}`,
    locationId: `room-${id}`,
    ...fields,
  }
}

function context(lessons: Lesson[], several: string[] = []): AdjustmentContext {
  const slots = groupBySlot(lessons, lessonSlotKey)
  return {
    lessonsAt: (date, periodId) => slots.get(lessonSlotKey({ date, periodId })) ?? [],
    hostsSeveralClasses: (id) => several.includes(id),
  }
}

describe('planAdjustment', () => {
  const math = lesson('math', '2026-11-23', 'p1', { classId: 'g7-1', teacherId: 'li' })
  const chinese = lesson('chinese', '2026-11-24', 'p2', { classId: 'g7-1', teacherId: 'zhang' })

  it('moves a lesson to a free slot and marks it adjusted', () => {
    const outcome = planAdjustment(
      math,
      { date: '2026-11-25', periodId: 'p3', locationId: math.locationId },
      context([math, chinese]),
    )
    expect(outcome).toEqual({
      type: 'free',
      moved: { ...math, date: '2026-11-25', periodId: 'p3', adjusted: true },
    })
  })

  it('offers a time swap with the one lesson of the same class in the way', () => {
    const outcome = planAdjustment(
      math,
      { date: chinese.date, periodId: chinese.periodId, locationId: math.locationId },
      context([math, chinese]),
    )
    expect(outcome.type).toBe('swappable')
    if (outcome.type !== 'swappable') return
    expect(outcome.clash.reasons).toEqual(['class'])
    expect(outcome.swapped).toEqual({ ...chinese, date: math.date, periodId: math.periodId, adjusted: true })
  })

  it('swaps rooms when only the room changes', () => {
    const other = lesson('other', math.date, math.periodId, { locationId: 'room-lab' })
    const outcome = planAdjustment(
      math,
      { date: math.date, periodId: math.periodId, locationId: 'room-lab' },
      context([math, other]),
    )
    expect(outcome.type).toBe('swappable')
    if (outcome.type === 'swappable') expect(outcome.swapped.locationId).toBe(math.locationId)
  })

  it('is blocked when the swapped lesson would clash where it lands', () => {
    // 张老师 also teaches another class at math's old time: chinese cannot move there.
    const busy = lesson('busy', math.date, math.periodId, { teacherId: 'zhang' })
    const outcome = planAdjustment(
      math,
      { date: chinese.date, periodId: chinese.periodId, locationId: math.locationId },
      context([math, chinese, busy]),
    )
    expect(outcome.type).toBe('blocked')
    if (outcome.type === 'blocked') expect(outcome.swapClashes.map((c) => c.other.id)).toEqual(['busy'])
  })

  it('is blocked when several lessons are in the way', () => {
    const sameRoom = lesson('room', chinese.date, chinese.periodId, { locationId: math.locationId })
    const outcome = planAdjustment(
      math,
      { date: chinese.date, periodId: chinese.periodId, locationId: math.locationId },
      context([math, chinese, sameRoom]),
    )
    expect(outcome.type).toBe('blocked')
    if (outcome.type === 'blocked') expect(outcome.clashes).toHaveLength(2)
  })

  it('ignores cancelled lessons and rooms that host several classes', () => {
    const cancelled = { ...chinese, cancelled: true }
    const pe = lesson('pe', '2026-11-25', 'p1', { locationId: 'playground' })
    expect(
      planAdjustment(
        math,
        { date: chinese.date, periodId: chinese.periodId, locationId: math.locationId },
        context([math, cancelled]),
      ).type,
    ).toBe('free')
    expect(
      planAdjustment(
        math,
        { date: pe.date, periodId: pe.periodId, locationId: 'playground' },
        context([math, pe], ['playground']),
      ).type,
    ).toBe('free')
  })
})
