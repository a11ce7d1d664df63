import { describe, expect, it } from 'vitest'
import type { Department } from '../../../../domain/org/departments.ts'
import { directoryCounts } from '../../../../domain/org/staff-directory.ts'
import { departmentKey, departmentOptions, directoryNodes, selectionOf } from './tree-options.ts'

const common = { schoolId: 'demo', updatedAt: 1, kind: 'department' as const }
const departments: Department[] = [
  { ...common, id: 'office', name: '行政部', order: 1 },
  { ...common, id: 'teaching', name: '教学部', order: 0 },
  { ...common, id: 'math', name: '数学组', order: 0, parentId: 'teaching' },
]

describe('department tree options', () => {
  it('list the departments in tree order without the excluded subtree', () => {
    expect(departmentOptions(departments)).toEqual([
      { value: 'teaching', label: '教学部', children: [{ value: 'math', label: '数学组', children: [] }] },
      { value: 'office', label: '行政部', children: [] },
    ])
    expect(departmentOptions(departments, new Set(['teaching'])).map((o) => o.value)).toEqual(['office'])
  })

  it('frame the tree with all staff and no department, with counts', () => {
    const staff = [
      {
        ...common,
        kind: 'staff' as const,
        id: 's1',
        name: 'A',
        departmentIds: ['math'],
        tags: [],
        teaches: true,
      },
      { ...common, kind: 'staff' as const, id: 's2', name: 'B', departmentIds: [], tags: [], teaches: false },
    ]
    const nodes = directoryNodes(departments, directoryCounts(departments, staff), {
      all: 'All',
      none: 'None',
    })
    expect(nodes.map((n) => [n.key, n.count])).toEqual([
      ['all', 2],
      ['d:teaching', 1],
      ['d:office', 0],
      ['none', 1],
    ])
    expect(nodes[1]?.children.map((n) => [n.key, n.count])).toEqual([['d:math', 1]])
  })

  it('read the selection back from a node key', () => {
    expect(selectionOf('all')).toEqual({ type: 'all' })
    expect(selectionOf('none')).toEqual({ type: 'none' })
    expect(selectionOf(departmentKey('math'))).toEqual({ type: 'department', id: 'math' })
  })
})
