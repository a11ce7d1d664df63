import { computed, reactive, shallowReactive } from 'vue'
import { useI18n } from 'vue-i18n'
import { groupBySlot, planSlotKey } from '../../../../domain/timetable/conflicts.ts'
import {
  hasFilter,
  matchesFilter,
  NO_FILTER,
  type BookingFilter,
} from '../../../../domain/timetable/filter.ts'
import type { PlanEntry } from '../../../../domain/timetable/plan-entry.ts'
import { useConfirmDelete } from '../../app/use-confirm-delete.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import type { GridColumn } from './slot-grid.vue'
import { usePlanStore } from './store.ts'
import { useOpeningFilter } from './use-opening-filter.ts'
import { useReferences } from './use-references.ts'
import { useSelectedTerm } from './use-selected-term.ts'

const WORKDAYS = [1, 2, 3, 4, 5]
const WEEKEND = [6, 7]

/** Where a new entry goes when the admin clicked an empty cell (or the Add button: nothing chosen yet). */
export interface EntryDraft {
  weekday: number | null
  periodId: string
}

/** TT-5: the scheduling plan of a term, as a weekday × period grid seen through a filter. */
export function usePlan() {
  const { t } = useI18n()
  const { run } = useWriteFeedback()
  const confirmDelete = useConfirmDelete()
  const store = usePlanStore()
  const references = useReferences()
  const selected = useSelectedTerm()
  const filter = reactive<BookingFilter>({ ...NO_FILTER })
  const { reset } = useOpeningFilter(filter)
  const form = shallowReactive<{ visible: boolean; draft: EntryDraft }>({
    visible: false,
    draft: { weekday: null, periodId: '' },
  })
  const generation = shallowReactive({ visible: false })

  const termEntries = computed(() => store.items.filter((entry) => entry.termId === selected.term.value?.id))
  const filtered = computed(() => termEntries.value.filter((entry) => matchesFilter(entry, filter)))
  const bySlot = computed(() => groupBySlot(filtered.value, planSlotKey))

  const weekdays = computed(() =>
    termEntries.value.some((entry) => entry.weekday > 5) ? [...WORKDAYS, ...WEEKEND] : WORKDAYS,
  )
  const columns = computed<GridColumn[]>(() =>
    weekdays.value.map((day) => ({ key: String(day), title: t(`timetable.weekdays.${day}`) })),
  )

  function entriesAt(periodId: string, column: GridColumn): PlanEntry[] {
    const termId = selected.term.value?.id ?? ''
    return bySlot.value.get(planSlotKey({ termId, weekday: Number(column.key), periodId })) ?? []
  }

  function openAdd(periodId = '', column?: GridColumn): void {
    if (!store.canCreate) return
    form.draft = { weekday: column ? Number(column.key) : null, periodId }
    form.visible = true
  }

  async function remove(entry: PlanEntry): Promise<void> {
    if (!store.canCreate) return
    const names = references.namesOf(entry)
    const confirmed = await confirmDelete(t('plan.confirmDelete', { ...names }), t('plan.deleteTitle'))
    if (confirmed) await run(() => store.remove(entry.id), t('common.deleted'))
  }

  return {
    ...selected,
    references,
    filter,
    filtering: computed(() => hasFilter(filter)),
    termEntries,
    columns,
    entriesAt,
    canEdit: computed(() => store.canCreate),
    form,
    generation,
    openAdd,
    remove,
    reset,
  }
}
