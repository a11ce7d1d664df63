import { ElMessage } from 'element-plus'
import { useI18n } from 'vue-i18n'
import type { Period } from '../../../../../domain/catalog/term.ts'
import type { Lesson } from '../../../../../domain/timetable/lesson.ts'
import { desktop } from '../../../app/desktop.ts'
import { useXlsxSave } from '../../../app/use-xlsx-save.ts'
import type { GridColumn } from '../slot-grid.vue'
import type { References } from '../use-references.ts'
import { weekWorkbook, type WeekSheet } from './week-workbook.ts'
import { fileSafe } from '../../../ui/file-name.ts'

/** What the export needs from the week on screen. */
export interface ExportedWeek {
  /** Whose week: the class, teacher or room of the filter, e.g. "初一(1)班". */
  subject: string
  termName: string
  weekLabel: string
  periods: Period[]
  columns: GridColumn[]
  lessonsAt(periodId: string, column: GridColumn): Lesson[]
}

/**
 * TT-9/TT-13: a table on screen to Excel (exceljs) or PDF (the desktop's print-to-PDF, the browser's print, which
 * prints the page's `print-only` title and its grid alone). `fileName` is without its extension.
 */
export function useSheetExport() {
  const { t } = useI18n()
  const excel = useXlsxSave()

  async function toExcel(sheet: WeekSheet, fileName: string): Promise<void> {
    await excel.save(fileName, () => weekWorkbook(sheet))
  }

  async function toPdf(fileName: string): Promise<void> {
    const result = await desktop.printToPdf(`${fileSafe(fileName)}.pdf`)
    if (result.saved) ElMessage.success(t('export.saved', { path: result.path }))
  }

  return { exporting: excel.saving, toExcel, toPdf }
}

/** TT-9: the week on screen to Excel or PDF. */
export function useWeekExport(references: References) {
  const sheets = useSheetExport()

  function toSheet(week: ExportedWeek): WeekSheet {
    const first = week.columns[0]?.key ?? ''
    const last = week.columns.at(-1)?.key ?? ''
    const lessonText = (lesson: Lesson) => {
      const names = references.namesOf(lesson)
      return `${names.subject}\n${names.className}\n${names.teacher} · ${names.room}`
    }
    return {
      title: `${week.subject} · ${week.termName} · ${week.weekLabel}`,
      subtitle: `${first} – ${last}`,
      headers: ['', ...week.columns.map((c) => [c.title, c.subtitle, c.note].filter(Boolean).join(' '))],
      rows: week.periods.map((period) => ({
        label: `${period.name}\n${period.start}–${period.end}`,
        cells: week.columns.map((column) => week.lessonsAt(period.id, column).map(lessonText).join('\n\n')),
      })),
      sheetName: `${week.subject} ${week.weekLabel}`,
    }
  }

  const fileName = (week: ExportedWeek) => `${week.subject}-${week.termName}-${week.weekLabel}`

  return {
    exporting: sheets.exporting,
    toExcel: (week: ExportedWeek) => sheets.toExcel(toSheet(week), fileName(week)),
    toPdf: (week: ExportedWeek) => sheets.toPdf(fileName(week)),
    toSheet,
  }
}
