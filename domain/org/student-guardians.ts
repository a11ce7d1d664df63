import type { Guardian, GuardianChild } from './guardian.ts'
import type { Student } from './student.ts'

/** One guardian of one student, as the directory shows it: "陈家长（父亲）13900000001". */
export interface StudentGuardian {
  guardianId: string
  name: string
  relationship: string
  phone: string
}

/** The guardians of every student, by student id, in the order the guardian documents come. */
export function guardiansByStudent(guardians: readonly Guardian[]): Map<string, StudentGuardian[]> {
  const result = new Map<string, StudentGuardian[]>()
  for (const g of guardians) {
    for (const child of g.children) {
      const entry = { guardianId: g.id, name: g.name, relationship: child.relationship, phone: g.phone }
      result.set(child.studentId, [...(result.get(child.studentId) ?? []), entry])
    }
  }
  return result
}

/** Student numbers are unique in the school: the other student who has `studentNo` already, if any. */
export function studentNoOwner(
  studentNo: string,
  students: readonly Student[],
  exceptId: string | null,
): Student | undefined {
  const wanted = studentNo.trim()
  return students.find((s) => s.id !== exceptId && s.studentNo.trim() === wanted)
}

/** A guardian row of the student form. */
export interface GuardianEntry {
  name: string
  relationship: string
  phone: string
}

/** The guardian writes that make the guardians of one student what the form says. */
export interface GuardianPlan {
  inserts: { name: string; phone: string; children: GuardianChild[] }[]
  /** New children lists of guardians that stay. */
  patches: { id: string; children: GuardianChild[] }[]
  /** Guardians left without any child. */
  removes: string[]
}

const isBlank = (entry: GuardianEntry) =>
  !entry.name.trim() && !entry.phone.trim() && !entry.relationship.trim()

/** The children with `child` in them: its relationship updated in place, or appended. */
function withChild(children: readonly GuardianChild[], child: GuardianChild): GuardianChild[] {
  return children.some((c) => c.studentId === child.studentId)
    ? children.map((c) => (c.studentId === child.studentId ? child : c))
    : [...children, child]
}

const sameChildren = (a: readonly GuardianChild[], b: readonly GuardianChild[]) =>
  a.length === b.length &&
  a.every((c, i) => c.studentId === b[i]?.studentId && c.relationship === b[i]?.relationship)

/**
 * Plans the guardians of `studentId` from the form's rows. A row whose phone is an existing guardian's links
 * that guardian (the child is appended; their name stays the one on their account, as another family may have
 * entered it) instead of creating a second guardian with the same phone. Guardians the rows no longer name lose
 * the child, and go when it was their last.
 */
export function planGuardians(
  studentId: string,
  entries: readonly GuardianEntry[],
  guardians: readonly Guardian[],
): GuardianPlan {
  const plan: GuardianPlan = { inserts: [], patches: [], removes: [] }
  const wanted = entries
    .filter((e) => !isBlank(e))
    .map((e) => ({ name: e.name.trim(), relationship: e.relationship.trim(), phone: e.phone.trim() }))
  const phones = new Set(wanted.map((e) => e.phone))

  for (const entry of wanted.filter((e, i) => wanted.findIndex((o) => o.phone === e.phone) === i)) {
    const child = { studentId, relationship: entry.relationship }
    const existing = guardians.find((g) => g.phone === entry.phone)
    if (!existing) plan.inserts.push({ name: entry.name, phone: entry.phone, children: [child] })
    else if (!sameChildren(existing.children, withChild(existing.children, child)))
      plan.patches.push({ id: existing.id, children: withChild(existing.children, child) })
  }
  for (const g of guardians) {
    if (phones.has(g.phone) || !g.children.some((c) => c.studentId === studentId)) continue
    const children = g.children.filter((c) => c.studentId !== studentId)
    if (children.length) plan.patches.push({ id: g.id, children })
    else plan.removes.push(g.id)
  }
  return plan
}

/** The form's rows for a student being edited. */
export function guardianEntriesOf(studentId: string, guardians: readonly Guardian[]): GuardianEntry[] {
  return (guardiansByStudent(guardians).get(studentId) ?? []).map(({ name, relationship, phone }) => ({
    name,
    relationship,
    phone,
  }))
}
