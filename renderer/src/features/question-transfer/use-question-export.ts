import { ElMessage } from 'element-plus'
import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Question } from '../../../../domain/questions/types.ts'
import { desktop } from '../../app/desktop.ts'
import { currentLocale } from '../../app/i18n.ts'
import { useBlobCache } from '../../ui/blobs/use-blob-cache.ts'
import { useSubjectStore } from '../subjects/store.ts'
import { EXPORT_EXTENSION, exportFile, questionsIn, skippedLines, type SkippedLine } from './export-file.ts'
import type { FileFormat } from './import-plan.ts'

/** QB-6 export: the given questions as Moodle XML, GIFT or Excel; then what the format could not carry. */
export function useQuestionExport(visible: Ref<boolean>, questions: Ref<Question[]>) {
  const { t } = useI18n()
  const subjectStore = useSubjectStore()
  const format = ref<FileFormat>('moodle')
  const exporting = ref(false)
  const skipped = shallowRef<SkippedLine[] | null>(null)
  const skippedQuestions = ref(0)

  watch(visible, (open) => {
    if (open && !exporting.value) skipped.value = null
  })
  watch(format, () => (skipped.value = null))

  const count = computed(() => questions.value.length)

  async function bytesOf(sha256: string): Promise<Uint8Array | null> {
    const blob = await useBlobCache().get(sha256)
    return blob ? new Uint8Array(await blob.arrayBuffer()) : null
  }

  const subjectName = (subjectId: string) =>
    subjectStore.items.find((subject) => subject.id === subjectId)?.name ?? ''

  async function exportNow(): Promise<void> {
    if (exporting.value || !count.value) return
    exporting.value = true
    skipped.value = null
    try {
      const name = t('questionTransfer.export.fileName')
      const file = await exportFile(format.value, questions.value, {
        bytesOf,
        subjectName,
        locale: currentLocale.value,
        sheetName: name,
      })
      const extension = EXPORT_EXTENSION[format.value]
      const saved = await desktop.saveFile({
        defaultName: `${name}.${extension}`,
        filters: [{ name: t(`questionTransfer.export.formats.${format.value}`), extensions: [extension] }],
        data: file.data,
      })
      if (!saved.saved) return
      ElMessage.success(t('questionTransfer.export.saved', { path: saved.path }))
      if (file.skipped.length) {
        skipped.value = skippedLines(file.skipped, questions.value)
        skippedQuestions.value = questionsIn(file.skipped)
      } else visible.value = false
    } finally {
      exporting.value = false
    }
  }

  return { format, exporting, count, skipped, skippedQuestions, exportNow }
}
