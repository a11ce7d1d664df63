// Test fixtures: the demo school's address book as seeded (sync-server/src/seed/demo.ts), before promotion.
import type { Guardian } from '../guardian.ts'
import type { SchoolClass } from '../school-class.ts'
import type { Student } from '../student.ts'
import type { AddressBook } from './plan.ts'

const common = { schoolId: 'demo', updatedAt: 1 }

const CLASSES: [key: string, name: string, gradeName: string, year: number, students: string[]][] = [
  ['g7-1', '初一(1)班', '初一', 2026, ['陈小明', '刘一诺', '王子涵', '赵雨泽']],
  ['g7-2', '初一(2)班', '初一', 2026, ['孙浩然', '周欣怡', '吴思远']],
  ['g7-3', '初一(3)班', '初一', 2026, ['郑雨彤', '黄俊杰', '徐铭轩']],
  ['g8-1', '初二(1)班', '初二', 2025, ['马欣悦', '罗浩宇', '高诗琪']],
]

export function demoAddressBook(): AddressBook {
  const classes = CLASSES.map(([key, name, gradeName, year]): SchoolClass => ({
    ...common,
    id: `demo-class-${key}`,
    kind: 'class',
    name,
    gradeName,
    year,
    subjectTeachers: [],
  }))
  const students = CLASSES.flatMap(([key, , , year, names]) =>
    names.map((name, i): Student => ({
      ...common,
      id: `demo-student-${key}-${i + 1}`,
      kind: 'student',
      name,
      studentNo: `${year}${key.replace(/\D/g, '')}${String(i + 1).padStart(2, '0')}`,
      classId: `demo-class-${key}`,
      status: 'active',
    })),
  )
  const guardians: Guardian[] = [
    {
      ...common,
      id: 'demo-guardian-chen',
      kind: 'guardian',
      name: '陈家长',
      phone: '13900000001',
      children: [{ studentId: 'demo-student-g7-1-1', relationship: '父亲' }],
    },
  ]
  return { campuses: [], grades: [], classes, students, guardians }
}

/** Ids `id-1`, `id-2`… in call order, so that expectations can name them. */
export function sequentialIds(): () => string {
  let n = 0
  return () => `id-${++n}`
}
