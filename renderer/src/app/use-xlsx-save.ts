import { ElMessage } from 'element-plus'
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { XLSX_FILTER } from '../ui/excel/workbook.ts'
import { fileSafe } from '../ui/file-name.ts'
import { reasonOf } from '../ui/reason-of.ts'
import { desktop } from './desktop.ts'

/** How a save ended: `busy` when another one was still running and this one did nothing. */
export type XlsxSaveOutcome = 'saved' | 'cancelled' | 'failed' | 'busy'

/**
 * Writes a workbook (exceljs) and saves it as `<fileName>.xlsx` through the desktop's save dialog (the browser
 * downloads it), then says where it went or why it failed. One save at a time; `saving` drives the button's spinner.
 */
export function useXlsxSave() {
  const { t } = useI18n()
  const saving = ref(false)

  async function save(fileName: string, workbook: () => Promise<Uint8Array>): Promise<XlsxSaveOutcome> {
    if (saving.value) return 'busy'
    saving.value = true
    try {
      const result = await desktop.saveFile({
        defaultName: `${fileSafe(fileName)}.xlsx`,
        filters: [XLSX_FILTER],
        data: await workbook(),
      })
      if (!result.saved) return 'cancelled'
      ElMessage.success(t('export.saved', { path: result.path }))
      return 'saved'
    } catch (error) {
      ElMessage.error(t('export.failed', { reason: reasonOf(error) }))
      return 'failed'
    } finally {
      saving.value = false
    }
  }

  return { saving, save }
}
