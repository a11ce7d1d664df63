import { computed, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Subject } from '../../../../domain/catalog/subject.ts'
import { useFormDialog } from '../../app/use-form-dialog.ts'
import { useKindList } from '../../app/use-kind-list.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import type { Draft } from '../../db/index.ts'
import type { TableColumn } from '../../ui/table-column.ts'
import { subjectRules } from './rules.ts'
import { useSubjectStore } from './store.ts'

/** The subjects list screen: search by name or code, enable/disable, delete, add and edit in a dialog. */
export function useSubjects() {
  const store = useSubjectStore()
  const { t } = useI18n()
  const list = useKindList(store, (subject) => [subject.name, subject.code])

  const columns = computed<TableColumn[]>(() => [
    { key: 'name', title: t('fields.name'), width: 220, flexGrow: 2 },
    { key: 'code', title: t('fields.code'), width: 160, flexGrow: 1 },
    { key: 'enabled', title: t('common.status'), width: 120 },
    ...(store.canCreate ? [{ key: 'actions', title: t('common.actions'), width: 200 }] : []),
  ])

  return { ...list, columns, canCreate: computed(() => store.canCreate) }
}

interface SubjectModel {
  name: string
  code: string
  enabled: boolean
}

function toDraft(model: SubjectModel): Draft<Subject> {
  const code = model.code.trim()
  return { name: model.name.trim(), enabled: model.enabled, ...(code ? { code } : {}) }
}

/** The add/edit dialog of a subject. */
export function useSubjectForm(visible: Ref<boolean>, editing: Ref<Subject | null>) {
  const store = useSubjectStore()
  const { t } = useI18n()
  const { run } = useWriteFeedback()
  const dialog = useFormDialog<SubjectModel>({
    visible,
    initial: () => ({
      name: editing.value?.name ?? '',
      code: editing.value?.code ?? '',
      enabled: editing.value?.enabled ?? true,
    }),
    save: (model) => {
      const draft = toDraft(model)
      const current = editing.value
      const write = current
        ? () => store.patch(current.id, { code: undefined, ...draft })
        : () => store.insert(draft)
      return run(write, t('common.saved'))
    },
  })
  const rules = computed(() =>
    subjectRules(
      t,
      () => store.items,
      () => editing.value?.id ?? null,
    ),
  )
  const title = computed(() => (editing.value ? t('subjects.edit') : t('subjects.add')))
  return { ...dialog, rules, title }
}
