import { describe, expect, it } from 'vitest'
import type { Guardian } from './guardian.ts'
import { guardianEntriesOf, guardiansByStudent, planGuardians, studentNoOwner } from './student-guardians.ts'
import type { Student } from './student.ts'

const common = { schoolId: 's', updatedAt: 1 }
const guardian = (id: string, phone: string, children: [string, string][]): Guardian => ({
  ...common,
  id,
  kind: 'guardian',
  name: `家长${id}`,
  phone,
  children: children.map(([studentId, relationship]) => ({ studentId, relationship })),
})
const student = (id: string, studentNo: string): Student => ({
  ...common,
  id,
  kind: 'student',
  name: `学生${id}`,
  studentNo,
  classId: 'c1',
  status: 'active',
})

describe('guardiansByStudent', () => {
  it('lists every guardian of a child, one guardian for several children', () => {
    const map = guardiansByStudent([
      guardian('chen', '13900000001', [
        ['s1', '父亲'],
        ['s2', '父亲'],
      ]),
      guardian('li', '13900000002', [['s1', '母亲']]),
    ])
    expect(map.get('s1')?.map((g) => `${g.name}（${g.relationship}）${g.phone}`)).toEqual([
      '家长chen（父亲）13900000001',
      '家长li（母亲）13900000002',
    ])
    expect(map.get('s2')).toHaveLength(1)
    expect(guardianEntriesOf('s2', [guardian('chen', '13900000001', [['s2', '父亲']])])).toEqual([
      { name: '家长chen', relationship: '父亲', phone: '13900000001' },
    ])
  })
})

describe('studentNoOwner', () => {
  const students = [student('a', '2026101'), student('b', '2026102')]
  it('names the other student with that number, trimmed; never the student being edited', () => {
    expect(studentNoOwner(' 2026102 ', students, null)?.id).toBe('b')
    expect(studentNoOwner('2026102', students, 'b')).toBeUndefined()
    expect(studentNoOwner('2026199', students, null)).toBeUndefined()
  })
})

describe('planGuardians', () => {
  const chen = guardian('chen', '13900000001', [['s1', '父亲']])

  it('links an existing guardian by phone (child appended, name kept) instead of creating a duplicate', () => {
    const plan = planGuardians(
      's9',
      [{ name: '陈爸爸', relationship: ' 父亲 ', phone: '13900000001' }],
      [chen],
    )
    expect(plan).toEqual({
      inserts: [],
      patches: [
        {
          id: 'chen',
          children: [
            { studentId: 's1', relationship: '父亲' },
            { studentId: 's9', relationship: '父亲' },
          ],
        },
      ],
      removes: [],
    })
  })

  it('creates new guardians, skips blank rows and a phone entered twice', () => {
    const plan = planGuardians(
      's9',
      [
        { name: '王妈妈', relationship: '母亲', phone: '13900000009' },
        { name: '', relationship: '', phone: '' },
        { name: '王妈妈', relationship: '母亲', phone: '13900000009' },
      ],
      [chen],
    )
    expect(plan.inserts).toEqual([
      { name: '王妈妈', phone: '13900000009', children: [{ studentId: 's9', relationship: '母亲' }] },
    ])
    expect(plan.patches).toEqual([])
  })

  it('changes nothing when the rows are what is stored; updates a changed relationship in place', () => {
    const both = guardian('chen', '13900000001', [
      ['s1', '父亲'],
      ['s2', '父亲'],
    ])
    const same = planGuardians(
      's1',
      [{ name: '家长chen', relationship: '父亲', phone: '13900000001' }],
      [both],
    )
    expect(same).toEqual({ inserts: [], patches: [], removes: [] })
    const changed = planGuardians(
      's1',
      [{ name: '家长chen', relationship: '祖父', phone: '13900000001' }],
      [both],
    )
    expect(changed.patches[0]?.children).toEqual([
      { studentId: 's1', relationship: '祖父' },
      { studentId: 's2', relationship: '父亲' },
    ])
  })

  it('unlinks guardians no longer named: patched when they keep another child, removed otherwise', () => {
    const both = guardian('both', '13900000002', [
      ['s1', '母亲'],
      ['s2', '母亲'],
    ])
    const plan = planGuardians('s1', [], [chen, both])
    expect(plan.removes).toEqual(['chen'])
    expect(plan.patches).toEqual([{ id: 'both', children: [{ studentId: 's2', relationship: '母亲' }] }])
  })
})
