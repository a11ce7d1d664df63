import { ElMessageBox } from 'element-plus'
import { computed, reactive, shallowReactive, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { SchoolClass } from '../../../../domain/org/school-class.ts'
import { guardiansByStudent, planGuardians } from '../../../../domain/org/student-guardians.ts'
import type { Student } from '../../../../domain/org/student.ts'
import { useWriteFeedback } from '../../app/use-write-feedback.ts'
import { useXlsxSave } from '../../app/use-xlsx-save.ts'
import { writeTables, type TableSheet } from '../../ui/excel/workbook.ts'
import type { TableColumn } from '../../ui/table-column.ts'
import { useGuardianStore, useStudentStore } from '../org/stores.ts'
import { useAccountStore } from '../org/accounts.ts'
import { useAdminAction } from './use-admin.ts'
import { filterRows, NO_FILTER, studentRows, type StudentFilter, type StudentRow } from './student-rows.ts'

/** Which of leave school / transfer the move dialog does, for which student. */
export interface MoveDialog {
  visible: boolean
  mode: 'leave' | 'transfer'
  student: Student | null
}

/** The students of the classes in scope: filtered rows, columns, export, and the admins' actions on a student. */
export function useStudents(scopeClasses: Ref<SchoolClass[]>, scopeName: Ref<string>) {
  const students = useStudentStore()
  const guardians = useGuardianStore()
  const accounts = useAccountStore()
  const { call } = useAdminAction()
  const { t, locale } = useI18n()
  const { run } = useWriteFeedback()
  const excel = useXlsxSave()
  const filter = reactive<StudentFilter>({ ...NO_FILTER })
  const dialog = shallowReactive<{ visible: boolean; editing: Student | null }>({
    visible: false,
    editing: null,
  })
  const move = shallowReactive<MoveDialog>({ visible: false, mode: 'leave', student: null })

  const classNames = computed(() => new Map(scopeClasses.value.map((c) => [c.id, c.name])))
  const byGuardian = computed(() => guardiansByStudent(guardians.items))

  const allRows = computed(() => {
    const collator = new Intl.Collator(locale.value, { numeric: true })
    const inScope = students.items
      .filter((s) => classNames.value.has(s.classId))
      .sort((a, b) => collator.compare(a.studentNo, b.studentNo))
    return studentRows(inScope, byGuardian.value, accounts.accounts)
  })
  const rows = computed(() => filterRows(allRows.value, filter))

  // The class column only when the scope holds several classes (in one it would repeat its name); actions for
  // those who may write (teachers read).
  const columns = computed<TableColumn[]>(() => [
    { key: 'name', title: t('homeSchool.student.name'), width: 72 },
    { key: 'studentNo', title: t('homeSchool.student.studentNo'), width: 88 },
    ...(scopeClasses.value.length > 1
      ? [{ key: 'className', title: t('homeSchool.student.class'), width: 100 }]
      : []),
    { key: 'status', title: t('homeSchool.student.status'), width: 60 },
    { key: 'guardians', title: t('homeSchool.student.guardians'), width: 150, flexGrow: 2 },
    { key: 'keyInfo', title: t('homeSchool.student.keyInfo'), width: 146, flexGrow: 1 },
    { key: 'account', title: t('homeSchool.student.account'), width: 100 },
    ...(students.canCreate ? [{ key: 'actions', title: t('common.actions'), width: 140 }] : []),
  ])

  const canWrite = (student: Student) => students.permission(student, student).ok
  const className = (row: StudentRow) => classNames.value.get(row.student.classId) ?? ''
  const guardianText = (row: StudentRow) =>
    row.guardians.map((g) => t('homeSchool.guardianLabel', { ...g })).join(' · ')
  const accountText = (row: StudentRow) => (row.account ? t(`homeSchool.accountStatus.${row.account}`) : '—')

  function openCreate(): void {
    dialog.editing = null
    dialog.visible = true
  }

  function openEdit(student: Student): void {
    dialog.editing = student
    dialog.visible = true
  }

  function openMove(mode: MoveDialog['mode'], student: Student): void {
    Object.assign(move, { visible: true, mode, student })
  }

  async function confirm(message: string, title: string, danger = true): Promise<boolean> {
    return ElMessageBox.confirm(message, {
      title,
      type: 'warning',
      confirmButtonText: t('common.confirm'),
      cancelButtonText: t('common.cancel'),
      ...(danger ? { confirmButtonClass: 'el-button--danger' } : {}),
    }).then(
      () => true,
      () => false,
    )
  }

  /** Deletes the student and unlinks them from their guardians (a guardian left without a child goes too). */
  async function remove(student: Student): Promise<void> {
    if (!(await confirm(t('common.confirmDelete', { name: student.name }), t('common.confirmDeleteTitle'))))
      return
    const plan = planGuardians(student.id, [], guardians.items)
    await run(async () => {
      for (const p of plan.patches) await guardians.patch(p.id, { children: p.children })
      for (const id of plan.removes) await guardians.remove(id)
      await students.remove(student.id)
    }, t('common.deleted'))
  }

  /** Resets the password of a student or a guardian and shows the new initial password to the admin. */
  async function resetPassword(personId: string, name: string): Promise<void> {
    if (!(await confirm(t('homeSchool.reset.confirm', { name }), t('homeSchool.reset.title'), false))) return
    const result = await call((api) => api.resetPassword(personId))
    if (!result) return
    await ElMessageBox.alert(
      t('homeSchool.reset.done', { name, login: result.login, password: result.initialPassword }),
      t('homeSchool.reset.title'),
      { type: 'success', confirmButtonText: t('common.confirm') },
    )
    await accounts.reload()
  }

  async function exportRows(): Promise<void> {
    const statusText = (row: StudentRow) => t(`homeSchool.statuses.${row.student.status}`)
    const sheet: TableSheet = {
      name: scopeName.value,
      columns: [
        { header: t('homeSchool.student.name') },
        { header: t('homeSchool.student.studentNo') },
        { header: t('homeSchool.student.class') },
        { header: t('homeSchool.student.status'), width: 10 },
        { header: t('homeSchool.keyFields.nationalStudentNo'), width: 22 },
        { header: t('homeSchool.keyFields.localStudentNo'), width: 22 },
        { header: t('homeSchool.keyFields.idNumber'), width: 22 },
        { header: t('homeSchool.student.guardians'), width: 48 },
        { header: t('homeSchool.student.account') },
      ],
      rows: rows.value.map((row) => [
        row.student.name,
        row.student.studentNo,
        className(row),
        statusText(row),
        row.student.nationalStudentNo ?? '',
        row.student.localStudentNo ?? '',
        row.student.idNumber ?? '',
        guardianText(row),
        row.account ? accountText(row) : '',
      ]),
    }
    await excel.save(`${scopeName.value}-${t('homeSchool.student.title')}`, () => writeTables([sheet]))
  }

  return {
    filter,
    rows,
    allRows,
    columns,
    dialog,
    move,
    exporting: excel.saving,
    canCreate: computed(() => students.canCreate),
    canWrite,
    className,
    guardianText,
    accountText,
    openCreate,
    openEdit,
    openMove,
    remove,
    resetPassword,
    exportRows,
  }
}
