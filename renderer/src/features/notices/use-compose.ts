import dayjs from 'dayjs'
import { ElMessage, ElMessageBox } from 'element-plus'
import { computed, onBeforeUnmount, reactive, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'
import type { BlobRef } from '../../../../domain/blobs/blob-ref.ts'
import { copyJson } from '../../../../domain/documents.ts'
import { composeProblems, storedFields, type ComposedFields } from '../../../../domain/notices/compose.ts'
import { isEditable } from '../../../../domain/notices/lists.ts'
import type { Notice, NoticeStatus } from '../../../../domain/notices/notice.ts'
import { useBlobCache } from '../../ui/blobs/use-blob-cache.ts'
import { reasonOf } from '../../ui/reason-of.ts'
import { useAuthStore } from '../auth/store.ts'
import { useUnsavedGuard } from '../question-editor/use-unsaved-guard.ts'
import { useNoticeStore } from './store.ts'

/** Everything the compose page edits; it lives here so a refused save loses nothing. */
export interface ComposeState {
  title: string
  body: string
  links: ComposedFields['links']
  attachments: BlobRef[]
  questions: ComposedFields['questions']
  audience: Required<Omit<ComposedFields['audience'], 'wholeSchool'>> & { wholeSchool: boolean }
  ccStaffIds: string[]
  sendLater: boolean
  /** The chosen time to send (ms), used when `sendLater`. */
  sendAt: number | null
}

function emptyState(): ComposeState {
  return {
    title: '',
    body: '',
    links: [],
    attachments: [],
    questions: [],
    audience: { wholeSchool: false, classIds: [], studentIds: [], staffIds: [], departmentIds: [] },
    ccStaffIds: [],
    sendLater: false,
    sendAt: null,
  }
}

function stateOf(notice: Notice): ComposeState {
  const { audience } = notice
  return {
    title: notice.title,
    body: notice.body,
    links: copyJson(notice.links),
    attachments: [...notice.attachments],
    questions: copyJson(notice.questions),
    audience: {
      wholeSchool: audience.wholeSchool === true,
      classIds: [...(audience.classIds ?? [])],
      studentIds: [...(audience.studentIds ?? [])],
      staffIds: [...(audience.staffIds ?? [])],
      departmentIds: [...(audience.departmentIds ?? [])],
    },
    ccStaffIds: [...notice.ccStaffIds],
    sendLater: notice.sendAt !== undefined,
    sendAt: notice.sendAt ?? null,
  }
}

/**
 * NTC-1 the compose page: a new notice, or a notice of the user's own the server has not delivered yet (a draft
 * or a scheduled one). Saved to the local replica: offline too, it is sent when the PC is back online. Problems
 * are checked live; sending also asks for recipients and a time to come.
 */
export function useCompose() {
  const { t } = useI18n()
  const route = useRoute()
  const router = useRouter()
  const auth = useAuthStore()
  const notices = useNoticeStore()
  const blobs = useBlobCache()

  const ready = ref(false)
  const saving = ref(false)
  const stored = ref<Notice | null>(null)
  const state = reactive<ComposeState>(emptyState())
  const savedSnapshot = ref('')
  /** This PC's clock, refreshed each minute: "send at" in the past is flagged. */
  const now = ref(Date.now())
  const clock = window.setInterval(() => (now.value = Date.now()), 60_000)

  const fields = computed<ComposedFields>(() => {
    const { wholeSchool, ...lists } = state.audience
    return storedFields({
      title: state.title,
      body: state.body,
      links: state.links,
      questions: state.questions,
      audience: { ...lists, ...(wholeSchool ? { wholeSchool: true } : {}) },
      ccStaffIds: state.ccStaffIds,
      ...(state.sendLater && state.sendAt !== null ? { sendAt: state.sendAt } : {}),
    })
  })
  const draftProblems = computed(() => composeProblems(fields.value, false, now.value))
  const sendProblems = computed(() => composeProblems(fields.value, true, now.value))
  const snapshot = () => JSON.stringify([fields.value, state.attachments, state.sendLater])
  const dirty = computed(() => ready.value && snapshot() !== savedSnapshot.value)
  const canSaveDraft = computed(() => ready.value && !saving.value && draftProblems.value.length === 0)
  const canSend = computed(
    () =>
      ready.value &&
      !saving.value &&
      sendProblems.value.length === 0 &&
      (!state.sendLater || state.sendAt !== null),
  )

  function markSaved(): void {
    savedSnapshot.value = snapshot()
  }

  function leave(message: string): void {
    ElMessage.warning(message)
    void router.push({ name: 'notices' })
  }

  function load(notice: Notice | undefined): void {
    const user = auth.user
    if (!notice || !user) return leave(t('notices.compose.notFound'))
    if (!isEditable(notice, user)) return leave(t('notices.compose.notEditable'))
    stored.value = notice
    Object.assign(state, stateOf(notice))
    markSaved()
    ready.value = true
  }

  function start(): void {
    if (route.name !== 'notice-edit') {
      markSaved()
      ready.value = true
      return
    }
    const id = String(route.params.id)
    watch(
      () => notices.loaded,
      (loaded) => {
        if (loaded && !ready.value) load(notices.items.find((notice) => notice.id === id))
      },
      { immediate: true },
    )
  }

  async function write(status: NoticeStatus): Promise<boolean> {
    const user = auth.user
    if (!user) return false
    saving.value = true
    const content = { ...fields.value, attachments: state.attachments, status }
    try {
      const current = stored.value
      stored.value = current
        ? await notices.patch(current.id, { ...content, sendAt: content.sendAt })
        : await notices.insert({ ...content, authorId: user.id, reminders: 0 })
      markSaved()
      return true
    } catch (error) {
      ElMessage.error({ message: t('common.refused', { reason: reasonOf(error) }), grouping: true })
      return false
    } finally {
      saving.value = false
    }
  }

  async function saveDraft(): Promise<void> {
    if (canSaveDraft.value && (await write('draft'))) ElMessage.success(t('notices.compose.draftSaved'))
  }

  async function send(people: number): Promise<void> {
    if (!canSend.value) return
    const confirmed = await ElMessageBox.confirm(
      t('notices.compose.sendConfirm', { title: fields.value.title, n: people }),
      {
        title: t('notices.compose.sendConfirmTitle'),
        type: 'warning',
        confirmButtonText: t('notices.compose.send'),
        cancelButtonText: t('common.cancel'),
      },
    ).then(
      () => true,
      () => false,
    )
    if (!confirmed || !(await write('sent'))) return
    const sendAt = fields.value.sendAt
    ElMessage.success(
      sendAt === undefined
        ? t('notices.compose.sent')
        : t('notices.compose.scheduled', { time: dayjs(sendAt).format('YYYY-MM-DD HH:mm') }),
    )
    void router.push({ name: 'notices' })
  }

  function cancel(): void {
    void router.push({ name: 'notices' })
  }

  async function addAttachments(files: readonly File[]): Promise<void> {
    for (const file of files) {
      try {
        state.attachments = [...state.attachments, await blobs.add(file, file.name)]
      } catch (error) {
        ElMessage.error(t('notices.compose.attachmentFailed', { name: file.name, reason: reasonOf(error) }))
      }
    }
  }

  function removeAttachment(attachment: BlobRef): void {
    state.attachments = state.attachments.filter((kept) => kept.sha256 !== attachment.sha256)
  }

  useUnsavedGuard(dirty, () => void saveDraft())
  onBeforeUnmount(() => window.clearInterval(clock))
  start()

  return {
    ready,
    saving,
    state,
    fields,
    isNew: computed(() => stored.value === null),
    draftProblems,
    sendProblems,
    canSaveDraft,
    canSend,
    saveDraft,
    send,
    cancel,
    addAttachments,
    removeAttachment,
  }
}
