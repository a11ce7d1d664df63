import { isAdmin } from '../auth/roles.ts'
import type { BaseDocument } from '../documents.ts'
import { allowed, denied, kindSchema, nonBlankString, type KindDefinition } from '../kinds.ts'

const ref = { type: 'string', minLength: 1, maxLength: 64 } as const

/** AB-1: a department of the staff directory (企业通讯录); departments form a tree. */
export interface Department extends BaseDocument {
  kind: 'department'
  name: string
  /** The parent department; absent at the top of the tree. */
  parentId?: string
  /** The staff member who heads it. */
  headId?: string
  /** Position among its siblings (lower first). */
  order: number
}

/** The departments in tree order: parents before children, siblings by `order`, then name. */
export interface DepartmentNode {
  department: Department
  children: DepartmentNode[]
}

export function departmentTree(departments: readonly Department[]): DepartmentNode[] {
  const byParent = new Map<string, Department[]>()
  const ids = new Set(departments.map((d) => d.id))
  for (const department of departments) {
    // A department whose parent is gone (deleted on another PC) shows at the top rather than vanishing.
    const parent = department.parentId && ids.has(department.parentId) ? department.parentId : ''
    byParent.set(parent, [...(byParent.get(parent) ?? []), department])
  }
  const reached = new Set<string>()
  const sorted = (list: Department[]) =>
    [...list].sort((a, b) => a.order - b.order || a.name.localeCompare(b.name))
  const build = (department: Department): DepartmentNode => {
    reached.add(department.id)
    const children = (byParent.get(department.id) ?? []).filter((child) => !reached.has(child.id))
    return { department, children: sorted(children).map(build) }
  }
  const roots = sorted(byParent.get('') ?? []).map(build)
  // Departments in a parent cycle (two PCs moved each under the other) show at the top rather than vanishing.
  for (const department of sorted([...departments])) {
    if (!reached.has(department.id)) roots.push(build(department))
  }
  return roots
}

/** The ids of a department and every department under it. */
export function departmentAndDescendants(departments: readonly Department[], rootId: string): Set<string> {
  const result = new Set([rootId])
  let grown = true
  while (grown) {
    grown = false
    for (const department of departments) {
      if (department.parentId && result.has(department.parentId) && !result.has(department.id)) {
        result.add(department.id)
        grown = true
      }
    }
  }
  return result
}

function checkDepartment(department: Department): string[] {
  return department.parentId === department.id ? ['a department cannot be its own parent'] : []
}

export const departmentKind: KindDefinition<Department> = {
  kind: 'department',
  collection: 'org',
  schema: kindSchema(
    'department',
    {
      name: nonBlankString(60),
      parentId: ref,
      headId: ref,
      order: { type: 'integer', minimum: 0, maximum: 100000 },
    },
    ['name', 'order'],
  ),
  check: checkDepartment,
  canWrite: (user) => (isAdmin(user) ? allowed : denied('only admins may change departments')),
  canRead: () => true,
}
