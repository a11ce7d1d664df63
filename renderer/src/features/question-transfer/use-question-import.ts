import { ElMessage } from 'element-plus'
import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { templateRows } from '../../../../domain/questions/formats/excel.ts'
import { resolveImportedImages } from '../../../../domain/questions/formats/images.ts'
import type { ParseResult } from '../../../../domain/questions/formats/types.ts'
import type { Question } from '../../../../domain/questions/types.ts'
import { desktop } from '../../app/desktop.ts'
import { currentLocale } from '../../app/i18n.ts'
import { sha256Hex } from '../../db/blobs/hash.ts'
import type { BulkDocument } from '../../db/index.ts'
import { useBlobCache } from '../../ui/blobs/use-blob-cache.ts'
import { writeTables, XLSX_FILTER } from '../../ui/excel/workbook.ts'
import { useAuthStore } from '../auth/store.ts'
import { useQuestionStore } from '../question-bank/store.ts'
import { useSubjectStore } from '../subjects/store.ts'
import {
  errorCount,
  FILE_FORMATS,
  FORMAT_EXTENSIONS,
  fileIssues,
  formatOf,
  parseQuestionFile,
  previewRows,
  questionDraft,
  subjectsOf,
} from './import-plan.ts'

export type ImportPhase = 'idle' | 'reading' | 'storing' | 'writing'

const hashBytes = (bytes: Uint8Array) => sha256Hex(new Blob([new Uint8Array(bytes)]))

/**
 * QB-6 import: choose a Moodle XML, GIFT or Excel file, preview every question with what the format could not
 * carry, then store the images and write all questions as drafts of the user in one gated `bulkPut`.
 */
export function useQuestionImport(visible: Ref<boolean>, defaultSubjectId: Ref<string | undefined>) {
  const { t } = useI18n()
  const auth = useAuthStore()
  const subjectStore = useSubjectStore()
  const questionStore = useQuestionStore()
  const phase = ref<ImportPhase>('idle')
  const progress = shallowRef({ done: 0, total: 0 })
  const fileName = ref('')
  const readError = ref('')
  const result = shallowRef<ParseResult | null>(null)
  const subjectId = ref('')

  const subjects = computed(() =>
    subjectStore.items
      .filter((subject) => subject.enabled)
      .sort((a, b) => a.name.localeCompare(b.name, currentLocale.value)),
  )

  watch(visible, (open) => {
    if (!open || phase.value !== 'idle') return
    result.value = null
    fileName.value = ''
    readError.value = ''
    const preferred = defaultSubjectId.value
    subjectId.value = subjects.value.some((subject) => subject.id === preferred) ? (preferred ?? '') : ''
  })

  const busy = computed(() => phase.value !== 'idle')
  const percent = computed(() =>
    progress.value.total ? Math.round((progress.value.done / progress.value.total) * 100) : 0,
  )
  const rows = computed(() => (result.value ? previewRows(result.value) : []))
  const fileProblems = computed(() => (result.value ? fileIssues(result.value) : []))
  const errors = computed(() => (result.value ? errorCount(result.value) : 0))
  const questionCount = computed(() => result.value?.questions.length ?? 0)
  const questionSubjects = computed(() =>
    result.value ? subjectsOf(result.value.questions, subjects.value, subjectId.value) : [],
  )
  const needsSubject = computed(() => questionSubjects.value.some((id) => id === null))
  const canImport = computed(
    () => !busy.value && questionCount.value > 0 && errors.value === 0 && !needsSubject.value,
  )

  async function read(name: string, data: Uint8Array): Promise<void> {
    fileName.value = name
    result.value = null
    readError.value = ''
    const format = formatOf(name)
    if (!format) {
      readError.value = t('questionTransfer.unsupportedFile', { name })
      return
    }
    phase.value = 'reading'
    try {
      const names = subjects.value.map((subject) => subject.name)
      result.value = await parseQuestionFile(format, data, names)
    } catch (reason) {
      const detail = reason instanceof Error ? reason.message : String(reason)
      readError.value = t('questionTransfer.unreadable', { name, reason: detail })
    } finally {
      phase.value = 'idle'
    }
  }

  async function chooseFile(): Promise<void> {
    if (busy.value) return
    const extensions = FILE_FORMATS.flatMap((format) => FORMAT_EXTENSIONS[format])
    const file = await desktop.openFile({ filters: [{ name: t('questionTransfer.fileFilter'), extensions }] })
    if (file.opened) await read(file.name, file.data)
  }

  async function downloadTemplate(): Promise<void> {
    const table = templateRows(currentLocale.value)
    const name = t('questionTransfer.templateName')
    const data = await writeTables([{ name, ...table }])
    await desktop.saveFile({ defaultName: `${name}.xlsx`, filters: [XLSX_FILTER], data })
  }

  /** Stores every image first (a blob without its question is harmless), then builds the drafts. */
  async function drafts(current: ParseResult, authorId: string): Promise<BulkDocument<Question>[]> {
    const blobs = useBlobCache()
    const context = { authorId, now: Date.now() }
    const documents: BulkDocument<Question>[] = []
    progress.value = { done: 0, total: current.questions.length }
    for (const [index, parsed] of current.questions.entries()) {
      const resolved = await resolveImportedImages(parsed, hashBytes)
      for (const file of resolved.files) {
        await blobs.add(new Blob([new Uint8Array(file.bytes)], { type: file.ref.mime }), file.ref.name)
      }
      documents.push(questionDraft(parsed, resolved, questionSubjects.value[index] ?? '', context))
      progress.value = { done: index + 1, total: current.questions.length }
    }
    return documents
  }

  async function importAll(): Promise<void> {
    const current = result.value
    const user = auth.user
    if (!current || !user || !canImport.value) return
    phase.value = 'storing'
    try {
      const documents = await drafts(current, user.id)
      phase.value = 'writing'
      await questionStore.bulkPut(documents, (done, total) => (progress.value = { done, total }))
      ElMessage.success(t('questionTransfer.imported', { n: documents.length }))
      visible.value = false
    } catch (reason) {
      const detail = reason instanceof Error ? reason.message : String(reason)
      ElMessage.error({
        message: t('questionTransfer.refused', { reason: detail }),
        duration: 0,
        showClose: true,
      })
    } finally {
      phase.value = 'idle'
    }
  }

  return {
    phase,
    busy,
    percent,
    fileName,
    readError,
    result,
    subjects,
    subjectId,
    rows,
    fileProblems,
    errors,
    questionCount,
    needsSubject,
    canImport,
    read,
    chooseFile,
    downloadTemplate,
    importAll,
  }
}
