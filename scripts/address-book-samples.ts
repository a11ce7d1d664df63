// Writes the address-book sample files of docs/samples/ (walk point 7): a realistic school term's staff, classes
// and students with guardians for the demo school, and a students file with the mistakes people make. The import
// dialog offers them; scripts/address-book-samples.test.ts imports them into the demo school.
//   node scripts/address-book-samples.ts     (rewrites the .xlsx files)
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { COLUMNS, headerOf } from '../domain/org/import/columns.ts'
import type { FormatSheet } from '../domain/org/import/export.ts'
import type { ImportType } from '../domain/org/import/report.ts'
import { writeTables } from '../renderer/src/ui/excel/workbook.ts'

export interface SampleFile {
  /** The file name under docs/samples/. */
  file: string
  type: ImportType
  sheet: FormatSheet
}

export const SAMPLES_DIR = join(import.meta.dirname, '..', 'docs', 'samples')

/** Rows keyed by column: a sample lists only the columns it fills, in the format's order. */
type SampleRow = Partial<Record<string, string>>

function sheetOf(type: ImportType, name: string, rows: readonly SampleRow[]): FormatSheet {
  const columns = COLUMNS[type]
  return {
    name,
    columns: columns.map((spec) => ({ header: headerOf(spec, 'zh-CN'), width: spec.width })),
    rows: rows.map((row) => columns.map((spec) => row[spec.key] ?? '')),
  }
}

const STAFF: SampleRow[] = [
  // An existing teacher of the demo school: the import updates her instead of adding a second one.
  {
    name: '李老师',
    phone: '13800000002',
    staffNo: 'T0002',
    position: '数学教师',
    departments: '教务处/数学组',
    tags: '班主任',
    teaches: '是',
  },
  ...(
    [
      ['赵敏', '语文教师', '教务处/语文组', '骨干教师'],
      ['钱进', '数学教师', '教务处/数学组', ''],
      ['孙丽', '英语教师', '教务处/英语组', '骨干教师'],
      ['李强', '物理教师', '教务处/理化生组', ''],
      ['周静', '化学教师', '教务处/理化生组', '新教师'],
      ['吴刚', '体育教师', '教务处/体艺组', ''],
      ['郑洁', '音乐教师', '教务处/体艺组', ''],
      ['王芳', '初二年级组长', '年级组/初二年级组、教务处/语文组', '班主任、骨干教师'],
      ['冯伟', '信息技术教师', '信息中心', ''],
    ] as const
  ).map(([name, position, departments, tags], i) => ({
    name,
    phone: `138000000${21 + i}`,
    staffNo: `T00${21 + i}`,
    position,
    departments,
    tags,
    teaches: '是',
    admin: '否',
  })),
  {
    name: '陈红',
    phone: '13800000030',
    staffNo: 'A0030',
    position: '总务处干事',
    departments: '总务处',
    teaches: '否',
    admin: '否',
  },
]

const SUBJECT_TEACHERS = '语文:赵敏、数学:钱进、英语:孙丽、物理:李强、体育与健康:吴刚、音乐:郑洁'

const CLASSES: SampleRow[] = [
  { grade: '初二', name: '初二(2)班', year: '2025', code: '8A02', headTeacher: '王芳' },
  { grade: '初二', name: '初二(3)班', year: '2025', code: '8A03', headTeacher: '赵敏' },
].map((row) => ({ ...row, subjectTeachers: SUBJECT_TEACHERS }))

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈'
const GIVEN_NAMES = [
  '子涵',
  '欣怡',
  '梓轩',
  '雨桐',
  '浩然',
  '诗涵',
  '宇航',
  '思彤',
  '俊熙',
  '可馨',
  '博文',
  '雨萱',
  '皓轩',
  '若曦',
  '明杰',
  '佳琪',
  '天佑',
  '语嫣',
  '一鸣',
  '梦瑶',
  '泽宇',
  '心怡',
  '子墨',
  '嘉怡',
]
const RELATIONSHIPS = [
  ['父亲', '母亲'],
  ['母亲', '父亲'],
  ['母亲', ''],
  ['爷爷', '奶奶'],
] as const

