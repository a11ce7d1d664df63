import { computed, reactive } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import type { HomeworkDefinition } from '../../../../domain/homework/definition.ts'
import { useKindList } from '../../app/use-kind-list.ts'
import type { TableColumn } from '../../ui/table-column.ts'
import { useStaffStore } from '../org/stores.ts'
import { useSubjectStore } from '../subjects/store.ts'
import { definitionRow, matchesFilter, type DefinitionFilter } from './definition-rows.ts'
import { useDefinitionStore } from './store.ts'
import { useDefinitionActions } from './use-definition-actions.ts'
import { useSubjectChoices } from './use-definition-form.ts'

/**
 * QB-3 the homework definitions list: search by title, filter by subject and status; add and edit (title,
 * subject, scored) in a dialog; complete, copy, delete; the questions open in the editor.
 */
export function useDefinitions() {
  const store = useDefinitionStore()
  const subjects = useSubjectStore()
  const staff = useStaffStore()
  const router = useRouter()
  const { t } = useI18n()
  const actions = useDefinitionActions()
  const list = useKindList(store, (definition) => [definition.title], { label: (d) => d.title })
  const filter = reactive<DefinitionFilter>({})

  const names = computed(() => ({
    subjects: new Map(subjects.items.map((subject) => [subject.id, subject])),
    staff: new Map(staff.items.map((member) => [member.id, member])),
  }))
  const rows = computed(() =>
    list.rows.value
      .filter((definition) => matchesFilter(definition, filter))
      .map((definition) => definitionRow(definition, names.value)),
  )

  const columns = computed<TableColumn[]>(() => [
    { key: 'title', title: t('homework.columns.title'), width: 130, flexGrow: 2 },
    { key: 'subject', title: t('homework.columns.subject'), width: 80, flexGrow: 1 },
    { key: 'author', title: t('homework.columns.author'), width: 100, flexGrow: 1 },
    { key: 'createdAt', title: t('homework.columns.createdAt'), width: 100 },
    { key: 'scored', title: t('homework.columns.scored'), width: 70 },
    { key: 'total', title: t('homework.columns.total'), width: 100, align: 'right' },
    { key: 'status', title: t('homework.columns.status'), width: 90 },
    { key: 'actions', title: t('common.actions'), width: 340 },
  ])

  const openQuestions = (definition: HomeworkDefinition) =>
    router.push({ name: 'definition', params: { id: definition.id } })

  /** After adding a definition its (still empty) sections are next. */
  function onCreated(definition: HomeworkDefinition): void {
    void openQuestions(definition)
  }

  return {
    search: list.search,
    dialog: list.dialog,
    openCreate: list.openCreate,
    openEdit: list.openEdit,
    filter,
    rows,
    columns,
    subjectOptions: useSubjectChoices().all,
    openQuestions,
    onCreated,
    ...actions,
  }
}
