import { ElMessage } from 'element-plus'
import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { refusedWrites } from '../../../../domain/org/import/gate.ts'
import { planImportInChunks } from '../../../../domain/org/import/plan.ts'
import {
  alsoWrittenKinds,
  progressPercent,
  reportInDisplayOrder,
  rowState,
} from '../../../../domain/org/import/report-view.ts'
import {
  error,
  importable,
  type ImportMessage,
  type ImportPlan,
  type ImportType,
  type RowReport,
} from '../../../../domain/org/import/report.ts'
import { desktop } from '../../app/desktop.ts'
import { readTables, XLSX_FILTER } from '../../ui/excel/workbook.ts'
import { useAuthStore } from '../auth/store.ts'
import { useAddressBook } from './use-address-book.ts'
import { useImportFiles } from './use-import-files.ts'
import { useImportWords } from './use-import-words.ts'
import { writePlan } from './write-plan.ts'

export type ImportPhase = 'idle' | 'reading' | 'checking' | 'writing'

/** A row of the report table. */
export interface ReportRow {
  id: string
  row: number
  status: RowReport['status']
  /** `error`, or what importing does with the row. */
  state: string
  label: string
  messages: string
}

/** Lets the browser paint and handle input between chunks of rows. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/**
 * AB-3: choose an .xlsx file, check every row against the address book (in chunks, with progress), show the
 * report, then write everything — every kind gated before the first is written.
 */
export function useImport(type: Ref<ImportType>, visible: Ref<boolean>) {
  const { t } = useI18n()
  const { describe } = useImportWords()
  const auth = useAuthStore()
  const addressBook = useAddressBook()
  const phase = ref<ImportPhase>('idle')
  const progress = shallowRef({ done: 0, total: 0 })
  const fileName = ref('')
  const plan = shallowRef<ImportPlan | null>(null)
  const readError = ref('')

  watch(visible, (open) => {
    if (!open || phase.value !== 'idle') return
    plan.value = null
    fileName.value = ''
    readError.value = ''
  })

  const percent = computed(() => progressPercent(progress.value))
  const busy = computed(() => phase.value !== 'idle')
  const canImport = computed(() => !busy.value && plan.value !== null && importable(plan.value))

  const fileErrors = computed(() =>
    (plan.value?.fileErrors ?? []).map((message: ImportMessage) => describe(type.value, message)),
  )

  const reportRows = computed<ReportRow[]>(() => {
    const current = plan.value
    if (!current) return []
    return reportInDisplayOrder(current.rows).map((row) => ({
      id: String(row.row),
      row: row.row,
      status: row.status,
      state: rowState(row),
      label: row.label,
      messages: row.messages.map((message) => describe(current.type, message)).join('；'),
    }))
  })

  /** The other kinds the import writes, e.g. "guardians 120 new, 3 updated". */
  const alsoWrites = computed(() => {
    const current = plan.value
    if (!current) return ''
    return alsoWrittenKinds(current)
      .map((kind) =>
        t('importer.kindCounts', { kind: t(`importer.kinds.${kind}`), ...current.counts.byKind[kind] }),
      )
      .join('；')
  })

  async function check(name: string, data: Uint8Array): Promise<void> {
    fileName.value = name
    plan.value = null
    readError.value = ''
    phase.value = 'reading'
    try {
      const [sheet] = await readTables(data)
      phase.value = 'checking'
      progress.value = { done: 0, total: sheet?.rows.length ?? 0 }
      plan.value = await planImportInChunks(type.value, sheet?.rows ?? [], addressBook.snapshot(), {
        pause: nextTask,
        onProgress: (done, total) => (progress.value = { done, total }),
      })
    } catch (reason) {
      readError.value = t('importer.unreadable', {
        name,
        reason: reason instanceof Error ? reason.message : '',
      })
    } finally {
      phase.value = 'idle'
    }
  }

  async function chooseFile(): Promise<void> {
    if (busy.value) return
    const file = await desktop.openFile({ filters: [XLSX_FILTER] })
    if (file.opened) await check(file.name, file.data)
  }

  async function writeAll(current: ImportPlan): Promise<void> {
    const { written, failure } = await writePlan(
      current.writes,
      addressBook.bulkPut,
      (done, total) => (progress.value = { done, total }),
    )
    if (failure === undefined) {
      ElMessage.success(t('importer.done', { n: current.counts.ok }))
      visible.value = false
      return
    }
    const message = failure instanceof Error ? failure.message : String(failure)
    const kinds = written.map((kind) => t(`importer.kinds.${kind}`)).join('、')
    ElMessage.error({
      message: written.length
        ? t('importer.partial', { written: kinds, reason: message })
        : t('importer.refused', { reason: message }),
      duration: 0,
      showClose: true,
    })
  }

  async function importAll(): Promise<void> {
    const current = plan.value
    const user = auth.user
    if (!current || !user || !canImport.value) return
    const refused = refusedWrites(current.writes, addressBook.snapshot(), user, Date.now())
    if (refused.length) {
      plan.value = {
        ...current,
        fileErrors: [error('refused', undefined, { reason: refused.slice(0, 3).join('; ') })],
      }
      return
    }
    phase.value = 'writing'
    try {
      await writeAll(current)
    } finally {
      phase.value = 'idle'
    }
  }

  return {
    phase,
    busy,
    percent,
    progress,
    fileName,
    plan,
    readError,
    fileErrors,
    reportRows,
    alsoWrites,
    canImport,
    chooseFile,
    ...useImportFiles(type),
    importAll,
  }
}
