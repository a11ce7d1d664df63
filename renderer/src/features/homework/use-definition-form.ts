import type { FormRules } from 'element-plus'
import { computed, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { allItems, type HomeworkDefinition } from '../../../../domain/homework/definition.ts'
import { MAX_TITLE_LENGTH } from '../../../../domain/homework/definition.ts'
import { withoutScores } from '../../../../domain/homework/sections.ts'
import { useFormDialog } from '../../app/use-form-dialog.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import { maxLengthRule, requiredRule } from '../../ui/form-rules.ts'
import { useSubjectStore } from '../subjects/store.ts'
import { useDefinitionStore } from './store.ts'
import { useDefinitionActions } from './use-definition-actions.ts'

interface DefinitionModel {
  title: string
  subjectId: string
  scored: boolean
}

/** The subjects in the UI language's order. */
export function useSubjectChoices() {
  const subjects = useSubjectStore()
  const { locale } = useI18n()
  const all = computed(() => {
    const collator = new Intl.Collator(locale.value, { numeric: true })
    return [...subjects.items].sort((a, b) => collator.compare(a.name, b.name))
  })
  return { all }
}

/**
 * The add/edit dialog of a definition: title, subject, scored. A new one is an empty draft of the current
 * user's; the subject stays once questions are in (they are of that subject), and turning scoring off drops
 * the scores given so far.
 */
export function useDefinitionForm(
  visible: Ref<boolean>,
  editing: Ref<HomeworkDefinition | null>,
  onCreated: (definition: HomeworkDefinition) => void,
) {
  const store = useDefinitionStore()
  const { t } = useI18n()
  const { run } = useWriteFeedback()
  const { ownDraft } = useDefinitionActions()
  const subjectLocked = computed(() => (editing.value ? allItems(editing.value).length > 0 : false))
  const dropsScores = (model: DefinitionModel) =>
    editing.value?.scored === true &&
    !model.scored &&
    allItems(editing.value).some((i) => i.score !== undefined)

  const dialog = useFormDialog<DefinitionModel>({
    visible,
    initial: () => ({
      title: editing.value?.title ?? '',
      subjectId: editing.value?.subjectId ?? '',
      scored: editing.value?.scored ?? true,
    }),
    save: async (model) => {
      const fields = { title: model.title.trim(), subjectId: model.subjectId, scored: model.scored }
      const current = editing.value
      if (current) {
        const sections = model.scored ? current.sections : withoutScores(current.sections)
        return run(() => store.patch(current.id, { ...fields, sections }), t('common.saved'))
      }
      const created = await run(() => store.insert(ownDraft({ ...fields, status: 'draft', sections: [] })))
      if (created) onCreated(created)
      return created
    },
  })

  const rules = computed<FormRules>(() => ({
    title: [
      requiredRule(t('homework.rules.titleRequired')),
      maxLengthRule(MAX_TITLE_LENGTH, t('homework.rules.titleTooLong', { n: MAX_TITLE_LENGTH })),
    ],
    subjectId: [requiredRule(t('homework.rules.subjectRequired'), 'change')],
  }))
  const title = computed(() => (editing.value ? t('homework.edit') : t('homework.add')))
  const scoresDropped = computed(() => dropsScores(dialog.model))
  // The subject a definition has stays offered even if it was disabled since.
  const { all } = useSubjectChoices()
  const subjects = computed(() => all.value.filter((s) => s.enabled || s.id === editing.value?.subjectId))

  return { ...dialog, rules, title, subjectLocked, scoresDropped, subjects }
}
