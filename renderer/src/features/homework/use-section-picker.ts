import { ElMessage } from 'element-plus'
import { computed, reactive, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { DefinitionSection } from '../../../../domain/homework/definition.ts'
import { questionIdsIn } from '../../../../domain/homework/editor-view.ts'
import { addQuestions, findSection, type AddedQuestions } from '../../../../domain/homework/sections.ts'
import type { SectionsChange } from './use-section-writes.ts'

/**
 * The question picker of the definition editor: opened for one section, it adds the picked questions there
 * (those already in the definition are skipped, and said so) and closes once they are written.
 */
export function useSectionPicker(
  sections: Readonly<Ref<DefinitionSection[]>>,
  update: (change: SectionsChange) => Promise<boolean>,
) {
  const { t } = useI18n()
  const picker = reactive<{ visible: boolean; sectionId: string | null }>({ visible: false, sectionId: null })
  const pickerSection = computed(() =>
    picker.sectionId ? (findSection(sections.value, picker.sectionId) ?? null) : null,
  )
  /** The questions already in the definition: the picker shows them as added. */
  const presentIds = computed<ReadonlySet<string>>(() => questionIdsIn(sections.value))

  function openPicker(section: DefinitionSection): void {
    picker.sectionId = section.id
    picker.visible = true
  }

  async function addPicked(questionIds: string[]): Promise<void> {
    const sectionId = picker.sectionId
    if (!sectionId) return
    let outcome: AddedQuestions | undefined
    const written = await update(
      (current) => (outcome = addQuestions(current, sectionId, questionIds)).sections,
    )
    if (!written || !outcome) return
    picker.visible = false
    ElMessage.success(t('homework.editor.questionsAdded', { n: outcome.added.length }))
    if (outcome.skipped.length)
      ElMessage.warning(t('homework.editor.questionsSkipped', { n: outcome.skipped.length }))
  }

  return { picker, pickerSection, presentIds, openPicker, addPicked }
}
