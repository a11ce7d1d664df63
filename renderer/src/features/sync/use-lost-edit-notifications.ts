import { ElNotification } from 'element-plus'
import { watch } from 'vue'
import { useI18n } from 'vue-i18n'
import type { LostEdit } from '../../db/index.ts'
import { describeLostEdit } from './describe-lost-edit.ts'
import { useSyncStore } from './store.ts'

/** Tells the user as soon as one of their edits did not survive replication; a click opens the list. */
export function useLostEditNotifications(): void {
  const sync = useSyncStore()
  const { t, te } = useI18n()
  // One lost edit is told in full (which record, which field, whose value won); several are counted.
  const messageOf = (edits: LostEdit[]) => {
    const [only] = edits
    if (edits.length > 1 || !only) return t('conflicts.notifyMessage', { n: edits.length })
    return t('conflicts.notifyOne', { ...describeLostEdit(only, t, te), title: only.title })
  }
  watch(
    () => sync.newlyLost,
    (edits) => {
      if (edits.length === 0) return
      const notification = ElNotification({
        title: t('conflicts.notifyTitle'),
        message: messageOf(edits),
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
