// The sample files of docs/samples/ (written from these by test/promotion/write-samples.ts) for the demo
// school: its 2026/27 classes (初一 three classes, 初二 one) promoted to the 2027/28 school year.
import type { RegisteredStudent, RegistrationFile } from './registration-file.ts'

export const SAMPLE_FILES = {
  structure: 'b08-classes-2027.xlsx',
  registration: 'b01-students-2027.json',
  registrationWithAnomalies: 'b01-students-2027-anomalies.json',
} as const

export const SAMPLE_STRUCTURE: string[][] = [
  ['校区', '年级', '年级顺序', '入学年份', '班级名称', '班级代码'],
  ['本部', '初一', '1', '2027', '初一(1)班', 'C2027-01'],
  ['本部', '初一', '1', '2027', '初一(2)班', 'C2027-02'],
  ['本部', '初二', '2', '2026', '初二(1)班', 'C2026-01'],
  ['本部', '初二', '2', '2026', '初二(2)班', 'C2026-02'],
  ['本部', '初二', '2', '2026', '初二(3)班', 'C2026-03'],
  ['本部', '初三', '3', '2025', '初三(1)班', 'C2025-01'],
]

/** The demo school's students (sync-server/src/seed/demo.ts) by class code of the new year. */
const PROMOTED: [classCode: string, students: [studentNo: string, name: string][]][] = [
  [
    'C2026-01',
    [
      ['20267101', '陈小明'],
      ['20267102', '刘一诺'],
      ['20267103', '王子涵'],
      ['20267104', '赵雨泽'],
    ],
  ],
  [
    'C2026-02',
    [
      ['20267201', '孙浩然'],
      ['20267202', '周欣怡'],
      ['20267203', '吴思远'],
    ],
  ],
  [
    'C2026-03',
    [
      ['20267301', '郑雨彤'],
      ['20267302', '黄俊杰'],
      ['20267303', '徐铭轩'],
    ],
  ],
  [
    'C2025-01',
    [
      ['20258101', '马欣悦'],
      ['20258102', '罗浩宇'],
      ['20258103', '高诗琪'],
    ],
  ],
]

const nationalNo = (studentNo: string) => `M${studentNo.slice(2)}`

const promoted: RegisteredStudent[] = PROMOTED.flatMap(([classCode, students]) =>
  students.map(([studentNo, name]) => ({
    studentNo,
    nationalStudentNo: nationalNo(studentNo),
    localStudentNo: `L${studentNo}`,
    name,
    classCode,
  })),
)

const newcomers: RegisteredStudent[] = [
  {
    studentNo: '20277101',
    nationalStudentNo: nationalNo('20277101'),
    name: '林嘉欣',
    classCode: 'C2027-01',
    guardians: [{ name: '林女士', phone: '13900000021', relationship: '母亲' }],
  },
  {
    studentNo: '20277201',
    nationalStudentNo: nationalNo('20277201'),
    name: '何俊熙',
    classCode: 'C2027-02',
    guardians: [{ name: '何先生', phone: '13900000022', relationship: '父亲' }],
  },
]

export const SAMPLE_REGISTRATION: RegistrationFile = {
  schoolYear: 2027,
  exportedAt: '2027-08-20T10:00:00+08:00',
  students: [...promoted, ...newcomers],
}

function withAnomalies(file: RegistrationFile): RegistrationFile {
  const students = file.students.flatMap((student): RegisteredStudent[] => {
    switch (student.studentNo) {
      case '20267104':
        return [{ ...student, classCode: 'C2026-09' }] // unknownClass
      case '20267203':
        return [student, { ...student, classCode: 'C2026-03' }] // duplicateNumber (both rows)
      case '20267301':
        return [{ ...student, name: '郑雨桐' }] // nameMismatch (the address book has 郑雨彤)
      case '20277101':
        return [{ ...student, guardians: [] }] // missingGuardian (a warning: still added)
      case '20258103':
        return [] // missing from the file
      default:
        return [student]
    }
  })
  // nationalNoTaken: 陈小明's national number given to a newcomer.
  const taken: RegisteredStudent = {
    studentNo: '20277102',
    nationalStudentNo: nationalNo('20267101'),
    name: '梁子晴',
    classCode: 'C2027-01',
    guardians: [{ name: '梁先生', phone: '13900000023', relationship: '父亲' }],
  }
  return { ...file, students: [...students, taken] }
}

export const SAMPLE_REGISTRATION_WITH_ANOMALIES: RegistrationFile = withAnomalies(SAMPLE_REGISTRATION)
