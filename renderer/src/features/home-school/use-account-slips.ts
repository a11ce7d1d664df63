import { ElMessage } from 'element-plus'
import { ref, shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { desktop } from '../../app/desktop.ts'
import type { AccountSlips } from '../../../../domain/org/admin-wire.ts'
import { useAdminAction } from './use-admin.ts'
import { fileSafe } from '../../ui/file-name.ts'

/** AB-4 account slips of a class: fetched from the server, shown as a print view, printed to PDF. */
export function useAccountSlips() {
  const { call } = useAdminAction()
  const { t } = useI18n()
  const slips = shallowRef<AccountSlips | null>(null)
  const loading = ref(false)

  async function open(classId: string): Promise<void> {
    if (loading.value) return
    loading.value = true
    try {
      slips.value = (await call((api) => api.accountSlips(classId))) ?? null
    } finally {
      loading.value = false
    }
  }

  function close(): void {
    slips.value = null
  }

  async function print(): Promise<void> {
    const current = slips.value
    if (!current) return
    const result = await desktop.printToPdf(
      `${fileSafe(`${current.className}-${t('homeSchool.slips.title')}`)}.pdf`,
    )
    if (result.saved) ElMessage.success(t('export.saved', { path: result.path }))
  }

  return { slips, loading, open, close, print }
}
