import { ElMessage, ElMessageBox } from 'element-plus'
import { computed, h } from 'vue'
import { useI18n } from 'vue-i18n'
import { newId } from '../../../../domain/documents.ts'
import { completionProblems, type HomeworkDefinition } from '../../../../domain/homework/definition.ts'
import { completionProblemMessage, copyDefinition } from '../../../../domain/homework/sections.ts'
import { useConfirmDelete } from '../../app/use-confirm-delete.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import type { Draft } from '../../db/index.ts'
import { useAuthStore } from '../auth/store.ts'
import { useDefinitionStore } from './store.ts'
import { useQuestionLookup } from './use-question-lookup.ts'

type Tombstone = HomeworkDefinition & { _deleted: true }

/**
 * What can be done to a whole definition, from the list and from the editor alike: the permission questions
 * that hide buttons, and complete, copy and delete.
 */
export function useDefinitionActions() {
  const store = useDefinitionStore()
  const auth = useAuthStore()
  const { t } = useI18n()
  const { run, succeeded } = useWriteFeedback()
  const confirmDelete = useConfirmDelete()
  const questions = useQuestionLookup()

  /** A new definition written by the current user: what add and copy write. */
  function ownDraft(
    fields: Omit<Draft<HomeworkDefinition>, 'authorId' | 'createdAt'>,
  ): Draft<HomeworkDefinition> {
    return { ...fields, authorId: auth.user?.id ?? '', createdAt: Date.now() }
  }

  /** May the current user write new definitions (and so copy any)? */
  const canCreate = computed(() => store.canCreate)

  const canEdit = (definition: HomeworkDefinition): boolean => store.permission(definition, definition).ok
  const canComplete = (definition: HomeworkDefinition): boolean =>
    definition.status === 'draft' && canEdit(definition)
  const canDelete = (definition: HomeworkDefinition): boolean =>
    store.permission({ ...definition, _deleted: true } as Tombstone, definition).ok

  /** The problems that block completion, as a list in words (which sections, which questions). */
  function problemList(definition: HomeworkDefinition) {
    const messages = completionProblems(definition).map((problem) =>
      completionProblemMessage(problem, questions.briefOf),
    )
    if (!messages.length) return null
    return h(
      'ul',
      { class: 'completion-problems', 'data-test': 'completion-problems' },
      messages.map(({ key, params }) => h('li', t(key, params))),
    )
  }

  /** Completes the definition once nothing blocks it (and the user confirms); otherwise says what blocks it. */
  async function complete(definition: HomeworkDefinition): Promise<boolean> {
    const problems = problemList(definition)
    if (problems) {
      await ElMessageBox.alert(h('div', [h('p', t('homework.cannotCompleteIntro')), problems]), {
        title: t('homework.cannotComplete'),
        type: 'warning',
        // Room for the section paths and question stems of the list.
        customStyle: { '--el-messagebox-width': '560px' },
        confirmButtonText: t('common.confirm'),
      }).catch(() => undefined)
      return false
    }
    const confirmed = await ElMessageBox.confirm(t('homework.confirmComplete', { title: definition.title }), {
      title: t('homework.actions.complete'),
      type: 'info',
      confirmButtonText: t('homework.actions.complete'),
      cancelButtonText: t('common.cancel'),
    }).then(
      () => true,
      () => false,
    )
    return (
      confirmed &&
      succeeded(() => store.patch(definition.id, { status: 'complete' }), t('homework.completed'))
    )
  }

  /** Copies any definition as a draft of the current user's; resolves with the copy. */
  async function copy(definition: HomeworkDefinition): Promise<HomeworkDefinition | undefined> {
    const copied = await run(() =>
      store.insert(ownDraft(copyDefinition(definition, () => newId(), t('homework.copySuffix')))),
    )
    if (copied) ElMessage.success(t('homework.copied', { title: copied.title }))
    return copied
  }

  async function remove(definition: HomeworkDefinition): Promise<boolean> {
    const confirmed = await confirmDelete(t('common.confirmDelete', { name: definition.title }))
    return confirmed && succeeded(() => store.remove(definition.id), t('common.deleted'))
  }

  return { ownDraft, canCreate, canEdit, canComplete, canDelete, complete, copy, remove }
}
