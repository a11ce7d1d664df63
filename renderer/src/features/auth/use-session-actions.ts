import { ElMessage, ElMessageBox } from 'element-plus'
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useSyncStore } from '../sync/store.ts'
import { mayRemoveReplicaAtLogout } from './shared-pc.ts'
import { useAuthStore } from './store.ts'

/** The user menu's session actions: log out, remove my data from this PC, idle-lock and shared-PC settings. */
export function useSessionActions() {
  const auth = useAuthStore()
  const sync = useSyncStore()
  const { t } = useI18n()
  const settingsOpen = ref(false)
  const idleMinutes = ref(auth.idleLockMinutes)
  const sharedPc = ref(auth.sharedPc)

  async function logout(): Promise<void> {
    if (!auth.sharedPc) {
      await auth.logout()
      ElMessage.success(t('user.loggedOut'))
      return
    }
    const work = {
      phase: sync.status.phase,
      pending: sync.status.pending,
      files: sync.pendingUploads + sync.failedUploads.length,
      lostEdits: sync.lostEdits.length,
    }
    if (mayRemoveReplicaAtLogout(work)) {
      await auth.removeLocalData()
      ElMessage.success(t('user.loggedOutRemoved'))
      return
    }
    await auth.logout()
    ElMessage.warning({ message: t('user.loggedOutKept'), duration: 8_000 })
  }

  async function removeData(): Promise<void> {
    const name = auth.user?.name ?? ''
    const pending = sync.status.pending
    const message = [
      t('user.removeDataConfirm', { name }),
      ...(pending > 0 ? [t('user.removeDataPending', { n: pending })] : []),
    ].join(' ')
    const confirmed = await ElMessageBox.confirm(message, t('user.removeDataTitle'), {
      type: 'warning',
      confirmButtonText: t('user.removeDataOk'),
      cancelButtonText: t('common.cancel'),
      confirmButtonClass: 'el-button--danger',
    }).then(
      () => true,
      () => false,
    )
    if (!confirmed) return
    await auth.removeLocalData()
    ElMessage.success(t('user.dataRemoved'))
  }

  function openSettings(): void {
    idleMinutes.value = auth.idleLockMinutes
    sharedPc.value = auth.sharedPc
    settingsOpen.value = true
  }

  function saveSettings(): void {
    auth.setIdleLockMinutes(idleMinutes.value)
    auth.setSharedPc(sharedPc.value)
    settingsOpen.value = false
    ElMessage.success(t('user.settingsSaved'))
  }

  return { logout, removeData, settingsOpen, idleMinutes, sharedPc, openSettings, saveSettings }
}
