import { ElMessage, ElMessageBox } from 'element-plus'
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { useSyncStore } from '../sync/store.ts'
import { useAuthStore } from './store.ts'

/** The user menu's session actions: log out, remove my data from this PC, idle-lock settings. */
export function useSessionActions() {
  const auth = useAuthStore()
  const sync = useSyncStore()
  const { t } = useI18n()
  const settingsOpen = ref(false)
  const idleMinutes = ref(auth.idleLockMinutes)

  async function logout(): Promise<void> {
    await auth.logout()
    ElMessage.success(t('user.loggedOut'))
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
    settingsOpen.value = true
  }

  function saveSettings(): void {
    auth.setIdleLockMinutes(idleMinutes.value)
    settingsOpen.value = false
    ElMessage.success(t('user.settingsSaved'))
  }

  return { logout, removeData, settingsOpen, idleMinutes, openSettings, saveSettings }
}
