import { computed, reactive, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { inRange, localDate } from '../../../../domain/calendar/dates.ts'
import { isHoliday } from '../../../../domain/events/calendar-event.ts'
import { hasFilter, NO_FILTER, type BookingFilter } from '../../../../domain/timetable/filter.ts'
import type { Lesson } from '../../../../domain/timetable/lesson.ts'
import { currentWeek, datesOfWeek, weekCount } from '../../../../domain/timetable/weeks.ts'
import { useCalendarStore } from '../calendar/store.ts'
import type { ExportedWeek } from './export/use-week-export.ts'
import type { GridColumn } from './slot-grid.vue'
import { useLessonStore } from './store.ts'
import { useReferences } from './use-references.ts'
import { useSelectedTerm } from './use-selected-term.ts'
import { useWeekLessons } from './use-week-lessons.ts'

/** "11/24" */
function shortDate(date: string): string {
  return `${date.slice(5, 7)}/${date.slice(8, 10)}`
}

/**
 * TT-8: one week of a term's timetable seen through a filter: dated columns ("Mon 11/23"), holidays noted,
 * and the lessons that clash with another (possible after two PCs adjusted the same week offline) marked.
 */
export function useWeek(initialFilter: BookingFilter = NO_FILTER) {
  const { t } = useI18n()
  const lessons = useLessonStore()
  const calendar = useCalendarStore()
  const references = useReferences()
  const selected = useSelectedTerm()
  const filter = reactive<BookingFilter>({ ...initialFilter })
  const week = ref(1)

  watch(
    () => selected.term.value?.id,
    () => {
      const term = selected.term.value
      if (term) week.value = currentWeek(term, localDate())
    },
    { immediate: true },
  )

  const days = computed(() => (selected.term.value ? datesOfWeek(selected.term.value, week.value) : []))
  const {
    lessonsAt: lessonsOn,
    clashReasonsOf,
    activeAt,
  } = useWeekLessons({
    lessons: () => lessons.items,
    termId: () => selected.term.value?.id,
    days,
    filter,
    hostsSeveralClasses: references.hostsSeveralClasses,
  })

  const holidays = computed(() => calendar.items.filter(isHoliday))
  const columns = computed<GridColumn[]>(() =>
    days.value.map((date, i) => ({
      key: date,
      title: t(`timetable.weekdays.${i + 1}`),
      subtitle: shortDate(date),
      note: holidays.value.find((holiday) => inRange(date, holiday))?.title,
    })),
  )

  const weekOptions = computed(() => {
    const term = selected.term.value
    if (!term) return []
    return Array.from({ length: weekCount(term) }, (_, i) => {
      const dates = datesOfWeek(term, i + 1)
      const range = `${shortDate(dates[0] ?? '')}–${shortDate(dates[6] ?? '')}`
      return { value: i + 1, label: `${t('timetable.weekN', { n: i + 1 })} (${range})` }
    })
  })

  function lessonsAt(periodId: string, column: GridColumn): Lesson[] {
    return lessonsOn(periodId, column.key)
  }

  function clashText(lesson: Lesson): string | undefined {
    const reasons = clashReasonsOf(lesson)
    if (!reasons) return undefined
    return t('timetable.clashMarker', {
      reasons: [...new Set(reasons)]
        .map((reason) => t(`timetable.clash.${reason}`))
        .join(t('timetable.clash.and')),
    })
  }

  /** Whose week the filter shows, in words: "初一(1)班", "李老师 · 101教室". */
  const filterLabel = computed(() =>
    [
      filter.classId && references.classById.value.get(filter.classId)?.name,
      filter.teacherId && references.staffById.value.get(filter.teacherId)?.name,
      filter.locationId && references.locationById.value.get(filter.locationId)?.name,
    ]
      .filter(Boolean)
      .join(' · '),
  )

  const exportedWeek = computed<ExportedWeek>(() => ({
    subject: filterLabel.value,
    termName: selected.term.value?.name ?? '',
    weekLabel: t('timetable.weekN', { n: week.value }),
    periods: selected.periods.value,
    columns: columns.value,
    lessonsAt,
  }))

  return {
    ...selected,
    references,
    filter,
    filtering: computed(() => hasFilter(filter)),
    week,
    weekOptions,
    days,
    columns,
    lessonsAt,
    activeAt,
    clashText,
    filterLabel,
    exportedWeek,
    loadedLessons: computed(() => lessons.loaded),
  }
}
