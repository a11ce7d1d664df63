import { ElMessage, ElMessageBox } from 'element-plus'
import { computed, reactive, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'
import type { BlobRef } from '../../../../domain/blobs/blob-ref.ts'
import {
  blankCount,
  fitBlanks,
  renumberBlanks,
  type EditedFields,
} from '../../../../domain/questions/editing.ts'
import {
  activeBlanks,
  editedFields,
  editorStateOf,
  editRefusal,
  isQuestionType,
  newEditorState,
  questionBeingEdited,
  withBlankAnswers,
  withKnownImage,
  type EditorState,
} from '../../../../domain/questions/editor-state.ts'
import { questionProblems } from '../../../../domain/questions/rules.ts'
import type { Question } from '../../../../domain/questions/types.ts'
import { useAuthStore } from '../auth/store.ts'
import { useQuestionStore } from '../question-bank/store.ts'
import { useSubjectStore } from '../subjects/store.ts'
import { problemsOf } from './problems.ts'
import { useQuestionAttachments } from './use-question-attachments.ts'
import { useQuestionSave } from './use-question-save.ts'
import { useUnsavedGuard } from './use-unsaved-guard.ts'

/**
 * QB-1/QB-2: the question editor. New questions start empty for the route's type; a draft of the user's own
 * is loaded for editing (a published or someone else's question is refused: it is read-only). Problems of
 * `questionProblems` are checked live; they block publishing, never saving a draft (it only needs its subject).
 */
export function useQuestionEditor() {
  const { t } = useI18n()
  const route = useRoute()
  const router = useRouter()
  const auth = useAuthStore()
  const questions = useQuestionStore()
  const subjects = useSubjectStore()

  const ready = ref(false)
  const stored = ref<Question | null>(null)
  const save = useQuestionSave(stored)
  const state = reactive<EditorState>(newEditorState('single_choice'))
  const savedSnapshot = ref('')

  const blanks = computed(() => activeBlanks(state))
  const fields = computed<EditedFields>(() => editedFields(state))

  const question = computed(() => questionBeingEdited(fields.value, stored.value, auth.user))

  const problems = computed(() => questionProblems(question.value))
  const stemProblems = computed(() => problemsOf(problems.value, 'stem'))
  const contentProblems = computed(() => problemsOf(problems.value, 'content'))
  const subjectMissing = computed(() => !state.subjectId)
  const problemCount = computed(() => problems.value.length + (subjectMissing.value ? 1 : 0))
  const canSaveDraft = computed(() => ready.value && !save.saving.value && !subjectMissing.value)
  const canPublish = computed(() => canSaveDraft.value && problemCount.value === 0)
  const dirty = computed(() => ready.value && JSON.stringify(fields.value) !== savedSnapshot.value)

  const subjectOptions = computed(() =>
    subjects.items
      .filter((subject) => subject.enabled || subject.id === state.subjectId)
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  )

  function markSaved(): void {
    savedSnapshot.value = JSON.stringify(fields.value)
  }

  function leave(message: string): void {
    ElMessage.warning(message)
    void router.push({ name: 'questions' })
  }

  function startNew(type: unknown): void {
    if (!isQuestionType(type)) return leave(t('questionEditor.unknownType', { type: String(type) }))
    Object.assign(state, newEditorState(type))
    markSaved()
    ready.value = true
  }

  function load(question: Question | undefined): void {
    const refusal = editRefusal(question, auth.user?.id)
    if (refusal || !question) return leave(t(`questionEditor.${refusal ?? 'notFound'}`))
    stored.value = question
    Object.assign(state, editorStateOf(question))
    markSaved()
    ready.value = true
  }

  function start(): void {
    if (route.name !== 'question-edit') return startNew(route.params.type)
    const id = String(route.params.id)
    watch(
      () => questions.loaded,
      (loaded) => {
        if (loaded && !ready.value) load(questions.items.find((q) => q.id === id))
      },
      { immediate: true },
    )
  }

  function write(status: Question['status']): Promise<boolean> {
    if (!(status === 'draft' ? canSaveDraft : canPublish).value) return Promise.resolve(false)
    return save.write(fields.value, status).then((written) => {
      if (written) markSaved()
      return written
    })
  }

  async function saveDraft(): Promise<void> {
    if (!(await write('draft'))) return
    const n = problemCount.value
    if (n) ElMessage.warning(t('questionEditor.draftSavedWithProblems', { n }))
    else ElMessage.success(t('questionEditor.draftSaved'))
  }

  async function publish(): Promise<void> {
    const confirmed = await ElMessageBox.confirm(t('questionEditor.publishConfirm'), {
      title: t('questionEditor.publish'),
      type: 'warning',
      confirmButtonText: t('questionEditor.publish'),
      cancelButtonText: t('common.cancel'),
    }).then(
      () => true,
      () => false,
    )
    if (!confirmed || !(await write('published'))) return
    ElMessage.success(t('questionEditor.published'))
    void router.push({ name: 'questions' })
  }

  function cancel(): void {
    void router.push({ name: 'questions' })
  }

  useUnsavedGuard(dirty, () => {
    if (canSaveDraft.value) void saveDraft()
  })

  function addImage(image: BlobRef): void {
    state.knownImages = withKnownImage(state.knownImages, image)
  }

  function renumber(numbers: number[]): void {
    state.blankPool = renumberBlanks(numbers, state.blankPool)
  }

  function setBlankAnswers(index: number, answers: string[]): void {
    state.blankPool = withBlankAnswers(state.blankPool, index, answers)
  }

  watch(
    () => blankCount(state.stem),
    (count) => {
      if (count > state.blankPool.length) state.blankPool = fitBlanks(state.blankPool, count)
    },
  )

  start()

  return {
    ready,
    saving: save.saving,
    refusal: save.refusal,
    state,
    blanks,
    question,
    stemProblems,
    contentProblems,
    subjectMissing,
    problemCount,
    canSaveDraft,
    canPublish,
    subjectOptions,
    version: computed(() => stored.value?.version ?? 1),
    isNew: computed(() => stored.value === null),
    saveDraft,
    publish,
    cancel,
    addImage,
    renumber,
    setBlankAnswers,
    ...useQuestionAttachments(state),
  }
}
