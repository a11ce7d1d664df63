import { ElMessage } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { diagnosticsReport } from '../../../../domain/diagnostics/diagnostic-log.ts'
import { reasonOf } from '../../ui/reason-of.ts'
import { desktop } from '../desktop.ts'
import { diagnostics } from './diagnostics.ts'

/** The user menu's "Export diagnostics": the local log as a JSON file for school IT (scrubbed when recorded). */
export function useDiagnosticsExport() {
  const { t } = useI18n()

  async function exportDiagnostics(): Promise<void> {
    try {
      const [info, entries] = await Promise.all([desktop.appInfo(), diagnostics.entries()])
      const now = new Date()
      const result = await desktop.saveFile({
        defaultName: `campus-desk-diagnostics-${now.toISOString().slice(0, 10)}.json`,
        filters: [{ name: 'JSON', extensions: ['json'] }],
        data: diagnosticsReport(info, navigator.userAgent, entries, now),
      })
      if (result.saved) ElMessage.success(t('diagnostics.exported', { n: entries.length }))
    } catch (error) {
      ElMessage.error(t('diagnostics.exportFailed', { reason: reasonOf(error) }))
    }
  }

  return { exportDiagnostics }
}
