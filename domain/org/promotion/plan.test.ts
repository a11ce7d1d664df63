import { describe, expect, it } from 'vitest'
import type { SessionUser } from '../../auth/roles.ts'
import type { BaseDocument } from '../../documents.ts'
import type { SchoolClass } from '../school-class.ts'
import type { Student } from '../student.ts'
import { classSummaries, planPromotion, promotionWrites, refusals, type AddressBook } from './plan.ts'
import { SAMPLE_REGISTRATION, SAMPLE_REGISTRATION_WITH_ANOMALIES, SAMPLE_STRUCTURE } from './samples.ts'
import { parseStructureSheet } from './structure-file.ts'
import type { Planned } from './structure-diff.ts'
import { DEFAULT_GRACE_DAYS, type StudentEntry } from './student-diff.ts'
import { demoAddressBook, sequentialIds } from './testing.ts'

const TODAY = '2027-08-25'
const ROWS = parseStructureSheet(SAMPLE_STRUCTURE).rows
const ADMIN: SessionUser = { id: 'demo-staff-wang', schoolId: 'demo', name: '王校长', roles: ['admin'] }

function plan(registration = SAMPLE_REGISTRATION, book: AddressBook = demoAddressBook(), today = TODAY) {
  return planPromotion(ROWS, registration, book, {
    today,
    graceDays: DEFAULT_GRACE_DAYS,
    newId: sequentialIds(),
  })
}

const entryOf = (entries: StudentEntry[], studentNo: string) =>
  entries.filter((e) => e.studentNo === studentNo)
const stored = <T extends Planned<BaseDocument>>(doc: T) => ({ ...doc, schoolId: 'demo', updatedAt: 2 })

/** The address book after the plan's writes, as the next promotion would read it. */
function applied(book: AddressBook, writes: ReturnType<typeof promotionWrites>): AddressBook {
  const merge = <T extends BaseDocument>(docs: readonly T[], changed: Planned<T>[]) => {
    const byId = new Map(docs.map((d) => [d.id, d]))
    for (const doc of changed) byId.set(doc.id, stored(doc) as unknown as T)
    return [...byId.values()]
  }
  return {
    campuses: merge(book.campuses, writes.campus),
    grades: merge(book.grades, writes.grade),
    classes: merge(book.classes, writes.class),
    students: merge(book.students, writes.student),
    guardians: merge(book.guardians, writes.guardian),
  }
}

describe('structure sync (B08)', () => {
  it('creates the campus, its grades and the classes the demo school lacks; lists its code-less classes', () => {
    const { structure } = plan()
    expect(structure.campuses).toEqual([{ id: 'id-1', kind: 'campus', name: '本部', order: 0 }])
    expect(structure.grades.map((g) => [g.status, g.next.name, g.next.order, g.next.campusId])).toEqual([
      ['new', '初一', 1, 'id-1'],
      ['new', '初二', 2, 'id-1'],
      ['new', '初三', 3, 'id-1'],
    ])
    expect(structure.classes.map((c) => c.status)).toEqual(Array(6).fill('new'))
    expect(structure.classes[2]?.next).toEqual({
      id: 'id-7',
      kind: 'class',
      name: '初二(1)班',
      gradeName: '初二',
      gradeId: 'id-3',
      year: 2026,
      code: 'C2026-01',
      subjectTeachers: [],
    })
    expect(structure.absent.map((c) => c.id)).toEqual([
      'demo-class-g7-1',
      'demo-class-g7-2',
      'demo-class-g7-3',
      'demo-class-g8-1',
    ])
  })

  it('matches classes by code: renamed and moved to the next grade, unchanged, keeping teachers', () => {
    const book = demoAddressBook()
    const withCode = (c: SchoolClass, code: string): SchoolClass => ({
      ...c,
      code,
      headTeacherId: 'demo-staff-li',
    })
    const [g71, g72, g73, g81] = book.classes as SchoolClass[]
    if (!g71 || !g72 || !g73 || !g81) throw new Error('demo classes')
    const first = plan(SAMPLE_REGISTRATION, {
      ...book,
      classes: [withCode(g71, 'C2026-01'), g72, g73, g81],
    })
    const renamed = first.structure.classes.find((c) => c.row.classCode === 'C2026-01')
    expect(renamed).toMatchObject({ status: 'changed', changed: ['name', 'grade'] })
    expect(renamed?.next).toMatchObject({
      id: 'demo-class-g7-1',
      name: '初二(1)班',
      gradeName: '初二',
      headTeacherId: 'demo-staff-li',
    })
    const again = plan(SAMPLE_REGISTRATION, applied(book, promotionWrites(first)))
    expect(again.structure.campuses).toEqual([])
    expect(again.structure.grades.map((g) => g.status)).toEqual(['unchanged', 'unchanged', 'unchanged'])
    expect(again.structure.classes.map((c) => c.status)).toEqual(Array(6).fill('unchanged'))
  })

  it('changes the order of an existing grade', () => {
    const first = plan()
    const book = applied(demoAddressBook(), promotionWrites(first))
    const rows = ROWS.map((row) => (row.grade === '初三' ? { ...row, gradeOrder: 9 } : row))
    const again = planPromotion(rows, SAMPLE_REGISTRATION, book, {
      today: TODAY,
      graceDays: 30,
      newId: sequentialIds(),
    })
    expect(again.structure.grades.find((g) => g.next.name === '初三')).toMatchObject({
      status: 'changed',
      next: { order: 9 },
    })
  })
})

