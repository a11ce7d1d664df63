import { ElMessage } from 'element-plus'
import { shallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import {
  parseRegistration,
  type RegistrationFile,
} from '../../../../domain/org/promotion/registration-file.ts'
import { parseStructureSheet, type StructureFile } from '../../../../domain/org/promotion/structure-file.ts'
import { desktop } from '../../app/desktop.ts'
import { readTables, XLSX_FILTER } from '../../ui/excel/workbook.ts'
import { reasonOf } from '../../ui/reason-of.ts'

export interface Loaded<T> {
  fileName: string
  content: T
}

const JSON_FILTER = { name: 'JSON', extensions: ['json'] }

/** The two uploads: the B08 structure (.xlsx, first sheet) and the B01 registration (.json). */
export function usePromotionFiles() {
  const { t } = useI18n()
  const structure = shallowRef<Loaded<StructureFile> | null>(null)
  const registration = shallowRef<Loaded<RegistrationFile> | null>(null)

  async function openStructure(): Promise<void> {
    const result = await desktop.openFile({ filters: [XLSX_FILTER] })
    if (!result.opened) return
    try {
      const [sheet] = await readTables(result.data)
      structure.value = { fileName: result.name, content: parseStructureSheet(sheet?.rows ?? []) }
    } catch (error) {
      ElMessage.error(t('promotion.unreadable', { name: result.name, reason: reasonOf(error) }))
    }
  }

  async function openRegistration(): Promise<void> {
    const result = await desktop.openFile({ filters: [JSON_FILTER] })
    if (!result.opened) return
    const parsed = parseRegistration(new TextDecoder().decode(result.data))
    if (parsed.ok) registration.value = { fileName: result.name, content: parsed.file }
    else
      ElMessage.error({
        message: t('promotion.unreadable', { name: result.name, reason: parsed.error }),
        duration: 8000,
      })
  }

  return { structure, registration, openStructure, openRegistration }
}
