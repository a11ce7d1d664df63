import { computed, reactive, ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { planAdjustment, type AdjustmentOutcome } from '../../../../domain/timetable/adjust.ts'
import type { Lesson } from '../../../../domain/timetable/lesson.ts'
import { useConfirmDelete } from '../../app/use-confirm-delete.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import { useLessonStore } from './store.ts'
import type { References } from './use-references.ts'

export type AdjustMode = 'time' | 'room' | 'both'

interface AdjustContext {
  visible: Ref<boolean>
  lesson: Ref<Lesson | null>
  references: References
  activeAt: (date: string, periodId: string) => Lesson[]
}

/**
 * TT-8: a clicked lesson: delete it, or move it in time, to another room, or both. The outcome is worked out
 * before saving: free, a swap with the one lesson in the way (the admin chooses to swap or cancel), or
 * blocked with the lessons named. Nothing is overwritten silently.
 */
export function useLessonAdjust({ visible, lesson, references, activeAt }: AdjustContext) {
  const { t } = useI18n()
  const { succeeded } = useWriteFeedback()
  const confirmDelete = useConfirmDelete()
  const store = useLessonStore()
  const mode = ref<AdjustMode>('time')
  const target = reactive({ date: '', periodId: '', locationId: '' })
  const saving = ref(false)

  watch(visible, (open) => {
    const current = lesson.value
    if (!open || !current) return
    mode.value = 'time'
    Object.assign(target, { date: current.date, periodId: current.periodId, locationId: current.locationId })
  })

  const canEdit = computed(() => (lesson.value ? store.permission(lesson.value, lesson.value).ok : false))

  /** The placement the chosen mode asks for: the other fields stay as they are. */
  const placement = computed(() => {
    const current = lesson.value
    if (!current) return null
    const moveTime = mode.value !== 'room'
    const moveRoom = mode.value !== 'time'
    return {
      date: moveTime ? target.date : current.date,
      periodId: moveTime ? target.periodId : current.periodId,
      locationId: moveRoom ? target.locationId : current.locationId,
    }
  })

  const changed = computed(() => {
    const current = lesson.value
    const next = placement.value
    return Boolean(
      current &&
      next &&
      (next.date !== current.date ||
        next.periodId !== current.periodId ||
        next.locationId !== current.locationId),
    )
  })

  const outcome = computed<AdjustmentOutcome | null>(() => {
    const current = lesson.value
    const next = placement.value
    if (!current || !next || !changed.value || !next.date || !next.periodId || !next.locationId) return null
    return planAdjustment(current, next, {
      lessonsAt: activeAt,
      hostsSeveralClasses: references.hostsSeveralClasses,
    })
  })

  async function write(docs: Lesson[]): Promise<void> {
    if (saving.value) return
    saving.value = true
    try {
      if (await succeeded(() => store.bulkPut(docs), t('common.saved'))) visible.value = false
    } finally {
      saving.value = false
    }
  }

  async function save(): Promise<void> {
    const result = outcome.value
    if (result?.type === 'free') await write([result.moved])
  }

  async function swap(): Promise<void> {
    const result = outcome.value
    if (result?.type === 'swappable') await write([result.moved, result.swapped])
  }

  /** A generated lesson is cancelled (kept, hidden) so that generating again does not bring it back. */
  async function remove(): Promise<void> {
    const current = lesson.value
    if (!current) return
    const names = references.namesOf(current)
    const confirmed = await confirmDelete(
      t('lesson.confirmDelete', { ...names, date: current.date }),
      t('lesson.deleteTitle'),
    )
    if (!confirmed) return
    const deleted = await succeeded(
      () =>
        current.planEntryId === undefined
          ? store.remove(current.id)
          : store.patch(current.id, { cancelled: true }),
      t('common.deleted'),
    )
    if (deleted) visible.value = false
  }

  return { mode, target, outcome, changed, canEdit, saving, save, swap, remove }
}