describe('student diff (B01)', () => {
  it('moves every demo student to the new class of their code and adds the newcomers with guardians', () => {
    const result = plan()
    expect(result.counts).toEqual({
      classesNew: 6,
      classesChanged: 0,
      classesAbsent: 4,
      moved: 13,
      new: 2,
      unchanged: 0,
      missing: 0,
      alumni: 0,
      anomalies: 0,
      guardians: 2,
    })
    const [chen] = entryOf(result.students.entries, '20267101')
    expect(chen).toMatchObject({ status: 'moved', fromClassId: 'demo-class-g7-1', toClassId: 'id-7' })
    expect(chen?.next).toMatchObject({
      classId: 'id-7',
      nationalStudentNo: 'M267101',
      localStudentNo: 'L20267101',
    })
    const [lin] = entryOf(result.students.entries, '20277101')
    expect(lin?.next).toMatchObject({ kind: 'student', name: '林嘉欣', classId: 'id-5', status: 'active' })
    expect(result.students.guardians[0]).toMatchObject({
      name: '林女士',
      phone: '13900000021',
      children: [{ studentId: lin?.next?.id, relationship: '母亲' }],
    })
  })

  it('finds nothing to do when the same files are applied again', () => {
    const first = plan()
    const again = plan(SAMPLE_REGISTRATION, applied(demoAddressBook(), promotionWrites(first)))
    expect(again.counts).toMatchObject({ moved: 0, new: 0, unchanged: 15, guardians: 0 })
    expect(promotionWrites(again)).toEqual({ campus: [], grade: [], class: [], student: [], guardian: [] })
  })

  it('gives every anomaly of the sample with its reason and keeps the blocking ones out', () => {
    const { students, counts } = plan(SAMPLE_REGISTRATION_WITH_ANOMALIES)
    const reasons = (no: string) => entryOf(students.entries, no).map((e) => [e.status, e.anomalies])
    expect(reasons('20267104')).toEqual([['anomaly', [{ code: 'unknownClass', detail: 'C2026-09' }]]])
    expect(reasons('20267203')).toEqual([
      ['anomaly', [{ code: 'duplicateNumber' }]],
      ['anomaly', [{ code: 'duplicateNumber' }]],
    ])
    expect(reasons('20267301')).toEqual([['anomaly', [{ code: 'nameMismatch', detail: '郑雨彤' }]]])
    expect(reasons('20277102')).toEqual([['anomaly', [{ code: 'nationalNoTaken', detail: '20267101' }]]])
    expect(reasons('20277101')).toEqual([['new', [{ code: 'missingGuardian' }]]])
    expect(entryOf(students.entries, '20267104')[0]?.next).toBeUndefined()
    expect(counts).toMatchObject({ moved: 9, new: 2, missing: 1, anomalies: 6, guardians: 1 })
  })

  it('keeps a missing student for the grace period, then makes them alumni', () => {
    const first = plan(SAMPLE_REGISTRATION_WITH_ANOMALIES)
    const [gao] = entryOf(first.students.entries, '20258103')
    expect(gao).toMatchObject({ status: 'missing', missingSince: TODAY, alumniOn: '2027-09-25' })
    expect(gao?.next).toMatchObject({ status: 'active', missingSince: TODAY })

    const book = applied(demoAddressBook(), promotionWrites(first))
    const on = (today: string) =>
      entryOf(plan(SAMPLE_REGISTRATION_WITH_ANOMALIES, book, today).students.entries, '20258103')[0]
    expect(on('2027-09-24')).toMatchObject({ status: 'missing', missingSince: TODAY })
    expect(on('2027-09-24')?.next).toBeUndefined()
    expect(on('2027-09-25')).toMatchObject({ status: 'alumni' })
    expect(on('2027-09-25')?.next).toMatchObject({
      status: 'alumni',
      leftOn: '2027-09-25',
      missingSince: TODAY,
    })
  })

  it('takes back a missing student who is in a later file', () => {
    const book = applied(demoAddressBook(), promotionWrites(plan(SAMPLE_REGISTRATION_WITH_ANOMALIES)))
    const [gao] = entryOf(plan(SAMPLE_REGISTRATION, book).students.entries, '20258103')
    expect(gao).toMatchObject({ status: 'moved', fromClassId: 'demo-class-g8-1' })
    expect(gao?.next?.missingSince).toBeUndefined()
    expect(gao?.next?.classId).toBe(book.classes.find((c) => c.code === 'C2025-01')?.id)
  })

  it('ignores students who already left, and reactivates one listed again', () => {
    const book = demoAddressBook()
    const students = book.students.map((s): Student =>
      s.studentNo === '20258103' ? { ...s, status: 'left', leftOn: '2027-01-10' } : s,
    )
    const withoutGao = {
      ...SAMPLE_REGISTRATION,
      students: SAMPLE_REGISTRATION.students.filter((s) => s.studentNo !== '20258103'),
    }
    expect(entryOf(plan(withoutGao, { ...book, students }).students.entries, '20258103')).toEqual([])
    const [gao] = entryOf(plan(SAMPLE_REGISTRATION, { ...book, students }).students.entries, '20258103')
    expect(gao?.status).toBe('moved')
    expect(gao?.next).toMatchObject({ status: 'active' })
    expect(gao?.next?.leftOn).toBeUndefined()
  })

  it('gives a new child to a guardian found by phone', () => {
    const registration = {
      ...SAMPLE_REGISTRATION,
      students: SAMPLE_REGISTRATION.students.map((s) =>
        s.studentNo === '20277101'
          ? { ...s, guardians: [{ name: '陈家长', phone: '13900000001', relationship: '父亲' }] }
          : s,
      ),
    }
    const { students } = plan(registration)
    const chen = students.guardians.find((g) => g.id === 'demo-guardian-chen')
    expect(chen?.children.map((c) => c.studentId)).toEqual([
      'demo-student-g7-1-1',
      entryOf(students.entries, '20277101')[0]?.next?.id,
    ])
  })
})

