import { ElMessageBox } from 'element-plus'
import { computed, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { CalendarEvent, EventType } from '../../../../domain/events/calendar-event.ts'
import { useFormDialog } from '../../app/use-form-dialog.ts'
import { useKindList } from '../../app/use-kind-list.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import type { Draft } from '../../db/index.ts'
import type { TableColumn } from '../../ui/table-column.ts'
import { useAuthStore } from '../auth/store.ts'
import { useClassStore } from '../org/stores.ts'
import { useLessonStore } from '../timetable/store.ts'
import { lessonsInHoliday } from '../../../../domain/timetable/generate.ts'
import {
  allowedTypes,
  classNames,
  dayCount,
  defaultType,
  filterByType,
  newEventProbe,
  TYPE_FILTERS,
  TYPE_TAGS,
  type TypeFilter,
} from './events.ts'
import { calendarEventRules } from './rules.ts'
import { useCalendarStore } from './store.ts'

/** The types the user may give a new event (`null`) or a stored one; none when they may not write it. */
function useEventTypes() {
  const store = useCalendarStore()
  const auth = useAuthStore()
  return function typesFor(stored: CalendarEvent | null): EventType[] {
    const user = auth.user
    return user ? allowedTypes(store.permission, stored ?? newEventProbe(user), stored) : []
  }
}

/** Event types (or `all`) with their names in the UI language, for a filter or a select. */
function useTypeOptions<V extends TypeFilter>(values: () => readonly V[]) {
  const { t } = useI18n()
  return computed(() => values().map((value) => ({ value, label: t(`calendar.types.${value}`) })))
}

/**
 * The school calendar list: filter by type, search title and content, in date order; add, edit, delete.
 * Teachers may write only their own events and never holidays, so the add button shows for them too.
 */
export function useCalendar() {
  const store = useCalendarStore()
  const classStore = useClassStore()
  const { t, locale } = useI18n()
  const typesFor = useEventTypes()
  const list = useKindList(store, (event) => [event.title, event.content], {
    label: (event) => event.title,
    sortKey: (event) => `${event.start} ${event.title}`,
  })
  const typeFilter = ref<TypeFilter>('all')
  const rows = computed(() => filterByType(list.rows.value, typeFilter.value))
  const canCreate = computed(() => typesFor(null).length > 0)

  const typeFilters = useTypeOptions(() => TYPE_FILTERS)

  const classesById = computed(() => new Map(classStore.items.map((c) => [c.id, c])))
  const listFormat = computed(
    () => new Intl.ListFormat(locale.value, { type: 'conjunction', style: 'narrow' }),
  )
  const classesOf = (event: CalendarEvent): string =>
    listFormat.value.format(classNames(event.classIds, classesById.value))

  const columns = computed<TableColumn[]>(() => [
    { key: 'title', title: t('calendar.eventTitle'), width: 200, flexGrow: 2 },
    { key: 'type', title: t('calendar.type'), width: 110 },
    { key: 'start', title: t('calendar.start'), width: 120 },
    { key: 'end', title: t('calendar.end'), width: 120 },
    { key: 'days', title: t('calendar.days'), width: 80, align: 'right' },
    { key: 'classes', title: t('calendar.classes'), width: 180, flexGrow: 1 },
    ...(canCreate.value ? [{ key: 'actions', title: t('common.actions'), width: 140 }] : []),
  ])

  return {
    ...list,
    rows,
    columns,
    typeFilter,
    typeFilters,
    canCreate,
    classesOf,
    dayCount,
    tagOf: (event: CalendarEvent) => TYPE_TAGS[event.type],
  }
}

interface EventModel {
  title: string
  type: EventType | null
  /** `[start, end]` as `YYYY-MM-DD` (the date range picker's value), or null before one is chosen. */
  dates: [string, string] | null
  content: string
  classIds: string[]
}

type EventFields = Omit<Draft<CalendarEvent>, 'createdBy'>

function toFields(model: EventModel): EventFields | null {
  if (!model.type || !model.dates) return null
  const [start, end] = model.dates
  const content = model.content.trim()
  return {
    title: model.title.trim(),
    type: model.type,
    start,
    end,
    classIds: model.classIds,
    ...(content ? { content } : {}),
  }
}

/** The add/edit dialog of a calendar event; it offers only the types the user may save. */
export function useCalendarEventForm(visible: Ref<boolean>, editing: Ref<CalendarEvent | null>) {
  const store = useCalendarStore()
  const classStore = useClassStore()
  const lessonStore = useLessonStore()
  const auth = useAuthStore()
  const { t, locale } = useI18n()
  const { run } = useWriteFeedback()
  const typesFor = useEventTypes()
  const types = computed(() => typesFor(editing.value))

  /** A holiday new to these dates says how many lessons the next generation removes, and asks. */
  async function holidayConfirmed(fields: EventFields): Promise<boolean> {
    const stored = editing.value
    const unchanged = stored?.type === 'holiday' && stored.start <= fields.start && fields.end <= stored.end
    if (fields.type !== 'holiday' || unchanged) return true
    const lessons = lessonsInHoliday(lessonStore.items, fields)
    return ElMessageBox.confirm(t('calendar.holidayConfirm', { n: lessons, days: dayCount(fields) }), {
      title: t('calendar.holidayConfirmTitle'),
      type: 'warning',
      confirmButtonText: t('calendar.holidayConfirmButton'),
      cancelButtonText: t('common.cancel'),
    }).then(
      () => true,
      () => false,
    )
  }

  function write(fields: EventFields): () => Promise<CalendarEvent> {
    const current = editing.value
    if (current) return () => store.patch(current.id, { content: undefined, ...fields })
    return () => store.insert({ ...fields, createdBy: auth.user?.id ?? '' })
  }

  const dialog = useFormDialog<EventModel>({
    visible,
    initial: () => {
      const event = editing.value
      return {
        title: event?.title ?? '',
        type: event?.type ?? defaultType(types.value),
        dates: event ? [event.start, event.end] : null,
        content: event?.content ?? '',
        classIds: [...(event?.classIds ?? [])],
      }
    },
    save: async (model) => {
      const fields = toFields(model)
      if (!fields || !(await holidayConfirmed(fields))) return undefined
      return run(write(fields), t('common.saved'))
    },
  })

  const typeOptions = useTypeOptions(() => types.value)
  const classOptions = computed(() => {
    const collator = new Intl.Collator(locale.value, { numeric: true })
    return [...classStore.items].sort((a, b) => collator.compare(a.name, b.name))
  })
  const rules = computed(() => calendarEventRules(t))
  const title = computed(() => (editing.value ? t('calendar.edit') : t('calendar.add')))
  return { ...dialog, rules, title, typeOptions, classOptions }
}