/** The check character of a mainland ID number (GB 11643: ISO 7064 MOD 11-2). */
function idNumber(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((total, digit, i) => total + Number(digit) * (weights[i] ?? 0), 0)
  return first17 + '10X98765432'[sum % 11]
}

function student(classIndex: number, i: number): SampleRow {
  const n = classIndex * GIVEN_NAMES.length + i
  const surname = SURNAMES[n % SURNAMES.length] ?? '王'
  const given = GIVEN_NAMES[(i * 7 + classIndex * 5) % GIVEN_NAMES.length] ?? '子涵'
  const studentNo = `202508${String(classIndex + 2).padStart(2, '0')}${String(i + 1).padStart(2, '0')}`
  const birthday = `2012${String((n % 12) + 1).padStart(2, '0')}${String((n % 28) + 1).padStart(2, '0')}`
  const [first, second] = RELATIONSHIPS[n % RELATIONSHIPS.length] ?? RELATIONSHIPS[0]
  const guardian = (relationship: string, k: number): SampleRow =>
    relationship
      ? {
          [`guardian${k}Name`]: `${relationship === '母亲' || relationship === '奶奶' ? '林' : surname}${given.slice(0, 1)}${k === 1 ? '华' : '英'}`,
          [`guardian${k}Relationship`]: relationship,
          [`guardian${k}Phone`]: `139${String(10_000_000 + n * 2 + k).slice(0, 8)}`,
        }
      : {}
  return {
    name: surname + given,
    studentNo,
    nationalStudentNo: `G${idNumber(`440106${birthday}${String(100 + n).slice(-3)}`)}`,
    idNumber: idNumber(`440106${birthday}${String(100 + n).slice(-3)}`),
    class: `初二(${classIndex + 2})班`,
    ...guardian(first, 1),
    ...guardian(second, 2),
  }
}

const STUDENTS: SampleRow[] = [0, 1].flatMap((classIndex) =>
  GIVEN_NAMES.map((_, i) => student(classIndex, i)),
)
// Twins: one guardian for two children, matched by phone.
const twin = STUDENTS[1]
if (twin) STUDENTS.splice(2, 0, { ...twin, name: `${twin.name?.slice(0, 1)}思远`, studentNo: '2025080299' })

/** Rows as people get them wrong, each with one mistake the import reports (the test checks which). */
export const STUDENT_MISTAKES: [row: SampleRow, code: string][] = [
  [{ ...student(0, 0), class: '初三(9)班' }, 'unknownClass'],
  [{ ...student(0, 1), guardian1Phone: '1390000abcd' }, 'invalidPhone'],
  [{ ...student(0, 2), guardian1Phone: '' }, 'guardianIncomplete'],
  [{ ...student(0, 3), idNumber: '44010620120101' }, 'invalidIdNumber'],
  // The same student number twice: both rows are reported.
  [student(0, 4), 'duplicateInFile'],
  [{ ...student(0, 5), studentNo: student(0, 4).studentNo }, 'duplicateInFile'],
]

function withMistakes(): SampleRow[] {
  const good = [6, 7, 8, 9, 10, 11].map((i) => student(0, i))
  return [...STUDENT_MISTAKES.map(([row]) => row), ...good]
}

export const SAMPLE_FILES: SampleFile[] = [
  { file: 'address-book-1-staff.xlsx', type: 'staff', sheet: sheetOf('staff', '教职工', STAFF) },
  { file: 'address-book-2-classes.xlsx', type: 'classes', sheet: sheetOf('classes', '班级', CLASSES) },
  {
    file: 'address-book-3-students.xlsx',
    type: 'students',
    sheet: sheetOf('students', '学生及家长', STUDENTS),
  },
  {
    file: 'address-book-students-with-errors.xlsx',
    type: 'students',
    sheet: sheetOf('students', '学生及家长', withMistakes()),
  },
]

async function writeSamples(): Promise<void> {
  for (const sample of SAMPLE_FILES) {
    writeFileSync(join(SAMPLES_DIR, sample.file), await writeTables([sample.sheet]))
    console.log(`wrote docs/samples/${sample.file} (${sample.sheet.rows.length} rows)`)
  }
}

if (import.meta.main) await writeSamples()
