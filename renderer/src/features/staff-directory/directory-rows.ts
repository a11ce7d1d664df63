import type { Department } from '../../../../domain/org/departments.ts'
import type { Staff } from '../../../../domain/org/staff.ts'
import {
  accountStatusOf,
  type AccountInfo,
  type AccountStatus,
} from '../../../../domain/org/staff-directory.ts'
import type { CellValue, TableSheet } from '../../ui/excel/workbook.ts'

/** One line of the staff table, with everything the table and the Excel export show as values. */
export interface DirectoryRow {
  id: string
  staff: Staff
  name: string
  phone: string
  staffNo: string
  position: string
  departments: string
  tags: string[]
  teaches: boolean
  admin: boolean
  /** null when the accounts are not known (offline, not an admin). */
  account: AccountStatus | null
}

export function directoryRow(
  member: Staff,
  departmentsById: ReadonlyMap<string, Department>,
  accounts: ReadonlyMap<string, AccountInfo> | null,
  separator: string,
): DirectoryRow {
  const departmentNames = member.departmentIds.flatMap((id) => departmentsById.get(id)?.name ?? [])
  return {
    id: member.id,
    staff: member,
    name: member.name,
    phone: member.phone ?? '',
    staffNo: member.staffNo ?? '',
    position: member.position ?? '',
    departments: departmentNames.join(separator),
    tags: member.tags,
    teaches: member.teaches,
    admin: member.admin === true,
    account: accounts ? accountStatusOf(accounts.get(member.id)) : null,
  }
}

/** The texts of the export: column headers and how yes/no, the roles and the account status read. */
export interface ExportLabels {
  sheet: string
  headers: Record<
    'name' | 'phone' | 'staffNo' | 'position' | 'departments' | 'tags' | 'roles' | 'account',
    string
  >
  roles: (row: DirectoryRow) => string
  account: (status: AccountStatus) => string
  separator: string
}

/** The rows on screen as one Excel sheet, with the table's columns (the account only when it is known). */
export function directorySheet(rows: readonly DirectoryRow[], labels: ExportLabels): TableSheet {
  const withAccount = rows.some((row) => row.account !== null)
  const { headers } = labels
  const columns = [
    { header: headers.name, width: 14 },
    { header: headers.phone, width: 16 },
    { header: headers.staffNo, width: 12 },
    { header: headers.position, width: 14 },
    { header: headers.departments, width: 28 },
    { header: headers.tags, width: 20 },
    { header: headers.roles, width: 18 },
    ...(withAccount ? [{ header: headers.account, width: 12 }] : []),
  ]
  const cells = (row: DirectoryRow): CellValue[] => [
    row.name,
    row.phone,
    row.staffNo,
    row.position,
    row.departments,
    row.tags.join(labels.separator),
    labels.roles(row),
    ...(withAccount ? [row.account ? labels.account(row.account) : ''] : []),
  ]
  return { name: labels.sheet, columns, rows: rows.map(cells) }
}
