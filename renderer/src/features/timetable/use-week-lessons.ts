import { computed, toValue, type MaybeRefOrGetter } from 'vue'
import {
  allClashes,
  groupBySlot,
  lessonSlotKey,
  type ClashReason,
} from '../../../../domain/timetable/conflicts.ts'
import { matchesFilter, type BookingFilter } from '../../../../domain/timetable/filter.ts'
import { isActive, type Lesson } from '../../../../domain/timetable/lesson.ts'

export interface WeekLessonsSource {
  /** Every lesson of the replica. */
  lessons: MaybeRefOrGetter<readonly Lesson[]>
  termId: MaybeRefOrGetter<string | undefined>
  /** The dates of the week shown. */
  days: MaybeRefOrGetter<readonly string[]>
  filter: BookingFilter
  hostsSeveralClasses: (locationId: string) => boolean
}

/**
 * TT-8: the lessons of the week view, without words or stores (the week bench renders with it too): the
 * week's active lessons by slot through the filter, and why a lesson clashes with another of its slot.
 */
export function useWeekLessons(source: WeekLessonsSource) {
  // Grouped once per change of the lessons: every week shown afterwards is a handful of map lookups.
  const activeByDate = computed(() => {
    const termId = toValue(source.termId)
    return groupBySlot(
      toValue(source.lessons).filter((lesson) => lesson.termId === termId && isActive(lesson)),
      (lesson) => lesson.date,
    )
  })

  const weekLessons = computed(() => toValue(source.days).flatMap((day) => activeByDate.value.get(day) ?? []))

  const clashReasons = computed(() => {
    const reasons = new Map<string, ClashReason[]>()
    const pairs = allClashes(weekLessons.value, lessonSlotKey, source.hostsSeveralClasses)
    for (const { first, second, reasons: why } of pairs) {
      reasons.set(first.id, [...(reasons.get(first.id) ?? []), ...why])
      reasons.set(second.id, [...(reasons.get(second.id) ?? []), ...why])
    }
    return reasons
  })

  const bySlot = computed(() =>
    groupBySlot(
      weekLessons.value.filter((lesson) => matchesFilter(lesson, source.filter)),
      lessonSlotKey,
    ),
  )

  /** The lessons of the week shown in one cell of the grid. */
  function lessonsAt(periodId: string, date: string): Lesson[] {
    return bySlot.value.get(lessonSlotKey({ date, periodId })) ?? []
  }

  /** Why `lesson` clashes with another lesson of its slot (a reason may repeat); undefined: it does not. */
  function clashReasonsOf(lesson: Lesson): ClashReason[] | undefined {
    return clashReasons.value.get(lesson.id)
  }

  /** The active lessons of a slot on any date of the term (what an adjustment must not clash with). */
  function activeAt(date: string, periodId: string): Lesson[] {
    return (activeByDate.value.get(date) ?? []).filter((lesson) => lesson.periodId === periodId)
  }

  return { lessonsAt, clashReasonsOf, activeAt }
}
