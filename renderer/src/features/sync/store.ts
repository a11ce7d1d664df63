import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { reapplyLostEdit, type FailedUpload, type LostEdit, type SyncStatus } from '../../db/index.ts'
import { isAdmin } from '../../../../domain/auth/roles.ts'
import { useAuthStore } from '../auth/store.ts'
import { createAdminApi } from '../org/admin-api.ts'

const NOT_STARTED: SyncStatus = {
  phase: 'connecting',
  online: true,
  active: false,
  pending: 0,
  lastSyncedAt: null,
  lastError: null,
  pulled: 0,
  initialSyncDone: false,
  malformedEvents: 0,
}

/** The replication status and the lost edits of the current session, as reactive state. */
export const useSyncStore = defineStore('sync', () => {
  const auth = useAuthStore()
  const status = shallowRef<SyncStatus>(NOT_STARTED)
  const lostEdits = shallowRef<LostEdit[]>([])
  /** The edits lost by the latest conflict or refusal, for a notification. */
  const newlyLost = shallowRef<LostEdit[]>([])
  const conflictsOpen = ref(false)
  /** Files (attachments, images) still to upload, and those the server refused. */
  const pendingUploads = ref(0)
  const failedUploads = shallowRef<FailedUpload[]>([])
  /** Why uploading broke off on this PC (its file store failed), null while uploads run normally. */
  const uploadProblem = ref<string | null>(null)
  /** For admins: since when the server has failed to keep the school's accounts in step with the address book. */
  const accountsFailingSince = ref<number | null>(null)

  watch(
    () => auth.session,
    (session, _previous, onCleanup) => {
      status.value = NOT_STARTED
      lostEdits.value = []
      newlyLost.value = []
      conflictsOpen.value = false
      pendingUploads.value = 0
      failedUploads.value = []
      uploadProblem.value = null
      accountsFailingSince.value = null
      if (!session) return
      void checkServerStatus()
      const subscriptions = [
        session.engine.status$.subscribe((next) => (status.value = next)),
        session.database.lostEdits.list$.subscribe((edits) => (lostEdits.value = edits)),
        session.database.lostEdits.added$.subscribe((edits) => (newlyLost.value = edits)),
        session.blobs.pendingUploads$.subscribe((count) => (pendingUploads.value = count)),
        session.blobs.failedUploads$.subscribe((failed) => (failedUploads.value = failed)),
        session.blobs.uploadProblem$.subscribe((problem) => (uploadProblem.value = problem)),
      ]
      onCleanup(() => subscriptions.forEach((s) => s.unsubscribe()))
    },
    { immediate: true },
  )

  const sessionExpired = computed(() => auth.expired || status.value.lastError?.sessionExpired === true)

  /** Asks the server what it knows is wrong with the school (admins only; offline or refused: nothing known). */
  async function checkServerStatus(): Promise<void> {
    const session = auth.session
    if (!session || !isAdmin(session.user)) return
    try {
      const { accounts } = await createAdminApi(session.api).status()
      accountsFailingSince.value = accounts.ok ? null : accounts.failedAt
    } catch {
      accountsFailingSince.value = null
    }
  }

  function reSync(): void {
    auth.session?.engine.reSync()
    void auth.session?.blobs.flush()
  }

  async function retryUpload(upload: FailedUpload): Promise<void> {
    await auth.session?.blobs.retryUpload(upload.sha256)
  }

  async function dismissUpload(upload: FailedUpload): Promise<void> {
    await auth.session?.blobs.dismissUpload(upload.sha256)
  }

  async function reapply(edit: LostEdit): Promise<void> {
    const session = auth.session
    if (session) await reapplyLostEdit(session.database, session.user, edit)
  }

  async function dismiss(edit: LostEdit): Promise<void> {
    await auth.session?.database.lostEdits.dismiss(edit.id)
  }

  return {
    status,
    lostEdits,
    newlyLost,
    conflictsOpen,
    pendingUploads,
    failedUploads,
    uploadProblem,
    accountsFailingSince,
    checkServerStatus,
    sessionExpired,
    reSync,
    reapply,
    dismiss,
    retryUpload,
    dismissUpload,
  }
})
