import { computed, ref, shallowRef, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { newId } from '../../../../domain/documents.ts'
import { sectionItems, totalScore, type DefinitionSection } from '../../../../domain/homework/definition.ts'
import {
  readOnlyReason as readOnlyReasonOf,
  sectionPathLabels,
  type ReadOnlyReason,
} from '../../../../domain/homework/editor-view.ts'
import {
  addSection,
  deleteSection,
  findSection,
  moveQuestion,
  moveSection,
  removeQuestion,
  renameSection,
  setScore,
  setSectionScores,
} from '../../../../domain/homework/sections.ts'
import type { Question } from '../../../../domain/questions/types.ts'
import { useConfirmDelete } from '../../app/use-confirm-delete.ts'
import { useStaffStore } from '../org/stores.ts'
import { useSubjectStore } from '../subjects/store.ts'
import type { SectionCommand } from './section-commands.ts'
import { useDefinitionStore } from './store.ts'
import { useDefinitionActions } from './use-definition-actions.ts'
import { useQuestionLookup } from './use-question-lookup.ts'
import { useSectionPicker } from './use-section-picker.ts'
import { useSectionPrompts } from './use-section-prompts.ts'
import { useSectionWrites } from './use-section-writes.ts'

/**
 * QB-3 the questions of a definition (查看問題): the section tree (add, rename, delete, move, batch scores) and
 * the selected section's questions (add through the picker, remove, move, score). Every change is written at
 * once; a complete definition, or another teacher's, is read-only.
 */
export function useDefinitionEditor(definitionId: Ref<string>) {
  const store = useDefinitionStore()
  const subjects = useSubjectStore()
  const staff = useStaffStore()
  const router = useRouter()
  const { t } = useI18n()
  const actions = useDefinitionActions()
  const confirmDelete = useConfirmDelete()
  const { askTitle, askScore } = useSectionPrompts()

  const definition = computed(() => store.items.find((d) => d.id === definitionId.value) ?? null)
  const { update } = useSectionWrites(definition)
  const editable = computed(() => (definition.value ? actions.canEdit(definition.value) : false))
  const readOnlyReason = computed<ReadOnlyReason>(() => readOnlyReasonOf(definition.value, editable.value))
  const subjectName = computed(
    () => subjects.items.find((s) => s.id === definition.value?.subjectId)?.name ?? '?',
  )
  const authorName = computed(() => staff.items.find((s) => s.id === definition.value?.authorId)?.name ?? '?')
  const total = computed(() => (definition.value ? totalScore(definition.value) : 0))
  const sections = computed(() => definition.value?.sections ?? [])

  const selectedId = ref<string | null>(null)
  const selected = computed(() =>
    selectedId.value ? (findSection(sections.value, selectedId.value) ?? null) : null,
  )
  const paths = computed(() => sectionPathLabels(sections.value))
  const pathOf = (section: DefinitionSection): string => paths.value.get(section.id) ?? section.title

  const { picker, pickerSection, presentIds, openPicker, addPicked } = useSectionPicker(sections, update)
  const lookup = useQuestionLookup()
  const previewing = shallowRef<Question | null>(null)
  const preview = (questionId: string) => (previewing.value = lookup.find(questionId) ?? null)

  async function addNewSection(parent?: DefinitionSection): Promise<void> {
    const title = await askTitle(
      parent ? t('homework.editor.commands.addChild') : t('homework.editor.commands.addSection'),
    )
    if (title === null) return
    const id = newId()
    if (await update((current) => addSection(current, { id, title }, parent?.id))) selectedId.value = id
  }

  async function rename(section: DefinitionSection): Promise<void> {
    const title = await askTitle(t('homework.editor.commands.rename'), section.title)
    if (title !== null) await update((current) => renameSection(current, section.id, title))
  }

  async function remove(section: DefinitionSection): Promise<void> {
    const message = t('homework.editor.confirmDeleteSection', {
      name: pathOf(section),
      n: sectionItems(section).length,
    })
    if (await confirmDelete(message)) await update((current) => deleteSection(current, section.id))
  }

  async function batchScore(section: DefinitionSection): Promise<void> {
    const label = t('homework.editor.batchScoreLabel', {
      name: pathOf(section),
      n: sectionItems(section).length,
    })
    const score = await askScore(t('homework.editor.commands.batchScore'), label)
    if (score !== null) {
      await update((current) => setSectionScores(current, section.id, score), t('common.saved'))
    }
  }

  function runCommand(command: SectionCommand, section: DefinitionSection): void {
    const commands: Record<SectionCommand, () => unknown> = {
      addChild: () => addNewSection(section),
      rename: () => rename(section),
      up: () => update((current) => moveSection(current, section.id, -1)),
      down: () => update((current) => moveSection(current, section.id, 1)),
      addQuestions: () => {
        selectedId.value = section.id
        openPicker(section)
      },
      batchScore: () => batchScore(section),
      delete: () => remove(section),
    }
    void commands[command]()
  }

  const questionCommands = {
    score: (questionId: string, score: number | undefined) =>
      update((current) => setScore(current, questionId, score)),
    remove: (questionId: string) => update((current) => removeQuestion(current, questionId)),
    move: (questionId: string, offset: -1 | 1) =>
      update((current) => moveQuestion(current, questionId, offset)),
  }

  async function copyAndOpen(): Promise<void> {
    if (!definition.value) return
    const copied = await actions.copy(definition.value)
    if (copied) await router.push({ name: 'definition', params: { id: copied.id } })
  }

  return {
    loaded: computed(() => store.loaded),
    definition,
    editable,
    readOnlyReason,
    subjectName,
    authorName,
    total,
    sections,
    selectedId,
    selected,
    pathOf,
    picker,
    pickerSection,
    presentIds,
    previewing,
    preview,
    addSection: () => addNewSection(),
    runCommand,
    addPicked,
    questionCommands,
    canCopy: actions.canCreate,
    canComplete: computed(() => (definition.value ? actions.canComplete(definition.value) : false)),
    complete: () => definition.value && actions.complete(definition.value),
    copyAndOpen,
  }
}
