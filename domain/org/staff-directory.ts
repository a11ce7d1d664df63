import { departmentAndDescendants, departmentTree, type Department } from './departments.ts'
import type { Staff } from './staff.ts'

/** AB-1: the pure logic of the staff directory screen (企业通讯录): counts, filters, uniqueness, ordering. */

/** Which part of the tree is selected: everyone, the staff in no department, or one department with its subtree. */
export type DepartmentSelection = { type: 'all' } | { type: 'none' } | { type: 'department'; id: string }

export type TeachingFilter = 'all' | 'teaching' | 'nonTeaching'
export type AccountFilter = 'all' | 'joined' | 'notJoined'

/** What the server says of a staff member's login account (`GET /api/admin/accounts`). */
export interface AccountInfo {
  personId: string
  kind: string
  disabled: boolean
  lastLoginAt: number | null
}

export type AccountStatus = 'joined' | 'notJoined' | 'disabled'

export type MissingField = 'phone' | 'staffNo' | 'department'

export interface StaffFilter {
  selection: DepartmentSelection
  teaching: TeachingFilter
  /** Applied only when the accounts are known (`accounts` of `filterStaff` not null). */
  account: AccountFilter
  missingOnly: boolean
}

/** The departments of a staff member that still exist (others may have been deleted on another PC). */
function knownDepartmentIds(member: Staff, departmentIds: ReadonlySet<string>): string[] {
  return member.departmentIds.filter((id) => departmentIds.has(id))
}

/** The key information a staff member lacks: phone (their account), staff no., a department. */
export function missingStaffFields(member: Staff, departmentIds: ReadonlySet<string>): MissingField[] {
  const missing: MissingField[] = []
  if (!member.phone) missing.push('phone')
  if (!member.staffNo) missing.push('staffNo')
  if (knownDepartmentIds(member, departmentIds).length === 0) missing.push('department')
  return missing
}

/** The ids of every department above `id` and `id` itself (cycles tolerated). */
function selfAndAncestors(byId: ReadonlyMap<string, Department>, id: string): string[] {
  const chain: string[] = []
  for (let current = byId.get(id); current && !chain.includes(current.id);) {
    chain.push(current.id)
    current = current.parentId ? byId.get(current.parentId) : undefined
  }
  return chain
}

export interface DirectoryCounts {
  all: number
  none: number
  /** Staff in a department or any of its sub-departments, each person counted once. */
  byDepartment: Map<string, number>
}

export function directoryCounts(
  departments: readonly Department[],
  staff: readonly Staff[],
): DirectoryCounts {
  const byId = new Map(departments.map((d) => [d.id, d]))
  const byDepartment = new Map(departments.map((d) => [d.id, 0]))
  let none = 0
  for (const member of staff) {
    const reached = new Set(
      member.departmentIds.filter((id) => byId.has(id)).flatMap((id) => selfAndAncestors(byId, id)),
    )
    if (reached.size === 0) none++
    for (const id of reached) byDepartment.set(id, (byDepartment.get(id) ?? 0) + 1)
  }
  return { all: staff.length, none, byDepartment }
}

/** Joined once they have logged in; an account that is disabled (left school) says so; no account: not joined. */
export function accountStatusOf(account: AccountInfo | undefined): AccountStatus {
  if (account?.disabled) return 'disabled'
  return account?.lastLoginAt != null ? 'joined' : 'notJoined'
}

/** The staff accounts by person id. */
export function staffAccounts(accounts: readonly AccountInfo[]): Map<string, AccountInfo> {
  return new Map(accounts.filter((a) => a.kind === 'staff').map((a) => [a.personId, a]))
}

function inSelection(
  member: Staff,
  selection: DepartmentSelection,
  departmentIds: ReadonlySet<string>,
  subtree: ReadonlySet<string>,
): boolean {
  if (selection.type === 'all') return true
  const known = knownDepartmentIds(member, departmentIds)
  if (selection.type === 'none') return known.length === 0
  return known.some((id) => subtree.has(id))
}

function matchesTeaching(member: Staff, teaching: TeachingFilter): boolean {
  if (teaching === 'all') return true
  return member.teaches === (teaching === 'teaching')
}

function matchesAccount(status: AccountStatus, filter: AccountFilter): boolean {
  return filter === 'all' || status === filter
}

/** The staff shown for the tree selection and the filters, in the order given. */
export function filterStaff(
  staff: readonly Staff[],
  departments: readonly Department[],
  filter: StaffFilter,
  accounts: ReadonlyMap<string, AccountInfo> | null,
): Staff[] {
  const departmentIds = new Set(departments.map((d) => d.id))
  const { selection } = filter
  const subtree =
    selection.type === 'department' ? departmentAndDescendants(departments, selection.id) : new Set<string>()
  return staff.filter(
    (member) =>
      inSelection(member, selection, departmentIds, subtree) &&
      matchesTeaching(member, filter.teaching) &&
      (!accounts || matchesAccount(accountStatusOf(accounts.get(member.id)), filter.account)) &&
      (!filter.missingOnly || missingStaffFields(member, departmentIds).length > 0),
  )
}

/** Another staff member who already has this phone or staff no. (trimmed, case-insensitive), if any. */
export function staffWithSame(
  staff: readonly Staff[],
  field: 'phone' | 'staffNo',
  value: string,
  exceptId: string | null,
): Staff | undefined {
  const wanted = value.trim().toLocaleLowerCase()
  if (!wanted) return undefined
  return staff.find((m) => m.id !== exceptId && m[field]?.trim().toLocaleLowerCase() === wanted)
}

/** Why a department cannot be deleted: it has sub-departments, or staff in it; null when it can. */
export function departmentDeleteBlocker(
  departments: readonly Department[],
  staff: readonly Staff[],
  id: string,
): 'children' | 'staff' | null {
  if (departments.some((d) => d.parentId === id && d.id !== id)) return 'children'
  if (staff.some((m) => m.departmentIds.includes(id))) return 'staff'
  return null
}

/** The departments under the same parent as `id` (itself included), in tree order. */
function siblingsOf(departments: readonly Department[], id: string): Department[] {
  const find = (nodes: ReturnType<typeof departmentTree>): Department[] | null => {
    if (nodes.some((node) => node.department.id === id)) return nodes.map((node) => node.department)
    for (const node of nodes) {
      const found = find(node.children)
      if (found) return found
    }
    return null
  }
  return find(departmentTree(departments)) ?? []
}

/**
 * Moves a department one place up or down among its siblings: the new `order` of every sibling whose order
 * changes (siblings are renumbered 0, 1, 2… so that ties and gaps left by other PCs do not block a move);
 * empty when it is already first (last).
 */
export function moveDepartment(
  departments: readonly Department[],
  id: string,
  direction: -1 | 1,
): { id: string; order: number }[] {
  const siblings = siblingsOf(departments, id)
  const from = siblings.findIndex((d) => d.id === id)
  const to = from + direction
  if (from < 0 || to < 0 || to >= siblings.length) return []
  const reordered = [...siblings]
  reordered.splice(to, 0, ...reordered.splice(from, 1))
  return reordered.flatMap((d, order) => (d.order === order ? [] : [{ id: d.id, order }]))
}

/** The order a new department takes under `parentId`: after its last sibling. */
export function nextDepartmentOrder(
  departments: readonly Department[],
  parentId: string | undefined,
): number {
  const siblings = departments.filter((d) => (d.parentId ?? undefined) === parentId)
  return siblings.reduce((max, d) => Math.max(max, d.order + 1), 0)
}
