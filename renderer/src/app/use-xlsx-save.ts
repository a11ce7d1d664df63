import { ElMessage } from 'element-plus'
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { FileFilter } from '../../../electron/preload/api.ts'
import { XLSX_FILTER } from '../ui/excel/workbook.ts'
import { fileSafe } from '../ui/file-name.ts'
import { reasonOf } from '../ui/reason-of.ts'
import { desktop } from './desktop.ts'

/** How a save ended: `busy` when another one was still running and this one did nothing. */
export type XlsxSaveOutcome = 'saved' | 'cancelled' | 'failed' | 'busy'

/**
 * Makes a file and saves it as `<fileName>.<the filter's extension>` through the desktop's save dialog (the
 * browser downloads it), then says where it went or why it failed. One save at a time; `saving` drives the
 * button's spinner.
 */
export function useFileSave(filter: FileFilter) {
  const { t } = useI18n()
  const saving = ref(false)

  async function save(
    fileName: string,
    contents: () => Promise<Uint8Array | string>,
  ): Promise<XlsxSaveOutcome> {
    if (saving.value) return 'busy'
    saving.value = true
    try {
      const result = await desktop.saveFile({
        defaultName: `${fileSafe(fileName)}.${filter.extensions[0] ?? ''}`,
        filters: [filter],
        data: await contents(),
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

/** `useFileSave` for Excel workbooks (exceljs). */
export function useXlsxSave() {
  return useFileSave(XLSX_FILTER)
}
