import dayjs from 'dayjs'
import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { defaultQuestionFilter, type QuestionFilter } from '../../../../domain/questions/filter.ts'
import type { Question } from '../../../../domain/questions/types.ts'
import type { TableColumn } from '../../ui/table-column.ts'
import { questionIndex } from '../question-bank/question-index.ts'
import { useQuestionStore } from '../question-bank/store.ts'
import { useQuestionLookups } from '../question-bank/use-question-lookups.ts'

/** A row of the picker: a published question, and whether the definition holds it already. */
export interface PickerRow {
  id: string
  question: Question
  title: string
  type: string
  author: string
  createdAt: string
  added: boolean
}

/**
 * QB-3 adding questions: the published questions of the definition's subject, latest versions only, filtered
 * like the question bank; those already in the definition are shown but cannot be picked again.
 */
export function useQuestionPicker(
  visible: Ref<boolean>,
  subjectId: Ref<string>,
  presentIds: Ref<ReadonlySet<string>>,
) {
  const store = useQuestionStore()
  const lookups = useQuestionLookups()
  const { t } = useI18n()
  const filter = ref<QuestionFilter>(defaultQuestionFilter())
  const selected = shallowRef<ReadonlySet<string>>(new Set())

  watch(visible, (open) => {
    if (open) selected.value = new Set()
  })

  const rows = computed<PickerRow[]>(() =>
    questionIndex
      .filter(store.items, {
        ...filter.value,
        subjectId: subjectId.value,
        status: 'published',
        latestOnly: true,
      })
      .map((question) => ({
        id: question.id,
        question,
        title: questionIndex.title(question),
        type: lookups.typeLabel(question.type),
        author: lookups.authorName(question.authorId),
        createdAt: dayjs(question.createdAt).format('YYYY-MM-DD'),
        added: presentIds.value.has(question.id),
      })),
  )
  const pickable = computed(() => rows.value.filter((row) => !row.added))
  const allShownPicked = computed(
    () => pickable.value.length > 0 && pickable.value.every((row) => selected.value.has(row.id)),
  )

  const columns = computed<TableColumn[]>(() => [
    { key: 'pick', title: '', width: 48 },
    { key: 'title', title: t('questionBank.columns.title'), width: 220, flexGrow: 1 },
    { key: 'type', title: t('questionBank.columns.type'), width: 130 },
    { key: 'author', title: t('questionBank.columns.author'), width: 90 },
    { key: 'createdAt', title: t('questionBank.columns.createdAt'), width: 110 },
    { key: 'actions', title: t('common.actions'), width: 80 },
  ])

  function toggle(id: string, picked: boolean): void {
    const next = new Set(selected.value)
    if (picked) next.add(id)
    else next.delete(id)
    selected.value = next
  }

  /** Picks every question shown that is not in the definition yet, or un-picks them all. */
  function toggleAllShown(picked: boolean): void {
    const next = new Set(selected.value)
    for (const row of pickable.value) {
      if (picked) next.add(row.id)
      else next.delete(row.id)
    }
    selected.value = next
  }

  /** The picked questions in the order they were picked (a change of filter keeps them picked). */
  const picked = computed(() => [...selected.value])

  return { filter, rows, columns, selected, picked, allShownPicked, toggle, toggleAllShown }
}
