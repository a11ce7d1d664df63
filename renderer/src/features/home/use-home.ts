import { computed } from 'vue'
import { localDate } from '../../../../domain/calendar/dates.ts'
import type { Lesson } from '../../../../domain/timetable/lesson.ts'
import { useLiveDocuments, useRepository } from '../../app/kind-store.ts'
import { useAuthStore } from '../auth/store.ts'
import { useNoticeStore, useReceiptStore } from '../notices/store.ts'
import { usePendingComments } from '../site/use-pending-comments.ts'
import { useSyncStore } from '../sync/store.ts'
import { useTermStore } from '../terms/store.ts'
import {
  lessonsOfDay,
  noticesToAnswer,
  recentNotices,
  shortcutsOf,
  summaryOfDay,
  todayViewsOf,
  waitingItems,
} from './home-view.ts'

const RECENT_NOTICES = 5

/** The home screen's content for the signed-in user, live from the local replica and the sync status. */
export function useHome() {
  const auth = useAuthStore()
  const sync = useSyncStore()
  const terms = useTermStore()
  const notices = useNoticeStore()
  const receipts = useReceiptStore()
  const pendingComments = usePendingComments()
  const today = localDate()
  // Today's lessons only: the lesson store holds every term's (41,160 a term), and reading them all would hold
  // up the first screen at start-up.
  const lessons = useLiveDocuments(
    useRepository<Lesson>('lesson'),
    (repository) => repository.matching$({ date: today }),
    'lessons-of-today',
  )

  const user = computed(() => auth.user)
  const views = computed(() => (user.value ? todayViewsOf(user.value) : []))
  const shortcuts = computed(() => (user.value ? shortcutsOf(user.value) : []))
  const loaded = computed(() => lessons.loaded.value && terms.loaded)
  /** Every store of the screen has its first load (the start bench waits for it). */
  const interactive = computed(() => loaded.value && notices.loaded && receipts.loaded)

  const schoolDay = computed(() => lessonsOfDay(lessons.items.value, terms.items, today))
  const myLessons = computed(() =>
    // A teacher's staff document has the id of their login identity.
    lessonsOfDay(lessons.items.value, terms.items, today, user.value?.id ?? ''),
  )
  const schoolSummary = computed(() => summaryOfDay(schoolDay.value))

  const toAnswer = computed(() =>
    user.value ? noticesToAnswer(notices.items, receipts.items, user.value) : [],
  )
  const waiting = computed(() =>
    waitingItems({
      changes: sync.status.pending,
      uploads: sync.pendingUploads,
      problems: sync.lostEdits.length + sync.failedUploads.length,
      comments: pendingComments.value.total,
      answers: toAnswer.value.length,
    }),
  )
  const recent = computed(() => (user.value ? recentNotices(notices.items, user.value, RECENT_NOTICES) : []))

  return {
    today,
    user,
    views,
    shortcuts,
    loaded,
    interactive,
    myLessons,
    schoolSummary,
    waiting,
    recent,
    openProblems: () => (sync.conflictsOpen = true),
    syncNow: () => sync.reSync(),
  }
}
