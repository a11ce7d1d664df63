import { useI18n } from 'vue-i18n'
import { columnSpec } from '../../../../domain/org/import/columns.ts'
import type { ImportMessage, ImportType } from '../../../../domain/org/import/report.ts'
import { currentLocale } from '../../app/i18n.ts'

/** Words an import finding in the UI language; a column is named by its header in that language. */
export function useImportWords() {
  const { t } = useI18n()

  function columnName(type: ImportType, key: string | undefined): string {
    if (!key) return ''
    return columnSpec(type, key)?.headers[currentLocale.value] ?? key
  }

  function describe(type: ImportType, message: ImportMessage): string {
    return t(`importer.codes.${message.code}`, {
      ...message.params,
      column: columnName(type, message.column),
    })
  }

  return { describe }
}
