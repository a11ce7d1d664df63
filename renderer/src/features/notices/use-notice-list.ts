import dayjs from 'dayjs'
import { computed, onBeforeUnmount, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import {
  isEditable,
  noticesOfTab,
  noticeState,
  noticeTime,
  receiptCounts,
  tabsOf,
  type NoticeState,
  type NoticeTab,
  type ReceiptCounts,
} from '../../../../domain/notices/lists.ts'
import type { Notice } from '../../../../domain/notices/notice.ts'
import type { TableColumn } from '../../ui/table-column.ts'
import { useAuthStore } from '../auth/store.ts'
import { useStaffStore } from '../org/stores.ts'
import { useNoticeStore, useReceiptStore } from './store.ts'

/** A row of the notices list. */
export interface NoticeRow extends ReceiptCounts {
  id: string
  notice: Notice
  title: string
  author: string
  time: string
  state: NoticeState
  hasForm: boolean
  editable: boolean
}

/**
 * NTC the notices lists: "sent by me" (with drafts), "CC to me" and, for admins, every notice of the school;
 * newest first, searchable by title, each with its state and its delivered / read / answered counts from the
 * receipts as they arrive. A row opens the notice's detail page, a draft the compose page.
 */
export function useNoticeList() {
  const { t } = useI18n()
  const router = useRouter()
  const auth = useAuthStore()
  const notices = useNoticeStore()
  const receipts = useReceiptStore()
  const staff = useStaffStore()
  const tab = ref<NoticeTab>('sent')
  const search = ref('')
  const now = ref(Date.now())
  // "Scheduled" turns "sending" when its time comes, without a change to the notice.
  const clock = window.setInterval(() => (now.value = Date.now()), 30_000)
  onBeforeUnmount(() => window.clearInterval(clock))

  const tabs = computed(() => (auth.user ? tabsOf(auth.user) : []))
  const counts = computed(() => receiptCounts(receipts.items))
  const staffNames = computed(() => new Map(staff.items.map((member) => [member.id, member.name])))

  const rows = computed<NoticeRow[]>(() => {
    const user = auth.user
    if (!user) return []
    const query = search.value.trim().toLocaleLowerCase()
    return noticesOfTab(notices.items, tab.value, user)
      .filter((notice) => !query || notice.title.toLocaleLowerCase().includes(query))
      .sort((a, b) => noticeTime(b) - noticeTime(a))
      .map((notice) => ({
        id: notice.id,
        notice,
        title: notice.title,
        author: staffNames.value.get(notice.authorId) ?? '?',
        time: dayjs(noticeTime(notice)).format('YYYY-MM-DD HH:mm'),
        state: noticeState(notice, now.value),
        hasForm: notice.questions.length > 0,
        editable: isEditable(notice, user),
        ...(counts.value.get(notice.id) ?? { delivered: 0, read: 0, answered: 0 }),
      }))
  })

  const columns = computed<TableColumn[]>(() => [
    { key: 'form', title: t('notices.columns.form'), width: 60, align: 'center' },
    { key: 'title', title: t('notices.columns.title'), width: 200, flexGrow: 3 },
    { key: 'author', title: t('notices.columns.author'), width: 100, flexGrow: 1 },
    { key: 'time', title: t('notices.columns.time'), width: 150 },
    { key: 'state', title: t('notices.columns.state'), width: 100 },
    { key: 'delivered', title: t('notices.columns.delivered'), width: 90, align: 'right' },
    { key: 'read', title: t('notices.columns.read'), width: 90, align: 'right' },
    { key: 'answered', title: t('notices.columns.answered'), width: 90, align: 'right' },
    { key: 'actions', title: t('common.actions'), width: 120 },
  ])

  function open(row: NoticeRow): void {
    void router.push(row.editable ? `/notices/${row.id}/edit` : `/notices/${row.id}`)
  }

  const canCreate = computed(() => notices.canCreate)

  const compose = () => void router.push({ name: 'notice-new' })
  watch(tabs, (available) => {
    if (!available.includes(tab.value)) tab.value = 'sent'
  })

  return {
    tab,
    tabs,
    search,
    rows,
    columns,
    canCreate,
    open,
    compose,
  }
}
