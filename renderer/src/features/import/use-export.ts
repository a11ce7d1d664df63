import { ElMessage } from 'element-plus'
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { exportSheet } from '../../../../domain/org/import/export.ts'
import type { AddressBook, ImportType } from '../../../../domain/org/import/report.ts'
import { desktop } from '../../app/desktop.ts'
import { currentLocale } from '../../app/i18n.ts'
import { writeTables, XLSX_FILTER } from '../../ui/excel/workbook.ts'
import { useAddressBook } from './use-address-book.ts'

/**
 * AB-3 export: a list to Excel in the import format, so that the file can be edited and imported again. A screen
 * exporting its filtered list passes it: `exportList('students', { students: filtered })`.
 */
export function useAddressBookExport() {
  const { t } = useI18n()
  const addressBook = useAddressBook()
  const exporting = ref(false)

  async function exportList(type: ImportType, only: Partial<AddressBook> = {}): Promise<void> {
    if (exporting.value) return
    exporting.value = true
    try {
      const sheet = exportSheet(type, { ...addressBook.snapshot(), ...only }, currentLocale.value)
      const data = await writeTables([sheet])
      const result = await desktop.saveFile({
        defaultName: `${sheet.name}.xlsx`,
        filters: [XLSX_FILTER],
        data,
      })
      if (result.saved) ElMessage.success(t('importer.saved', { path: result.path }))
    } finally {
      exporting.value = false
    }
  }

  return { exporting, exportList }
}
