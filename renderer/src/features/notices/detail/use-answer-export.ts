import dayjs from 'dayjs'
import { ElMessage } from 'element-plus'
import { ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Notice } from '../../../../../domain/notices/notice.ts'
import type { Receipt } from '../../../../../domain/notices/receipt.ts'
import { desktop } from '../../../app/desktop.ts'
import { writeTables, XLSX_FILTER } from '../../../ui/excel/workbook.ts'
import { fileSafe } from '../../../ui/file-name.ts'
import { reasonOf } from '../../../ui/reason-of.ts'
import { answersSheet, statisticsSheet, type SheetWords } from './answer-sheets.ts'
import { recipientRows, type RecipientNames } from './receipt-rows.ts'

/** NTC: the answers to Excel, of every recipient or of one class, with a statistics sheet. */
export function useAnswerExport(
  notice: Ref<Notice | null>,
  receipts: Ref<readonly Receipt[]>,
  names: Ref<RecipientNames>,
) {
  const { t } = useI18n()
  const exporting = ref(false)

  const words = (): SheetWords => ({
    answersSheet: t('noticeDetail.export.answersSheet'),
    statisticsSheet: t('noticeDetail.export.statisticsSheet'),
    name: t('noticeDetail.columns.name'),
    kind: t('noticeDetail.columns.kind'),
    personKind: (kind) => t(`noticeDetail.personKind.${kind}`),
    classes: t('noticeDetail.columns.classes'),
    students: t('noticeDetail.columns.students'),
    state: t('noticeDetail.columns.state'),
    stateName: (state) => t(`noticeDetail.state.${state}`),
    readAt: t('noticeDetail.columns.readAt'),
    answeredAt: t('noticeDetail.columns.answeredAt'),
    delivered: t('noticeDetail.counts.delivered'),
    read: t('noticeDetail.counts.read'),
    answered: t('noticeDetail.counts.answered'),
    question: t('noticeDetail.export.question'),
    option: t('noticeDetail.export.option'),
    count: t('noticeDetail.export.count'),
    time: (ms) => (ms === undefined ? '' : dayjs(ms).format('YYYY-MM-DD HH:mm')),
  })

  /** Exports the recipients of `classId` (null: all of them), named after the notice and `className`. */
  async function exportAnswers(classId: string | null, className = ''): Promise<void> {
    const current = notice.value
    if (!current || exporting.value) return
    exporting.value = true
    try {
      const filter = { unread: false, notAnswered: false, classId }
      const rows = recipientRows(receipts.value, filter, names.value)
      const sheetWords = words()
      const data = await writeTables([
        answersSheet(rows, current.questions, sheetWords),
        statisticsSheet(rows, current.questions, sheetWords),
      ])
      const saved = await desktop.saveFile({
        defaultName: `${fileSafe(className ? `${current.title}-${className}` : current.title)}.xlsx`,
        filters: [XLSX_FILTER],
        data,
      })
      if (saved.saved) ElMessage.success(t('noticeDetail.export.saved', { path: saved.path }))
    } catch (error) {
      ElMessage.error(t('common.failed', { reason: reasonOf(error) }))
    } finally {
      exporting.value = false
    }
  }

  return { exporting, exportAnswers }
}
