import type { Campus, Grade } from './campus.ts'
import type { SchoolClass } from './school-class.ts'
import type { Student } from './student.ts'

/** A node of the home-school directory tree (AB-2): campus → grade → class. */
export interface DirectoryNode {
  /** Unique in the tree: `campus:<id>`, `grade:<id>`, `grade-name:<name>`, `class:<id>`, `no-campus`. */
  key: string
  type: 'campus' | 'grade' | 'class' | 'noCampus'
  /** The document behind the node; null for the "no campus" node and grades known only by a class's `gradeName`. */
  id: string | null
  name: string
  /** Every class at or under this node. */
  classIds: string[]
  activeStudents: number
  children: DirectoryNode[]
}

export interface DirectoryInput {
  campuses: readonly Campus[]
  grades: readonly Grade[]
  classes: readonly SchoolClass[]
  students: readonly Student[]
}

const collator = new Intl.Collator('zh-CN', { numeric: true })

function activeCounts(students: readonly Student[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const s of students) if (s.status === 'active') counts.set(s.classId, (counts.get(s.classId) ?? 0) + 1)
  return counts
}

function parent(
  key: string,
  type: DirectoryNode['type'],
  id: string | null,
  name: string,
  children: DirectoryNode[],
): DirectoryNode {
  return {
    key,
    type,
    id,
    name,
    children,
    classIds: children.flatMap((c) => c.classIds),
    activeStudents: children.reduce((sum, c) => sum + c.activeStudents, 0),
  }
}

function classNodes(classes: readonly SchoolClass[], counts: Map<string, number>): DirectoryNode[] {
  return [...classes]
    .sort((a, b) => collator.compare(a.name, b.name))
    .map((c) => ({
      key: `class:${c.id}`,
      type: 'class',
      id: c.id,
      name: c.name,
      classIds: [c.id],
      activeStudents: counts.get(c.id) ?? 0,
      children: [],
    }))
}

function byOrder<T extends { order: number; name: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.order - b.order || collator.compare(a.name, b.name))
}

/** Classes known only by their grade's name, grouped by it; the youngest grade (latest start year) first. */
function gradeNameNodes(classes: readonly SchoolClass[], counts: Map<string, number>): DirectoryNode[] {
  const groups = new Map<string, SchoolClass[]>()
  for (const c of classes) groups.set(c.gradeName, [...(groups.get(c.gradeName) ?? []), c])
  const latestYear = (group: SchoolClass[]) => Math.max(...group.map((c) => c.year))
  return [...groups]
    .sort(([a, ga], [b, gb]) => latestYear(gb) - latestYear(ga) || collator.compare(a, b))
    .map(([name, group]) => parent(`grade-name:${name}`, 'grade', null, name, classNodes(group, counts)))
}

/**
 * The tree campus → grade → class with active-student counts. Classes without a (known) grade document, and
 * grades of an unknown campus, go under one "no campus" node — grouped by `gradeName` — which appears only when
 * something is in it: schools set up without campus and grade documents still get a right tree.
 */
export function directoryTree({ campuses, grades, classes, students }: DirectoryInput): DirectoryNode[] {
  const counts = activeCounts(students)
  const gradeIds = new Set(grades.map((g) => g.id))
  const campusIds = new Set(campuses.map((c) => c.id))
  const classesOf = (gradeId: string) => classes.filter((c) => c.gradeId === gradeId)
  const gradeNode = (g: Grade) =>
    parent(`grade:${g.id}`, 'grade', g.id, g.name, classNodes(classesOf(g.id), counts))

  const campusNodes = byOrder(campuses).map((campus) =>
    parent(
      `campus:${campus.id}`,
      'campus',
      campus.id,
      campus.name,
      byOrder(grades.filter((g) => g.campusId === campus.id)).map(gradeNode),
    ),
  )
  const orphanGrades = byOrder(grades.filter((g) => !campusIds.has(g.campusId))).map(gradeNode)
  const ungraded = classes.filter((c) => !c.gradeId || !gradeIds.has(c.gradeId))
  const loose = [...orphanGrades, ...gradeNameNodes(ungraded, counts)]
  return loose.length ? [...campusNodes, parent('no-campus', 'noCampus', null, '', loose)] : campusNodes
}

/** Depth-first search for the node with `key`. */
export function findNode(nodes: readonly DirectoryNode[], key: string): DirectoryNode | null {
  for (const node of nodes) {
    if (node.key === key) return node
    const found = findNode(node.children, key)
    if (found) return found
  }
  return null
}

/** Why a campus, grade or class cannot be deleted yet (it still holds grades, classes or students), if so. */
export type DeletionBlocker =
  | { type: 'campusHasGrades'; count: number }
  | { type: 'gradeHasClasses'; count: number }
  | { type: 'classHasStudents'; count: number }

export function deletionBlocker(
  target: Campus | Grade | SchoolClass,
  { grades, classes, students }: Omit<DirectoryInput, 'campuses'>,
): DeletionBlocker | null {
  const blocker = (type: DeletionBlocker['type'], count: number) => (count ? { type, count } : null)
  switch (target.kind) {
    case 'campus':
      return blocker('campusHasGrades', grades.filter((g) => g.campusId === target.id).length)
    case 'grade':
      return blocker('gradeHasClasses', classes.filter((c) => c.gradeId === target.id).length)
    case 'class':
      return blocker('classHasStudents', students.filter((s) => s.classId === target.id).length)
  }
}
