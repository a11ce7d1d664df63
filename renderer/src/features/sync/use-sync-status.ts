import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import type { FailedUpload } from '../../db/index.ts'
import { useAuthStore } from '../auth/store.ts'
import { useSyncStore } from './store.ts'

/**
 * The header's sync indicator: phase, pending changes and files, last sync, first-sync progress, files the
 * server refused, uploads broken off, unreadable server messages, relogin.
 */
export function useSyncStatus() {
  const sync = useSyncStore()
  const auth = useAuthStore()
  const router = useRouter()
  const { t, te, locale } = useI18n()

  const phase = computed(() => sync.status.phase)
  const label = computed(() => t(`sync.phase.${phase.value}`))
  const pending = computed(() => sync.status.pending)
  const lastSynced = computed(() => {
    const at = sync.status.lastSyncedAt
    return at === null ? t('sync.never') : format(at)
  })
  const format = (at: number) =>
    new Intl.DateTimeFormat(locale.value, { dateStyle: 'short', timeStyle: 'medium' }).format(at)
  const accountsFailingSince = computed(() =>
    sync.accountsFailingSince === null ? null : format(sync.accountsFailingSince),
  )
  const showProgress = computed(() => !sync.status.initialSyncDone && sync.status.pulled > 0)
  const hasProblems = computed(
    () =>
      sync.lostEdits.length > 0 ||
      sync.failedUploads.length > 0 ||
      sync.uploadProblem !== null ||
      sync.status.malformedEvents > 0,
  )

  /** Why the server refused a file, in words: the server's known codes, else the code itself. */
  function uploadError(upload: FailedUpload): string {
    const key = `sync.uploadError.${upload.error}`
    return te(key) ? t(key) : t('sync.uploadError.other', { code: upload.error })
  }

  /** The replica stays on this PC: logging in again as the same user reopens it and pushes what waits. */
  async function relogin(): Promise<void> {
    await auth.logout()
    await router.replace({ name: 'login' })
  }

  return {
    sync,
    phase,
    label,
    pending,
    lastSynced,
    accountsFailingSince,
    showProgress,
    hasProblems,
    uploadError,
    relogin,
  }
}
