import { computed, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { keyInformationReport } from '../../../../domain/org/key-information.ts'
import type { SchoolClass } from '../../../../domain/org/school-class.ts'
import { KEY_FIELDS } from '../../../../domain/org/student.ts'
import { useXlsxSave } from '../../app/use-xlsx-save.ts'
import { writeTables, type TableSheet } from '../../ui/excel/workbook.ts'
import type { TableColumn } from '../../ui/table-column.ts'
import { useStudentStore } from '../org/stores.ts'

/** AB-6: who lacks national/local student no. or ID number in the classes in scope; export of that list. */
export function useKeyInformation(scopeClasses: Ref<SchoolClass[]>, scopeName: Ref<string>) {
  const students = useStudentStore()
  const { t } = useI18n()
  const excel = useXlsxSave()

  const report = computed(() => keyInformationReport(scopeClasses.value, students.items))
  const totals = computed(() => ({
    active: report.value.perClass.reduce((sum, c) => sum + c.active, 0),
    incomplete: report.value.incomplete.length,
  }))
  const rows = computed(() =>
    report.value.incomplete.map((row) => ({
      id: row.student.id,
      name: row.student.name,
      studentNo: row.student.studentNo,
      className: row.className,
      missing: row.missing,
    })),
  )
  const columns = computed<TableColumn[]>(() => [
    { key: 'name', title: t('homeSchool.student.name'), width: 120 },
    { key: 'studentNo', title: t('homeSchool.student.studentNo'), width: 130 },
    { key: 'className', title: t('homeSchool.student.class'), width: 130 },
    { key: 'missing', title: t('homeSchool.keyInfo.missing'), width: 300, flexGrow: 1 },
  ])
  const missingText = (fields: readonly string[]) =>
    fields.map((f) => t(`homeSchool.keyFields.${f}`)).join('、')

  async function exportIncomplete(): Promise<void> {
    const mark = (missing: readonly string[], field: string) => (missing.includes(field) ? '✗' : '')
    const sheets: TableSheet[] = [
      {
        name: t('homeSchool.keyInfo.title'),
        columns: [
          { header: t('homeSchool.student.name') },
          { header: t('homeSchool.student.studentNo') },
          { header: t('homeSchool.student.class') },
          ...KEY_FIELDS.map((f) => ({ header: t(`homeSchool.keyFields.${f}`), width: 20 })),
          { header: t('homeSchool.keyInfo.missing'), width: 40 },
        ],
        rows: rows.value.map((r) => [
          r.name,
          r.studentNo,
          r.className,
          ...KEY_FIELDS.map((f) => mark(r.missing, f)),
          missingText(r.missing),
        ]),
      },
      {
        name: t('homeSchool.keyInfo.perClass'),
        columns: [
          { header: t('homeSchool.student.class') },
          { header: t('homeSchool.keyInfo.active') },
          { header: t('homeSchool.keyInfo.incomplete') },
        ],
        rows: report.value.perClass.map((c) => [c.className, c.active, c.incomplete]),
      },
    ]
    await excel.save(`${scopeName.value}-${t('homeSchool.keyInfo.title')}`, () => writeTables(sheets))
  }

  return { report, totals, rows, columns, missingText, exporting: excel.saving, exportIncomplete }
}
