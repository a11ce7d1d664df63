import { ElMessage } from 'element-plus'
import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { localDate } from '../../../../domain/calendar/dates.ts'
import type { Term } from '../../../../domain/catalog/term.ts'
import { holidayRanges } from '../../../../domain/events/calendar-event.ts'
import { planGeneration, type GenerationResult } from '../../../../domain/timetable/generate.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import { useCalendarStore } from '../calendar/store.ts'
import { useLessonStore, usePlanStore } from './store.ts'
import type { References } from './use-references.ts'

/** Today while the term runs; its first day otherwise (a term being prepared, or one set up late). */
export function defaultFromDate(term: Pick<Term, 'start' | 'end'>, today: string): string {
  return today >= term.start && today <= term.end ? today : term.start
}

/**
 * TT-7: the generate dialog. It previews what generating from a chosen day would do (created, updated,
 * removed, kept adjustments, holidays, clashes), then writes it with a progress bar. Everything happens in
 * the local replica, so it works offline; replication takes it to the server afterwards.
 */
export function useGenerate(visible: Ref<boolean>, term: Ref<Term | undefined>, references: References) {
  const { t } = useI18n()
  const { succeeded } = useWriteFeedback()
  const plan = usePlanStore()
  const lessons = useLessonStore()
  const calendar = useCalendarStore()
  const from = ref('')
  const progress = shallowRef<{ done: number; total: number } | null>(null)

  watch(visible, (open) => {
    if (open && term.value) from.value = defaultFromDate(term.value, localDate())
    if (open) progress.value = null
  })

  const preview = computed<GenerationResult | null>(() => {
    const current = term.value
    if (!visible.value || !current || !from.value) return null
    return planGeneration({
      term: current,
      entries: plan.items.filter((entry) => entry.termId === current.id),
      holidays: holidayRanges(calendar.items),
      existing: lessons.items.filter((lesson) => lesson.termId === current.id),
      from: from.value,
      hostsSeveralClasses: references.hostsSeveralClasses,
    })
  })

  const changes = computed(() =>
    preview.value ? preview.value.writes.length + preview.value.removals.length : 0,
  )

  async function generate(): Promise<void> {
    const result = preview.value
    if (!result || progress.value) return
    const total = changes.value
    progress.value = { done: 0, total }
    const written = await succeeded(async () => {
      await lessons.bulkPut(result.writes, (done) => (progress.value = { done, total }))
      const offset = result.writes.length
      await lessons.bulkRemove(
        result.removals.map((lesson) => lesson.id),
        (done) => (progress.value = { done: offset + done, total }),
      )
    })
    if (written) {
      ElMessage.success(
        t('generate.done', {
          created: result.created,
          updated: result.updated,
          removed: result.removals.length,
        }),
      )
      visible.value = false
    }
    progress.value = null
  }

  const percent = computed(() =>
    progress.value && progress.value.total > 0
      ? Math.round((progress.value.done / progress.value.total) * 100)
      : 0,
  )

  return { from, preview, changes, progress, percent, generate }
}
