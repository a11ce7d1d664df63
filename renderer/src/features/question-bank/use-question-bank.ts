import dayjs from 'dayjs'
import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { defaultQuestionFilter, type QuestionFilter } from '../../../../domain/questions/filter.ts'
import type { Question } from '../../../../domain/questions/types.ts'
import type { TableColumn } from '../../ui/table-column.ts'
import { questionIndex } from './question-index.ts'
import { useQuestionStore } from './store.ts'
import { useQuestionActions } from './use-question-actions.ts'
import { useQuestionLookups } from './use-question-lookups.ts'

/**
 * QB-2: the question bank's list. Admins get every question of the school, teachers the published ones and
 * their own drafts (the server sends nothing else), so the list filters only by what the filter bar says.
 */
export function useQuestionBank() {
  const store = useQuestionStore()
  const { t } = useI18n()
  const lookups = useQuestionLookups()
  const actions = useQuestionActions()
  const filter = ref<QuestionFilter>(defaultQuestionFilter())

  const rows = computed(() => questionIndex.filter(store.items, filter.value))

  const columns = computed<TableColumn[]>(() => [
    { key: 'title', title: t('questionBank.columns.title'), width: 220, flexGrow: 1 },
    { key: 'subject', title: t('questionBank.columns.subject'), width: 90 },
    { key: 'type', title: t('questionBank.columns.type'), width: 140 },
    { key: 'author', title: t('questionBank.columns.author'), width: 90 },
    { key: 'createdAt', title: t('questionBank.columns.createdAt'), width: 100 },
    { key: 'status', title: t('questionBank.columns.status'), width: 120 },
    { key: 'version', title: t('questionBank.columns.version'), width: 70 },
    { key: 'actions', title: t('common.actions'), width: 170 },
  ])

  return {
    ...lookups,
    ...actions,
    filter,
    rows,
    columns,
    title: (question: Question) => questionIndex.title(question),
    createdOn: (question: Question) => dayjs(question.createdAt).format('YYYY-MM-DD'),
  }
}
