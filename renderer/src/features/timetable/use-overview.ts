import { computed, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { addDays, inRange, localDate, weekdayOf } from '../../../../domain/calendar/dates.ts'
import { isHoliday } from '../../../../domain/events/calendar-event.ts'
import { inSchoolOrder } from '../../../../domain/org/school-class.ts'
import type { Lesson } from '../../../../domain/timetable/lesson.ts'
import { classesOfDay, openingDay, teachersOfDay } from '../../../../domain/timetable/overview.ts'
import { weekOfTerm } from '../../../../domain/timetable/weeks.ts'
import { useCalendarStore } from '../calendar/store.ts'
import { useClassStore } from '../org/stores.ts'
import type { WeekSheet } from './export/week-workbook.ts'
import type { GridColumn, GridRow } from './slot-grid.vue'
import { useLessonStore } from './store.ts'
import { periodRows, useReferences } from './use-references.ts'
import { useSelectedTerm } from './use-selected-term.ts'

/** Whose rows the overview shows: every class's lessons, or every teacher's lessons and free periods. */
export type OverviewView = 'classes' | 'teachers'

/**
 * TT-13: the whole school on one day, as schools print and pin it up: classes × periods, or teachers × periods
 * with their free periods. It opens on the next day with lessons (see `openingDay`) until a day is picked.
 */
export function useOverview() {
  const { t } = useI18n()
  const lessons = useLessonStore()
  const classes = useClassStore()
  const calendar = useCalendarStore()
  const references = useReferences()
  const selected = useSelectedTerm()
  const view = ref<OverviewView>('classes')
  const picked = ref<string | null>(null)

  const termLessons = computed(() => lessons.items.filter((l) => l.termId === selected.term.value?.id))
  watch(
    () => selected.term.value?.id,
    () => (picked.value = null),
  )
  const date = computed({
    get: () => {
      const term = selected.term.value
      return picked.value ?? (term ? openingDay(term, localDate(), termLessons.value) : '')
    },
    set: (day: string) => (picked.value = day),
  })

  function moveDay(days: number): void {
    const term = selected.term.value
    const day = addDays(date.value, days)
    if (term && inRange(day, term)) date.value = day
  }

  /** "周一 · 第14周" */
  const dayLabel = computed(() => {
    const term = selected.term.value
    if (!term || !date.value) return ''
    return `${t(`timetable.weekdays.${weekdayOf(date.value)}`)} · ${t('timetable.weekN', { n: weekOfTerm(term, date.value) })}`
  })
  const holiday = computed(() =>
    calendar.items.find((event) => isHoliday(event) && inRange(date.value, event)),
  )

  const columns = computed<GridColumn[]>(() => periodRows(selected.periods.value))

  const overview = computed(() => {
    const periods = selected.periods.value
    if (view.value === 'classes') {
      const ordered = inSchoolOrder(classes.items)
      const rows = classesOfDay(
        termLessons.value,
        date.value,
        ordered.map((c) => c.id),
        periods,
      )
      return { rows, titles: ordered.map((c) => c.name) }
    }
    const teachers = references.teachers.value
    const rows = teachersOfDay(
      termLessons.value,
      date.value,
      teachers.map((p) => p.id),
      periods,
    )
    return { rows, titles: teachers.map((p) => p.name) }
  })
  const rowById = computed(() => new Map(overview.value.rows.map((row) => [row.id, row])))

  const gridRows = computed<GridRow[]>(() =>
    overview.value.rows.map((row, i) => ({
      key: row.id,
      title: overview.value.titles[i] ?? '',
      subtitle:
        view.value === 'teachers' ? t('overview.freeCount', { n: row.freePeriodIds.length }) : undefined,
    })),
  )

  function lessonsAt(rowKey: string, periodId: string): Lesson[] {
    return rowById.value.get(rowKey)?.byPeriod.get(periodId) ?? []
  }

  /** A teacher's free period (the classes view marks none: an empty class cell is no news). */
  function isFree(rowKey: string, periodId: string): boolean {
    return view.value === 'teachers' && lessonsAt(rowKey, periodId).length === 0
  }

  const title = computed(() =>
    [
      t(view.value === 'classes' ? 'overview.title' : 'overview.teachersTitle'),
      selected.term.value?.name,
      `${date.value} ${dayLabel.value}`,
    ].join(' · '),
  )

  /** The overview as the Excel export's table. */
  const sheet = computed<WeekSheet>(() => {
    const lessonText = (lesson: Lesson) => {
      const names = references.namesOf(lesson)
      const who = view.value === 'classes' ? names.teacher : names.className
      return `${names.subject}\n${who} · ${names.room}`
    }
    return {
      title: title.value,
      subtitle: holiday.value?.title ?? '',
      headers: ['', ...columns.value.map((c) => `${c.title}\n${c.subtitle ?? ''}`)],
      rows: gridRows.value.map((row) => ({
        label: [row.title, row.subtitle].filter(Boolean).join('\n'),
        cells: columns.value.map((column) =>
          isFree(row.key, column.key)
            ? t('overview.free')
            : lessonsAt(row.key, column.key).map(lessonText).join('\n\n'),
        ),
      })),
      sheetName: `${date.value} ${t(view.value === 'classes' ? 'overview.classes' : 'overview.teachers')}`,
    }
  })

  return {
    ...selected,
    references,
    view,
    date,
    moveDay,
    dayLabel,
    holiday,
    columns,
    gridRows,
    lessonsAt,
    isFree,
    title,
    sheet,
  }
}
