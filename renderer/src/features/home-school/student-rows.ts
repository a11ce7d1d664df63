import { accountStatusOf, type AccountStatus } from '../../../../domain/org/staff-directory.ts'
import type { StudentGuardian } from '../../../../domain/org/student-guardians.ts'
import { missingKeyFields, type KeyField, type Student } from '../../../../domain/org/student.ts'
import type { Account } from '../../../../domain/org/admin-wire.ts'

/** A row of the students table: the student with what the directory shows beside them. */
export interface StudentRow {
  id: string
  student: Student
  guardians: StudentGuardian[]
  missing: KeyField[]
  /** Null while the server's accounts are unknown (offline, or not an admin). */
  account: AccountStatus | null
}

export interface StudentFilter {
  search: string
  status: Student['status'] | 'all'
  missingKey: boolean
  account: 'all' | 'joined' | 'notJoined'
}

export const NO_FILTER: StudentFilter = { search: '', status: 'all', missingKey: false, account: 'all' }

export function studentRows(
  students: readonly Student[],
  guardians: ReadonlyMap<string, StudentGuardian[]>,
  accounts: ReadonlyMap<string, Account> | null,
): StudentRow[] {
  return students.map((student) => {
    return {
      id: student.id,
      student,
      guardians: guardians.get(student.id) ?? [],
      missing: missingKeyFields(student),
      account: accounts ? accountStatusOf(accounts.get(student.id)) : null,
    }
  })
}

function matchesSearch(row: StudentRow, query: string): boolean {
  const { name, studentNo } = row.student
  const texts = [name, studentNo, ...row.guardians.flatMap((g) => [g.name, g.phone])]
  return texts.some((text) => text.toLocaleLowerCase().includes(query))
}

/** Search (name, student no., guardians' names and phones), status, missing key information, joined or not. */
export function filterRows(rows: readonly StudentRow[], filter: StudentFilter): StudentRow[] {
  const query = filter.search.trim().toLocaleLowerCase()
  return rows.filter(
    (row) =>
      (filter.status === 'all' || row.student.status === filter.status) &&
      (!filter.missingKey || row.missing.length > 0) &&
      (filter.account === 'all' || row.account === filter.account) &&
      (!query || matchesSearch(row, query)),
  )
}
