import { ElMessageBox } from 'element-plus'
import { computed, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { awaitsReminder } from '../../../../../domain/notices/answers.ts'
import type { Notice, NoticeStatus } from '../../../../../domain/notices/notice.ts'
import type { Receipt } from '../../../../../domain/notices/receipt.ts'
import { createRepository, type Changes, type Repository } from '../../../db/index.ts'
import { useWriteFeedback } from '../../../app/use-write-feedback.ts'
import { useAuthStore } from '../../auth/store.ts'

/**
 * What the author (or an admin) does with a delivered notice, each as a change of the notice document that
 * syncs like any write (DESIGN §7.1): raise `reminders`, change `status`, or insert a new draft. The server
 * decides by its own clock and rules; a refused change comes back as a sync error.
 */
export function useNoticeActions(
  notice: Ref<Notice | null>,
  receipts: Ref<readonly Receipt[]>,
  recallRemaining: Ref<number>,
) {
  const { t } = useI18n()
  const router = useRouter()
  const auth = useAuthStore()
  const { succeeded, run } = useWriteFeedback()

  const repository = computed<Repository<Notice> | null>(() => {
    const session = auth.session
    return session ? createRepository<Notice>(session.database, 'notice', session.user) : null
  })

  /** May this user make `changes` to the notice (the same rule the server applies)? */
  function allows(changes: Changes<Notice>): boolean {
    const current = notice.value
    if (!current || !repository.value) return false
    return repository.value.permission({ ...current, ...changes } as Notice, current).ok
  }

  const open = computed(() => notice.value?.status === 'sent' && notice.value.delivery !== undefined)
  /** Those a reminder would go to. */
  const waiting = computed(() =>
    receipts.value.filter((receipt) => awaitsReminder(notice.value?.questions ?? [], receipt)),
  )
  const canRemind = computed(
    () => open.value && waiting.value.length > 0 && allows({ reminders: (notice.value?.reminders ?? 0) + 1 }),
  )
  const canClose = computed(() => open.value && allows({ status: 'closed' }))
  const canRecall = computed(
    () =>
      (open.value || notice.value?.status === 'closed') &&
      recallRemaining.value > 0 &&
      allows({ status: 'recalled' }),
  )

  function patch(changes: Changes<Notice>, message: string): Promise<boolean> {
    const current = notice.value
    if (!current || !repository.value) return Promise.resolve(false)
    const target = repository.value
    return succeeded(() => target.patch(current.id, changes), message)
  }

  const confirmed = (message: string, title: string) =>
    ElMessageBox.confirm(message, title, {
      type: 'warning',
      confirmButtonText: t('common.confirm'),
      cancelButtonText: t('common.cancel'),
    }).then(
      () => true,
      () => false,
    )

  async function remind(): Promise<void> {
    const reminders = (notice.value?.reminders ?? 0) + 1
    await patch({ reminders }, t('noticeDetail.actions.reminded', { count: waiting.value.length }))
  }

  async function changeStatus(status: Extract<NoticeStatus, 'closed' | 'recalled'>): Promise<void> {
    const key = status === 'closed' ? 'close' : 'recall'
    if (!(await confirmed(t(`noticeDetail.confirm.${key}`), t(`noticeDetail.actions.${key}`)))) return
    await patch({ status }, t(`noticeDetail.actions.${key}Done`))
  }

  /** A new draft with the title and body (not the recipients), opened in the compose page. */
  async function copyAsDraft(): Promise<void> {
    const current = notice.value
    const user = auth.user
    if (!current || !user || !repository.value) return
    const target = repository.value
    const draft = await run(
      () =>
        target.insert({
          authorId: user.id,
          title: current.title,
          body: current.body,
          links: [],
          attachments: [],
          questions: [],
          audience: {},
          ccStaffIds: [],
          status: 'draft',
          reminders: 0,
        }),
      t('noticeDetail.actions.copied'),
    )
    if (draft) await router.push({ name: 'notice-edit', params: { id: draft.id } })
  }

  return {
    waiting,
    canRemind,
    canClose,
    canRecall,
    remind,
    close: () => changeStatus('closed'),
    recall: () => changeStatus('recalled'),
    copyAsDraft,
  }
}
