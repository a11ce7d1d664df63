import { ElMessage } from 'element-plus'
import { computed, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { newId } from '../../../../domain/documents.ts'
import { newVersionOf, pendingDraftOf } from '../../../../domain/questions/versions.ts'
import type { Question, QuestionType } from '../../../../domain/questions/types.ts'
import { useConfirmDelete } from '../../app/use-confirm-delete.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import { useAuthStore } from '../auth/store.ts'
import { questionIndex } from './question-index.ts'
import { useQuestionStore } from './store.ts'

const NAME_LENGTH = 40

/** What can be done with the questions of the list: add, view, edit, make a new version, delete. */
export function useQuestionActions() {
  const store = useQuestionStore()
  const auth = useAuthStore()
  const router = useRouter()
  const { t } = useI18n()
  const { succeeded } = useWriteFeedback()
  const confirmDelete = useConfirmDelete()
  const previewing = shallowRef<Question | null>(null)

  const isMine = (question: Question) => question.authorId === auth.user?.id
  const isSuperseded = (question: Question) => questionIndex.superseded(store.items).has(question.id)

  /** Own drafts only (the permission rule says so: published questions are read-only). */
  const canChange = (question: Question) => store.permission(question, question).ok

  const canMakeVersion = (question: Question): boolean => {
    const user = auth.user
    if (!user || question.status !== 'published' || isSuperseded(question)) return false
    return store.permission(newVersionOf(question, 'probe', user.id, 0), null).ok
  }

  function openEditor(question: Question): Promise<unknown> {
    return router.push({ name: 'question-edit', params: { id: question.id } })
  }

  function add(type: QuestionType): Promise<unknown> {
    return router.push({ name: 'question-new', params: { type } })
  }

  /** Opens the user's draft of the next version, made now unless they already started one. */
  async function makeVersion(published: Question): Promise<void> {
    const user = auth.user
    if (!user) return
    const pending = pendingDraftOf(store.items, published, user.id)
    if (pending) {
      ElMessage.info(t('questionBank.draftExists', { version: pending.version }))
      await openEditor(pending)
      return
    }
    const draft = newVersionOf(published, newId(), user.id, Date.now())
    const message = t('questionBank.versionCreated', { version: draft.version })
    if (await succeeded(() => store.bulkPut([draft]), message)) await openEditor(draft)
  }

  async function remove(question: Question): Promise<void> {
    const title = questionIndex.title(question)
    const name = title.length > NAME_LENGTH ? `${title.slice(0, NAME_LENGTH)}…` : title
    if (await confirmDelete(t('common.confirmDelete', { name }))) {
      await succeeded(() => store.remove(question.id), t('common.deleted'))
    }
  }

  return {
    previewing,
    isMine,
    isSuperseded,
    canChange,
    canMakeVersion,
    canAdd: computed(() => store.canCreate),
    add,
    preview: (question: Question) => (previewing.value = question),
    edit: openEditor,
    makeVersion,
    remove,
  }
}
