import { departmentTree, type Department, type DepartmentNode } from '../../../../domain/org/departments.ts'
import type { DepartmentSelection, DirectoryCounts } from '../../../../domain/org/staff-directory.ts'

/** A choice of a tree select (`el-tree-select`): a department and those under it. */
export interface DepartmentOption {
  value: string
  label: string
  children: DepartmentOption[]
}

/** The departments as tree-select options, in tree order, without `excluded` and everything under them. */
export function departmentOptions(
  departments: readonly Department[],
  excluded: ReadonlySet<string> = new Set(),
): DepartmentOption[] {
  const toOption = (node: DepartmentNode): DepartmentOption[] =>
    excluded.has(node.department.id)
      ? []
      : [
          {
            value: node.department.id,
            label: node.department.name,
            children: node.children.flatMap(toOption),
          },
        ]
  return departmentTree(departments).flatMap(toOption)
}

/** A node of the directory's department tree: "all staff", "no department", or a department. */
export interface DirectoryNode {
  /** `all`, `none`, or `d:<department id>`. */
  key: string
  label: string
  count: number
  department: Department | null
  children: DirectoryNode[]
}

export const ALL_KEY = 'all'
export const NONE_KEY = 'none'
const DEPARTMENT_PREFIX = 'd:'
export const departmentKey = (id: string): string => DEPARTMENT_PREFIX + id

export function selectionOf(key: string): DepartmentSelection {
  if (key === ALL_KEY) return { type: 'all' }
  if (key === NONE_KEY) return { type: 'none' }
  return { type: 'department', id: key.slice(DEPARTMENT_PREFIX.length) }
}

/** "All staff", then the department tree, then "no department", each with its head count. */
export function directoryNodes(
  departments: readonly Department[],
  counts: DirectoryCounts,
  labels: { all: string; none: string },
): DirectoryNode[] {
  const toNode = (node: DepartmentNode): DirectoryNode => ({
    key: departmentKey(node.department.id),
    label: node.department.name,
    count: counts.byDepartment.get(node.department.id) ?? 0,
    department: node.department,
    children: node.children.map(toNode),
  })
  const entry = (key: string, label: string, count: number): DirectoryNode => ({
    key,
    label,
    count,
    department: null,
    children: [],
  })
  return [
    entry(ALL_KEY, labels.all, counts.all),
    ...departmentTree(departments).map(toNode),
    entry(NONE_KEY, labels.none, counts.none),
  ]
}
