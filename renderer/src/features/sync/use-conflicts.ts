import { computed } from 'vue'
import { ElMessage } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import type { LostEdit } from '../../db/index.ts'
import { describeLostEdit } from './describe-lost-edit.ts'
import { useSyncStore } from './store.ts'

/** The conflicts panel: lost edits described for reading, re-apply and dismiss. */
export function useConflicts() {
  const sync = useSyncStore()
  const { t, te, locale } = useI18n()
  const { run } = useWriteFeedback()

  const items = computed(() => {
    const time = new Intl.DateTimeFormat(locale.value, { dateStyle: 'short', timeStyle: 'short' })
    return sync.lostEdits.map((edit) => ({
      edit,
      view: describeLostEdit(edit, t, (key) => te(key)),
      at: time.format(edit.at),
    }))
  })

  async function reapply(edit: LostEdit): Promise<void> {
    const done = await run(async () => {
      await sync.reapply(edit)
      return true
    })
    if (done) ElMessage.success(t('conflicts.reapplied'))
  }

  return { sync, items, reapply, dismiss: (edit: LostEdit) => sync.dismiss(edit) }
}
