import type { FormRules } from 'element-plus'
import { computed, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { clashes, planSlotKey } from '../../../../domain/timetable/conflicts.ts'
import type { BookingFilter } from '../../../../domain/timetable/filter.ts'
import { useFormDialog } from '../../app/use-form-dialog.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import type { EntryDraft } from './use-plan.ts'
import { usePlanStore } from './store.ts'
import { useClashText } from './use-clash-text.ts'
import type { References } from './use-references.ts'

interface EntryModel {
  weekday: number | null
  periodId: string
  teacherId: string
  subjectId: string
  classId: string
  locationId: string
}

interface EntryFormContext {
  visible: Ref<boolean>
  termId: Ref<string>
  draft: Ref<EntryDraft>
  filter: Ref<BookingFilter>
  references: References
}

/**
 * The add dialog of a plan entry. It starts from the clicked cell and the filter, fills in the class's
 * subject teacher (the address book's configuration), and refuses a clash before writing, naming the
 * entry in the way; the dialog then stays open to choose another slot.
 */
export function usePlanEntryForm({ visible, termId, draft, filter, references }: EntryFormContext) {
  const { t } = useI18n()
  const { run } = useWriteFeedback()
  const store = usePlanStore()
  const clashText = useClashText(references)
  const refusal = ref<string[]>([])

  const dialog = useFormDialog<EntryModel>({
    visible,
    initial: () => ({
      weekday: draft.value.weekday,
      periodId: draft.value.periodId,
      teacherId: filter.value.teacherId,
      subjectId: '',
      classId: filter.value.classId,
      locationId: filter.value.locationId,
    }),
    save: async (model) => {
      if (model.weekday === null) return undefined
      const fields = { ...model, weekday: model.weekday, termId: termId.value }
      const slot = store.items.filter((entry) => planSlotKey(entry) === planSlotKey(fields))
      const found = clashes({ ...fields, id: '' }, slot, references.hostsSeveralClasses)
      refusal.value = found.map(clashText)
      if (found.length > 0) return undefined
      return run(() => store.insert(fields), t('common.saved'))
    },
  })

  watch(visible, (open) => {
    if (open) refusal.value = []
  })

  watch(
    () => [dialog.model.classId, dialog.model.subjectId] as const,
    ([classId, subjectId]) => {
      if (dialog.model.teacherId || !classId || !subjectId) return
      const assigned = references.classById.value
        .get(classId)
        ?.subjectTeachers.find((assignment) => assignment.subjectId === subjectId)
      if (assigned) dialog.model.teacherId = assigned.staffId
    },
  )

  const rules = computed<FormRules>(() => {
    const required = { required: true, message: t('plan.required'), trigger: 'change' }
    return Object.fromEntries(
      ['weekday', 'periodId', 'teacherId', 'subjectId', 'classId', 'locationId'].map((field) => [
        field,
        [required],
      ]),
    )
  })

  return { ...dialog, rules, refusal }
}
