import { ElNotification } from 'element-plus'
import { watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { useSyncStore } from './store.ts'

/** Tells the user as soon as one of their edits did not survive replication; a click opens the list. */
export function useLostEditNotifications(): void {
  const sync = useSyncStore()
  const { t } = useI18n()
  watch(
    () => sync.newlyLost,
    (edits) => {
      if (edits.length === 0) return
      const notification = ElNotification({
        title: t('conflicts.notifyTitle'),
        message: t('conflicts.notifyMessage', { n: edits.length }),
        type: 'warning',
        duration: 10_000,
        customClass: 'lost-edit-notification',
        onClick: () => {
          sync.conflictsOpen = true
          notification.close()
        },
      })
    },
  )
}
