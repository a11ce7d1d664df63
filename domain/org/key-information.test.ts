import { describe, expect, it } from 'vitest'
import { keyInformationReport } from './key-information.ts'
import type { SchoolClass } from './school-class.ts'
import type { Student } from './student.ts'

const common = { schoolId: 's', updatedAt: 1 }
const schoolClass = (id: string, name: string): SchoolClass => ({
  ...common,
  id,
  kind: 'class',
  name,
  gradeName: '初一',
  year: 2026,
  subjectTeachers: [],
})
const student = (id: string, classId: string, fields: Partial<Student> = {}): Student => ({
  ...common,
  id,
  kind: 'student',
  name: id,
  studentNo: id,
  classId,
  status: 'active',
  ...fields,
})
const complete = { nationalStudentNo: 'G1', localStudentNo: 'L1', idNumber: '440101' }

describe('keyInformationReport', () => {
  it('lists active students lacking national/local student no. or ID number, and counts per class', () => {
    const report = keyInformationReport(
      [schoolClass('c1', '初一(1)班'), schoolClass('c2', '初一(2)班')],
      [
        student('a', 'c1', complete),
        student('b', 'c1', { ...complete, idNumber: ' ' }),
        student('c', 'c1', { status: 'left' }),
        student('d', 'c2'),
        student('e', 'c3'),
      ],
    )
    expect(report.perClass).toEqual([
      { classId: 'c1', className: '初一(1)班', active: 2, incomplete: 1 },
      { classId: 'c2', className: '初一(2)班', active: 1, incomplete: 1 },
    ])
    expect(report.incomplete.map((r) => [r.student.id, r.className, r.missing])).toEqual([
      ['b', '初一(1)班', ['idNumber']],
      ['d', '初一(2)班', ['nationalStudentNo', 'localStudentNo', 'idNumber']],
    ])
  })
})
