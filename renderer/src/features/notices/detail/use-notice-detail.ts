import { computed, reactive, ref, shallowRef, watch, type Ref } from 'vue'
import { recallRemainingMs, type Notice } from '../../../../../domain/notices/notice.ts'
import type { Receipt } from '../../../../../domain/notices/receipt.ts'
import { createRepository } from '../../../db/index.ts'
import { useAuthStore } from '../../auth/store.ts'
import { useServerNow } from '../../auth/use-server-now.ts'
import { useClassStore, useGuardianStore, useStaffStore, useStudentStore } from '../../org/stores.ts'
import {
  choiceStatistics,
  countsByClass,
  countsOf,
  recipientRows,
  type RecipientFilter,
  type RecipientNames,
} from './receipt-rows.ts'

/** How often the recall countdown moves on (it shows minutes). */
const CLOCK_TICK_MS = 15_000

/** Names of the people and classes receipts mention, from the address book in the replica. */
function useRecipientNames() {
  const stores = [useGuardianStore(), useStudentStore(), useStaffStore()]
  const classStore = useClassStore()
  return computed<RecipientNames>(() => ({
    people: new Map(stores.flatMap((store) => store.items.map((person) => [person.id, person.name]))),
    classes: new Map(classStore.items.map((schoolClass) => [schoolClass.id, schoolClass.name])),
  }))
}

/**
 * One notice and its receipts, live from the local replica: a receipt the server writes when a phone reads or
 * answers arrives over the sync stream and changes the counts and rows at once.
 */
export function useNoticeDetail(noticeId: Ref<string>) {
  const auth = useAuthStore()
  const notice = shallowRef<Notice | null>(null)
  const receipts = shallowRef<Receipt[]>([])
  const loaded = ref(false)
  const names = useRecipientNames()
  const serverNow = useServerNow(CLOCK_TICK_MS)
  const filter = reactive<RecipientFilter>({ unread: false, notAnswered: false, classId: null })

  watch(
    [() => auth.session, noticeId],
    ([session, id], _previous, onCleanup) => {
      notice.value = null
      receipts.value = []
      loaded.value = false
      if (!session) return
      const notices = createRepository<Notice>(session.database, 'notice', session.user)
      const receiptRepository = createRepository<Receipt>(session.database, 'receipt', session.user)
      const subscriptions = [
        notices.one$(id).subscribe((current) => {
          notice.value = current
          loaded.value = true
        }),
        receiptRepository.withIdPrefix$(`${id}:`).subscribe((current) => (receipts.value = current)),
      ]
      onCleanup(() => subscriptions.forEach((subscription) => subscription.unsubscribe()))
    },
    { immediate: true },
  )

  const counts = computed(() => countsOf(receipts.value))
  const classCounts = computed(() => countsByClass(receipts.value, names.value))
  const rows = computed(() => recipientRows(receipts.value, filter, names.value))
  const statistics = computed(() => choiceStatistics(notice.value?.questions ?? [], receipts.value))
  const recallRemaining = computed(() =>
    notice.value ? recallRemainingMs(notice.value, serverNow.value) : 0,
  )

  return { notice, receipts, loaded, names, filter, counts, classCounts, rows, statistics, recallRemaining }
}
