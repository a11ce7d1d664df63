import type { Guardian } from '../guardian.ts'
import type { SchoolClass } from '../school-class.ts'
import type { Staff } from '../staff.ts'
import type { Student } from '../student.ts'
import type { AddressBook } from './report.ts'

// A small school (the demo seed's names) for the import tests.

const common = { schoolId: 'demo', updatedAt: 1 }

const staff = (id: string, name: string, phone: string, extra: Partial<Staff> = {}): Staff => ({
  ...common,
  id,
  kind: 'staff',
  name,
  phone,
  departmentIds: [],
  tags: [],
  teaches: true,
  ...extra,
})

const schoolClass = (id: string, name: string, gradeName: string): SchoolClass => ({
  ...common,
  id,
  kind: 'class',
  name,
  gradeName,
  year: 2026,
  subjectTeachers: [],
  ...(gradeName === '初一' ? { gradeId: 'gr1' } : {}),
})

export const DEMO_CLASS_NAMES = ['初一(1)班', '初一(2)班', '初一(3)班', '初二(1)班'] as const

export function testBook(): AddressBook {
  const student: Student = {
    ...common,
    id: 'p1',
    kind: 'student',
    name: '陈小明',
    studentNo: 'S001',
    classId: 'c1',
    status: 'active',
  }
  const guardian: Guardian = {
    ...common,
    id: 'g1',
    kind: 'guardian',
    name: '陈家长',
    phone: '13900000001',
    children: [{ studentId: 'p1', relationship: '父亲' }],
  }
  return {
    departments: [
      { ...common, id: 'd1', kind: 'department', name: '教务处', order: 0 },
      { ...common, id: 'd2', kind: 'department', name: '数学组', order: 0, parentId: 'd1' },
    ],
    staff: [
      staff('st1', '李老师', '13800000002', { staffNo: 'T001' }),
      staff('st2', '张老师', '13800000003'),
      staff('st3', '王老师', '13800000008'),
      staff('st4', '王老师', '13800000009'),
    ],
    campuses: [{ ...common, id: 'cp1', kind: 'campus', name: '本部', order: 0 }],
    grades: [{ ...common, id: 'gr1', kind: 'grade', name: '初一', campusId: 'cp1', order: 0 }],
    classes: DEMO_CLASS_NAMES.map((name, i) => schoolClass(`c${i + 1}`, name, name.slice(0, 2))),
    students: [student],
    guardians: [guardian],
    subjects: [
      { ...common, id: 'math', kind: 'subject', name: '数学', code: 'MATH', enabled: true },
      { ...common, id: 'chinese', kind: 'subject', name: '语文', enabled: true },
    ],
  }
}
