import { computed, ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import {
  filterStaff,
  type AccountFilter,
  type AccountStatus,
  type DepartmentSelection,
  type TeachingFilter,
} from '../../../../domain/org/staff-directory.ts'
import { useKindList } from '../../app/use-kind-list.ts'
import { useXlsxSave } from '../../app/use-xlsx-save.ts'
import { writeTables } from '../../ui/excel/workbook.ts'
import type { TableColumn } from '../../ui/table-column.ts'
import { useDepartmentStore, useStaffStore } from '../org/stores.ts'
import { directoryRow, directorySheet, type DirectoryRow } from './directory-rows.ts'
import { useStaffAccounts } from './use-accounts.ts'

/** The texts of the roles column: teaching or not, and admin. */
function useRoleLabels() {
  const { t } = useI18n()
  return (row: Pick<DirectoryRow, 'teaches' | 'admin'>): string[] => [
    t(row.teaches ? 'staffDirectory.teaches' : 'staffDirectory.nonTeaching'),
    ...(row.admin ? [t('staffDirectory.admin')] : []),
  ]
}

/** AB-1 export: the rows on screen to an Excel file with the table's columns. */
function useDirectoryExport(rows: Ref<DirectoryRow[]>) {
  const { t } = useI18n()
  const roleLabels = useRoleLabels()
  const excel = useXlsxSave()

  function sheetOnScreen() {
    const separator = t('staffDirectory.listSeparator')
    const field = (key: string) => t(`staffDirectory.${key}`)
    return directorySheet(rows.value, {
      sheet: t('staffDirectory.title'),
      headers: {
        name: field('name'),
        phone: field('phone'),
        staffNo: field('staffNo'),
        position: field('position'),
        departments: field('departments'),
        tags: field('tags'),
        roles: field('roles'),
        account: field('account'),
      },
      roles: (row) => roleLabels(row).join(separator),
      account: (status: AccountStatus) => t(`staffDirectory.accountStatus.${status}`),
      separator,
    })
  }

  async function exportExcel(): Promise<void> {
    await excel.save(t('staffDirectory.title'), () => writeTables([sheetOnScreen()]))
  }

  return { exporting: excel.saving, exportExcel }
}

/**
 * The staff table of the directory: search (name, phone, staff no.), the department chosen in the tree with
 * its sub-departments, teaching / non-teaching, joined / not yet logged in, missing information; delete; export.
 */
export function useStaffDirectory(selection: Ref<DepartmentSelection>) {
  const store = useStaffStore()
  const departmentStore = useDepartmentStore()
  const { t } = useI18n()
  const list = useKindList(store, (member) => [member.name, member.phone, member.staffNo])
  const { accounts, available: accountsAvailable } = useStaffAccounts()
  const teaching = ref<TeachingFilter>('all')
  const account = ref<AccountFilter>('all')
  const missingOnly = ref(false)

  const departmentsById = computed(() => new Map(departmentStore.items.map((d) => [d.id, d])))
  const rows = computed(() => {
    const filter = {
      selection: selection.value,
      teaching: teaching.value,
      account: account.value,
      missingOnly: missingOnly.value,
    }
    const separator = t('staffDirectory.listSeparator')
    return filterStaff(list.rows.value, departmentStore.items, filter, accounts.value).map((member) =>
      directoryRow(member, departmentsById.value, accounts.value, separator),
    )
  })

  const columns = computed<TableColumn[]>(() => [
    { key: 'name', title: t('staffDirectory.name'), width: 80, flexGrow: 1 },
    { key: 'phone', title: t('staffDirectory.phone'), width: 105 },
    { key: 'staffNo', title: t('staffDirectory.staffNo'), width: 70 },
    { key: 'position', title: t('staffDirectory.position'), width: 70 },
    { key: 'departments', title: t('staffDirectory.departments'), width: 85, flexGrow: 2 },
    { key: 'tags', title: t('staffDirectory.tags'), width: 60, flexGrow: 1 },
    { key: 'roles', title: t('staffDirectory.roles'), width: 160 },
    ...(accountsAvailable.value ? [{ key: 'account', title: t('staffDirectory.account'), width: 115 }] : []),
    ...(store.canCreate ? [{ key: 'actions', title: t('common.actions'), width: 105 }] : []),
  ])

  return {
    ...list,
    rows,
    columns,
    teaching,
    account,
    missingOnly,
    accountsAvailable,
    roleLabels: useRoleLabels(),
    canCreate: computed(() => store.canCreate),
    ...useDirectoryExport(rows),
  }
}