describe('preview and gate', () => {
  it('summarises per class: newest classes first, unknown codes last', () => {
    const summaries = classSummaries(plan(SAMPLE_REGISTRATION_WITH_ANOMALIES))
    expect(summaries.map((s) => [s.className, s.total, s.anomalies])).toEqual([
      ['初一(1)班', 2, 2],
      ['初一(2)班', 1, 0],
      ['初二(1)班', 3, 0],
      ['初二(2)班', 3, 1],
      ['初二(3)班', 4, 2],
      ['初二(1)班', 1, 0],
      ['初三(1)班', 2, 0],
      ['C2026-09', 1, 1],
    ])
    expect(summaries.at(-3)).toMatchObject({ id: 'demo-class-g8-1', counts: { missing: 1 } })
    expect(summaries.at(-1)).toMatchObject({ id: 'code:C2026-09', counts: { anomaly: 1 } })
  })

  it('lets an admin write every document and refuses a teacher all of them', () => {
    const writes = promotionWrites(plan(SAMPLE_REGISTRATION_WITH_ANOMALIES))
    const docs = [...writes.campus, ...writes.grade, ...writes.class, ...writes.student, ...writes.guardian]
    const book = demoAddressBook()
    const storedOf = (id: string) =>
      [...book.classes, ...book.students, ...book.guardians].find((d) => d.id === id)
    expect(refusals(docs, ADMIN, storedOf, 5)).toEqual([])
    const teacher: SessionUser = { ...ADMIN, id: 'demo-staff-li', roles: ['teacher'] }
    expect(refusals(docs, teacher, storedOf, 5)).toHaveLength(docs.length)
    const bad = { ...writes.class[0], year: 1800 } as Planned<SchoolClass>
    expect(refusals([bad], ADMIN, storedOf, 5)[0]).toMatch(/year/)
  })
})
