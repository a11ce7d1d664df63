import { ElMessage } from 'element-plus'
import { computed, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { templateSheet } from '../../../../domain/org/import/export.ts'
import type { ImportType } from '../../../../domain/org/import/report.ts'
import { desktop } from '../../app/desktop.ts'
import { currentLocale } from '../../app/i18n.ts'
import { writeTables, XLSX_FILTER } from '../../ui/excel/workbook.ts'
import { IMPORT_SAMPLES, type ImportSample } from './samples.ts'

/** The files the import dialog offers to save: the template of `type` in the UI language, and sample files. */
export function useImportFiles(type: Ref<ImportType>) {
  const { t } = useI18n()

  async function downloadTemplate(): Promise<void> {
    const sheet = templateSheet(type.value, currentLocale.value)
    const data = await writeTables([sheet])
    await desktop.saveFile({ defaultName: `${sheet.name}.xlsx`, filters: [XLSX_FILTER], data })
  }

  const samples = computed(() => IMPORT_SAMPLES[type.value])

  async function downloadSample(sample: ImportSample): Promise<void> {
    try {
      const response = await fetch(sample.url)
      if (!response.ok) throw new Error(`HTTP ${response.status}`)
      const data = new Uint8Array(await response.arrayBuffer())
      await desktop.saveFile({ defaultName: sample.fileName, filters: [XLSX_FILTER], data })
    } catch (reason) {
      ElMessage.error(t('importer.sampleFailed', { reason: reason instanceof Error ? reason.message : '' }))
    }
  }

  return { downloadTemplate, samples, downloadSample }
}
