// The "large school" data set of DESIGN §11, generated deterministically (same seed, same documents).
import type { CollectionName } from '../domain/collections.ts'
import type { WireDocument } from '../domain/documents.ts'
import { seededRandom } from '../test/support/seeded-random.ts'

export const LARGE_SCHOOL = {
  classes: 60,
  students: 2400,
  guardians: 4000,
  staff: 200,
  subjects: 30,
  locations: 80,
  /** Until lessons, questions, chapters and articles exist, the existing collections are padded to this. */
  totalDocuments: 70_000,
}

export type SeedDocuments = Partial<Record<CollectionName, WireDocument[]>>

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈',
]
const GIVEN = [
  ...'伟芳娜秀敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍鹏辉玲桂芝晨宇浩然子涵欣怡梓轩雨泽思远',
]
const GRADES = ['初一', '初二', '初三', '高一', '高二', '高三']
const RELATIONSHIPS = ['父亲', '母亲', '祖父', '祖母', '外祖父', '外祖母']

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0')
}

export function generateLargeSchool(schoolId: string, seed = 20261124): SeedDocuments {
  const next = seededRandom(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T
  const personName = () => pick(SURNAMES) + pick(GIVEN) + (next() < 0.6 ? pick(GIVEN) : '')
  const base = (kind: string, id: string) => ({
    id,
    kind,
    schoolId,
    updatedAt: 1_764_000_000_000,
    _deleted: false,
  })

  const subjects = Array.from({ length: LARGE_SCHOOL.subjects }, (_, i) => ({
    ...base('subject', `subject-${pad(i, 3)}`),
    name: `科目${pad(i + 1, 2)}`,
    code: `s${pad(i + 1, 2)}`,
    enabled: true,
  }))
  const locations = Array.from({ length: LARGE_SCHOOL.locations }, (_, i) => ({
    ...base('location', `location-${pad(i, 3)}`),
    name: `教学楼${String.fromCharCode(65 + Math.floor(i / 20))}${pad((i % 20) + 101, 3)}`,
    enabled: true,
    editable: true,
    multiClass: i % 20 === 19,
    capacity: 50,
  }))
  const staff = Array.from({ length: LARGE_SCHOOL.staff }, (_, i) => ({
    ...base('staff', `staff-${pad(i, 4)}`),
    name: personName(),
    phone: `137${pad(i, 8)}`,
    staffNo: `T${pad(i, 4)}`,
    departmentIds: [],
    tags: [],
    teaches: i < 180,
  }))
  const classes = Array.from({ length: LARGE_SCHOOL.classes }, (_, i) => ({
    ...base('class', `class-${pad(i, 3)}`),
    name: `${GRADES[Math.floor(i / 10)]}(${(i % 10) + 1})班`,
    gradeName: GRADES[Math.floor(i / 10)] as string,
    year: 2026 - (Math.floor(i / 10) % 3),
    headTeacherId: `staff-${pad(i, 4)}`,
    subjectTeachers: Array.from({ length: 8 }, (_, s) => ({
      subjectId: `subject-${pad(s, 3)}`,
      staffId: `staff-${pad((i * 3 + s * 7) % 180, 4)}`,
    })),
  }))
  const students = Array.from({ length: LARGE_SCHOOL.students }, (_, i) => ({
    ...base('student', `student-${pad(i, 5)}`),
    name: personName(),
    studentNo: `S${pad(i, 6)}`,
    classId: `class-${pad(i % LARGE_SCHOOL.classes, 3)}`,
    status: 'active',
    ...(next() < 0.9 ? { nationalStudentNo: `G${pad(i, 12)}` } : {}),
  }))
  const guardians = Array.from({ length: LARGE_SCHOOL.guardians }, (_, i) => ({
    ...base('guardian', `guardian-${pad(i, 5)}`),
    name: personName(),
    phone: `139${pad(i, 8)}`,
    children: [
      { studentId: `student-${pad(i % LARGE_SCHOOL.students, 5)}`, relationship: pick(RELATIONSHIPS) },
    ],
  }))
  const realistic =
    subjects.length + locations.length + staff.length + classes.length + students.length + guardians.length
  const padding = Array.from({ length: Math.max(0, LARGE_SCHOOL.totalDocuments - realistic) }, (_, i) => ({
    ...base('location', `padding-${pad(i, 6)}`),
    name: `储物间${pad(i, 6)}`,
    enabled: false,
    editable: true,
    multiClass: false,
    remark: '基准测试填充数据',
  }))
  return {
    catalog: [...subjects, ...locations, ...padding],
    org: [...staff, ...classes, ...students, ...guardians],
  } as SeedDocuments
}
