// The demo schools of `npm start` and the tests: the address book and reference data, in one place. Accounts
// are derived from the address book as for any school; the demo people then get the demo password.
import type { Role } from '../../../domain/auth/roles.ts'
import type { Location } from '../../../domain/catalog/location.ts'
import type { Subject } from '../../../domain/catalog/subject.ts'
import type { Term } from '../../../domain/catalog/term.ts'
import type { CollectionName } from '../../../domain/collections.ts'
import type { BaseDocument, WireDocument } from '../../../domain/documents.ts'
import { holidayRanges } from '../../../domain/events/calendar-event.ts'
import type { Guardian } from '../../../domain/org/guardian.ts'
import type { SchoolClass } from '../../../domain/org/school-class.ts'
import type { Staff } from '../../../domain/org/staff.ts'
import type { Student } from '../../../domain/org/student.ts'
import { reconcileSchool } from '../accounts/deriver.ts'
import { hashPassword, initialPassword } from '../auth/passwords.ts'
import type { School, Store } from '../store/index.ts'
import { demoHolidays } from './demo-calendar.ts'
import { seedDemoCourse } from './demo-course.ts'
import { seedDemoNotices } from './demo-notices.ts'
import { seedDemoSite } from './demo-site.ts'
import { demoTimetableDocuments } from './demo-timetable.ts'

export const DEMO_PASSWORD = 'demo-2026'

/** One login identity; a person with several identities has one of these per identity, all with one phone. */
interface DemoPerson {
  id: string
  name: string
  phone: string
  roles: Role[]
  /** The staff document's position; by default 校长 for an admin, 教师 for a teacher. */
  position?: string
  /** Starts on the initial password (the last 6 digits of the phone) and must change it at first login. */
  initialPassword?: true
}

interface LocationSpec {
  key: string
  name: string
  capacity?: number
  multiClass?: boolean
}

interface ClassSpec {
  key: string
  name: string
  gradeName: string
  /** The school year the class started; by default this one. */
  year?: number
  /** Staff ids (the `id` of a person). */
  headTeacher: string
  subjectTeachers: [subjectCode: string, staffId: string][]
  students: [key: string, name: string][]
}

interface GuardianSpec {
  /** The id of the guardian's login identity (one of `people`). */
  person: string
  children: [studentKey: string, relationship: string][]
}

interface DemoSchool {
  school: School
  people: DemoPerson[]
  subjects: [name: string, code: string][]
  locations: LocationSpec[]
  classes: ClassSpec[]
  guardians: GuardianSpec[]
}

const SUBJECTS: DemoSchool['subjects'] = [
  ['语文', 'chinese'],
  ['数学', 'math'],
  ['英语', 'english'],
  ['物理', 'physics'],
  ['化学', 'chemistry'],
  ['生物', 'biology'],
  ['历史', 'history'],
  ['地理', 'geography'],
  ['道德与法治', 'ethics'],
  ['音乐', 'music'],
  ['美术', 'art'],
  ['体育与健康', 'pe'],
  ['信息技术', 'it'],
]

function classrooms(count: number): LocationSpec[] {
  return Array.from({ length: count }, (_, i) => {
    const room = `A${101 + i}`
    return { key: room.toLowerCase(), name: `教学楼${room}`, capacity: 50 }
  })
}

const SPECIAL_ROOMS: LocationSpec[] = [
  { key: 'physics-lab', name: '物理实验室', capacity: 50 },
  { key: 'chemistry-lab', name: '化学实验室', capacity: 50 },
  { key: 'computer-room', name: '计算机房', capacity: 60 },
  { key: 'music-room', name: '音乐教室', capacity: 60 },
  { key: 'art-room', name: '美术教室', capacity: 50 },
  { key: 'library', name: '图书馆', capacity: 200, multiClass: true },
  { key: 'playground', name: '操场', multiClass: true },
  { key: 'gym', name: '体育馆', capacity: 400, multiClass: true },
]

const SCHOOL_YEAR = 2026

const DEMO_SCHOOLS: DemoSchool[] = [
  {
    school: { id: 'demo', code: 'demo', name: '示范学校' },
    people: [
      { id: 'demo-staff-wang', name: '王校长', phone: '13800000001', roles: ['admin'] },
      { id: 'demo-staff-li', name: '李老师', phone: '13800000002', roles: ['teacher'] },
      { id: 'demo-staff-zhang', name: '张老师', phone: '13800000003', roles: ['teacher'] },
      { id: 'demo-staff-liu', name: '刘老师', phone: '13800000004', roles: ['teacher'] },
      { id: 'demo-staff-sun', name: '孙老师', phone: '13800000005', roles: ['teacher'] },
      { id: 'demo-staff-zhou', name: '周老师', phone: '13800000006', roles: ['teacher'] },
      {
        id: 'demo-staff-qian',
        name: '钱主任',
        phone: '13800000007',
        roles: ['admin'],
        position: '教务处主任',
      },
      { id: 'demo-staff-yang', name: '杨老师', phone: '13800000008', roles: ['teacher'] },
      { id: 'demo-staff-feng', name: '冯老师', phone: '13800000009', roles: ['teacher'] },
      { id: 'demo-staff-guo', name: '郭老师', phone: '13800000010', roles: ['teacher'] },
      { id: 'demo-staff-hu', name: '胡老师', phone: '13800000011', roles: ['teacher'] },
      { id: 'demo-staff-zhu', name: '朱老师', phone: '13800000012', roles: ['teacher'] },
      { id: 'demo-staff-xie', name: '谢老师', phone: '13800000013', roles: ['teacher'] },
      { id: 'demo-staff-han', name: '韩老师', phone: '13800000014', roles: ['teacher'] },
      { id: 'demo-guardian-chen', name: '陈家长', phone: '13900000001', roles: ['guardian'] },
      {
        id: 'demo-guardian-liu',
        name: '刘家长',
        phone: '13900000002',
        roles: ['guardian'],
        initialPassword: true,
      },
      // 张老师 is also a parent here (AUTH-4): a second identity with the same phone.
      { id: 'demo-guardian-zhang', name: '张老师', phone: '13800000003', roles: ['guardian'] },
    ],
    subjects: SUBJECTS,
    locations: [...classrooms(10), ...SPECIAL_ROOMS],
    classes: [
      {
        key: 'g7-1',
        name: '初一(1)班',
        gradeName: '初一',
        headTeacher: 'demo-staff-li',
        subjectTeachers: [
          ['math', 'demo-staff-li'],
          ['english', 'demo-staff-liu'],
          ['biology', 'demo-staff-zhou'],
          ['pe', 'demo-staff-sun'],
          ['chinese', 'demo-staff-yang'],
          ['physics', 'demo-staff-zhou'],
          ['chemistry', 'demo-staff-guo'],
          ['history', 'demo-staff-yang'],
          ['geography', 'demo-staff-hu'],
          ['ethics', 'demo-staff-zhu'],
          ['music', 'demo-staff-xie'],
          ['art', 'demo-staff-xie'],
          ['it', 'demo-staff-han'],
        ],
        students: [
          ['chen-xiaoming', '陈小明'],
          ['liu-yinuo', '刘一诺'],
          ['wang-zihan', '王子涵'],
          ['zhao-yuze', '赵雨泽'],
        ],
      },
      {
        key: 'g7-2',
        name: '初一(2)班',
        gradeName: '初一',
        headTeacher: 'demo-staff-zhang',
        subjectTeachers: [
          ['chinese', 'demo-staff-zhang'],
          ['english', 'demo-staff-liu'],
          ['biology', 'demo-staff-zhou'],
          ['pe', 'demo-staff-sun'],
          ['math', 'demo-staff-feng'],
          ['physics', 'demo-staff-zhou'],
          ['chemistry', 'demo-staff-guo'],
          ['history', 'demo-staff-yang'],
          ['geography', 'demo-staff-hu'],
          ['ethics', 'demo-staff-zhu'],
          ['music', 'demo-staff-xie'],
          ['art', 'demo-staff-xie'],
          ['it', 'demo-staff-han'],
        ],
        students: [
          ['sun-haoran', '孙浩然'],
          ['zhou-xinyi', '周欣怡'],
          ['wu-siyuan', '吴思远'],
        ],
      },
      {
        key: 'g7-3',
        name: '初一(3)班',
        gradeName: '初一',
        headTeacher: 'demo-staff-liu',
        subjectTeachers: [
          ['english', 'demo-staff-liu'],
          ['chinese', 'demo-staff-zhang'],
          ['math', 'demo-staff-li'],
          ['pe', 'demo-staff-sun'],
          ['physics', 'demo-staff-guo'],
          ['chemistry', 'demo-staff-guo'],
          ['biology', 'demo-staff-hu'],
          ['history', 'demo-staff-yang'],
          ['geography', 'demo-staff-hu'],
          ['ethics', 'demo-staff-zhu'],
          ['music', 'demo-staff-xie'],
          ['art', 'demo-staff-xie'],
          ['it', 'demo-staff-han'],
        ],
        students: [
          ['zheng-yutong', '郑雨彤'],
          ['huang-junjie', '黄俊杰'],
          ['xu-mingxuan', '徐铭轩'],
        ],
      },
      {
        key: 'g8-1',
        name: '初二(1)班',
        gradeName: '初二',
        year: SCHOOL_YEAR - 1,
        headTeacher: 'demo-staff-zhou',
        subjectTeachers: [
          ['physics', 'demo-staff-zhou'],
          ['chinese', 'demo-staff-zhang'],
          ['english', 'demo-staff-liu'],
          ['pe', 'demo-staff-sun'],
          ['math', 'demo-staff-feng'],
          ['chemistry', 'demo-staff-guo'],
          ['biology', 'demo-staff-zhou'],
          ['history', 'demo-staff-yang'],
          ['geography', 'demo-staff-hu'],
          ['ethics', 'demo-staff-zhu'],
          ['music', 'demo-staff-xie'],
          ['art', 'demo-staff-xie'],
          ['it', 'demo-staff-han'],
        ],
        students: [
          ['ma-xinyue', '马欣悦'],
          ['luo-haoyu', '罗浩宇'],
          ['gao-shiqi', '高诗琪'],
        ],
      },
    ],
    guardians: [
      { person: 'demo-guardian-chen', children: [['chen-xiaoming', '父亲']] },
      { person: 'demo-guardian-liu', children: [['liu-yinuo', '父亲']] },
      { person: 'demo-guardian-zhang', children: [['zhou-xinyi', '母亲']] },
    ],
  },
  {
    school: { id: 'demo2', code: 'second', name: '第二示范学校' },
    people: [
      { id: 'demo2-staff-zhao', name: '赵校长', phone: '13800000101', roles: ['admin'] },
      { id: 'demo2-staff-qian', name: '钱老师', phone: '13800000102', roles: ['teacher'] },
    ],
    subjects: SUBJECTS.filter(([, code]) => ['chinese', 'math', 'english', 'pe'].includes(code)),
    locations: [...classrooms(4), { key: 'playground', name: '操场', multiClass: true }],
    classes: [
      {
        key: 'g1-1',
        name: '一年级(1)班',
        gradeName: '一年级',
        headTeacher: 'demo2-staff-zhao',
        subjectTeachers: [['math', 'demo2-staff-qian']],
        students: [
          ['he-jiayi', '何佳怡'],
          ['lin-zimo', '林子墨'],
        ],
      },
      {
        key: 'g1-2',
        name: '一年级(2)班',
        gradeName: '一年级',
        headTeacher: 'demo2-staff-qian',
        subjectTeachers: [
          ['chinese', 'demo2-staff-qian'],
          ['math', 'demo2-staff-qian'],
        ],
        students: [
          ['song-yuxuan', '宋雨萱'],
          ['tang-yichen', '唐一辰'],
        ],
      },
    ],
    guardians: [],
  },
]

export interface DemoAccount {
  schoolId: string
  schoolName: string
  /** The identity (account row); one phone may have several. */
  id: string
  account: string
  password: string
  mustChangePassword: boolean
  name: string
  roles: Role[]
}

const passwordOf = (person: DemoPerson) => (person.initialPassword ? undefined : DEMO_PASSWORD)

/** The demo logins, for printing at start-up and for tests. */
export function demoAccounts(): DemoAccount[] {
  return DEMO_SCHOOLS.flatMap(({ school, people }) =>
    people.map((person) => ({
      schoolId: school.id,
      schoolName: school.name,
      id: person.id,
      account: person.phone,
      password: passwordOf(person) ?? initialPassword(person.phone),
      mustChangePassword: person.initialPassword === true,
      name: person.name,
      roles: person.roles,
    })),
  )
}

function catalogDocuments({ school, subjects, locations }: DemoSchool, now: number): WireDocument[] {
  const common = { schoolId: school.id, updatedAt: now, _deleted: false }
  const subjectDocs = subjects.map(([name, code]): WireDocument<Subject> => ({
    ...common,
    id: `${school.id}-subject-${code}`,
    kind: 'subject',
    name,
    code,
    enabled: true,
  }))
  const locationDocs = locations.map(
    ({ key, name, capacity, multiClass = false }): WireDocument<Location> => ({
      ...common,
      id: `${school.id}-location-${key}`,
      kind: 'location',
      name,
      enabled: true,
      editable: true,
      multiClass,
      ...(capacity === undefined ? {} : { capacity }),
    }),
  )
  const term: WireDocument<Term> = {
    ...common,
    id: `${school.id}-term-2026-1`,
    kind: 'term',
    name: '2026-2027学年第一学期',
    start: '2026-09-01',
    end: '2027-01-15',
    periods: PERIOD_TIMES.map(([start, end], i) => ({
      id: `${school.id}-term-2026-1-period-${i + 1}`,
      name: `第${i + 1}节`,
      start,
      end,
    })),
  }
  return [...subjectDocs, ...locationDocs, term]
}

/** The lesson periods of the demo term: four in the morning, four in the afternoon. */
const PERIOD_TIMES: [start: string, end: string][] = [
  ['08:00', '08:45'],
  ['08:55', '09:40'],
  ['10:00', '10:45'],
  ['10:55', '11:40'],
  ['14:00', '14:45'],
  ['14:55', '15:40'],
  ['15:50', '16:35'],
  ['16:45', '17:30'],
]

function orgDocuments({ school, people, classes, guardians }: DemoSchool, now: number): WireDocument[] {
  const common = { schoolId: school.id, updatedAt: now, _deleted: false }
  const studentId = (key: string) => `${school.id}-student-${key}`
  const staff = people
    .filter((person) => !person.roles.includes('guardian'))
    .map((person): WireDocument<Staff> => ({
      ...common,
      id: person.id,
      kind: 'staff',
      name: person.name,
      phone: person.phone,
      position: person.position ?? (person.roles.includes('admin') ? '校长' : '教师'),
      departmentIds: [],
      tags: [],
      teaches: person.roles.includes('teacher'),
      ...(person.roles.includes('admin') ? { admin: true } : {}),
    }))
  const classDocs = classes.map((spec): WireDocument<SchoolClass> => ({
    ...common,
    id: `${school.id}-class-${spec.key}`,
    kind: 'class',
    name: spec.name,
    gradeName: spec.gradeName,
    year: spec.year ?? SCHOOL_YEAR,
    headTeacherId: spec.headTeacher,
    subjectTeachers: spec.subjectTeachers.map(([code, staffId]) => ({
      subjectId: `${school.id}-subject-${code}`,
      staffId,
    })),
  }))
  const students = classes.flatMap((spec) =>
    spec.students.map(([key, name], i): WireDocument<Student> => ({
      ...common,
      id: studentId(key),
      kind: 'student',
      name,
      studentNo: `${spec.year ?? SCHOOL_YEAR}${spec.key.replace(/\D/g, '')}${String(i + 1).padStart(2, '0')}`,
      classId: `${school.id}-class-${spec.key}`,
      status: 'active',
    })),
  )
  const guardianDocs = guardians.map(({ person, children }): WireDocument<Guardian> => {
    const identity = people.find((p) => p.id === person)
    if (!identity) throw new Error(`demo guardian ${person} has no login identity`)
    return {
      ...common,
      id: person,
      kind: 'guardian',
      name: identity.name,
      phone: identity.phone,
      children: children.map(([key, relationship]) => ({ studentId: studentId(key), relationship })),
    }
  })
  return [...staff, ...classDocs, ...students, ...guardianDocs]
}

const ofKind = <T extends BaseDocument>(docs: readonly WireDocument[], kind: T['kind']) =>
  docs.filter((doc) => doc.kind === kind) as unknown as WireDocument<T>[]

/** Every replicated document of a demo school, by collection; the timetable and the term's holidays when asked. */
function documentsOf(
  demo: DemoSchool,
  now: number,
  withTimetable: boolean,
): Partial<Record<CollectionName, WireDocument[]>> {
  const catalog = catalogDocuments(demo, now)
  const org = orgDocuments(demo, now)
  const [term] = ofKind<Term>(catalog, 'term')
  const admin = demo.people.find((person) => person.roles.includes('admin'))
  if (!withTimetable || !term || !admin) return { catalog, org }
  const events = demoHolidays(demo.school.id, term, admin.id, now)
  const timetable = demoTimetableDocuments(
    {
      schoolId: demo.school.id,
      term,
      subjects: ofKind<Subject>(catalog, 'subject'),
      locations: ofKind<Location>(catalog, 'location'),
      classes: ofKind<SchoolClass>(org, 'class'),
      holidays: holidayRanges(events),
    },
    now,
  )
  return { catalog, org, timetable, events }
}

/** The first demo school's documents with its timetable, by collection (for tests of the plan's import and export). */
export function demoSchoolDocuments(now: number): Partial<Record<CollectionName, WireDocument[]>> {
  const [demo] = DEMO_SCHOOLS
  if (!demo) throw new Error('no demo school')
  return documentsOf(demo, now, true)
}

async function seedSchool(
  store: Store,
  demo: DemoSchool,
  now: number,
  withTimetable: boolean,
): Promise<void> {
  await store.createSchool(demo.school)
  for (const [collection, docs] of Object.entries(documentsOf(demo, now, withTimetable)) as [
    CollectionName,
    WireDocument[],
  ][]) {
    // Through the store like any write: the documents get seqs and replicate.
    await store.writeDocuments(
      demo.school.id,
      collection,
      docs.map((doc) => doc.id),
      (stored) => ({ writes: docs.filter((doc) => !stored.has(doc.id)), result: null }),
    )
  }
  await reconcileSchool(store, demo.school.id)
  const demoHash = await hashPassword(DEMO_PASSWORD)
  for (const person of demo.people) {
    if (passwordOf(person)) await store.updatePassword(person.id, demoHash, false)
  }
}

export interface SeedOptions {
  /** Where blob bytes are kept: the demo course's attachments (and the site's images) are stored there. */
  blobDir?: string
  /** Also the demo school's micro-site, whose images need `blobDir` (`npm start`; tests start without). */
  site?: boolean
  /** Also the demo school's delivered notices, read and answered in part (`npm start`; tests start without). */
  notices?: boolean
  /**
   * Also the scheduling plan of the demo classes, the term's public holidays in the calendar and the timetable of
   * the term generated from the plan around them (`npm start`; tests start with an empty plan and calendar, to
   * build their own).
   */
  timetable?: boolean
}

/**
 * Seeds the demo schools into an empty store; returns false (and changes nothing) when it holds a school. Without
 * `blobDir`, the demo course's documents reference bytes the server does not have.
 */
export async function seedDemo(store: Store, now = Date.now(), options: SeedOptions = {}): Promise<boolean> {
  if ((await store.listSchools()).length > 0) return false
  for (const demo of DEMO_SCHOOLS) await seedSchool(store, demo, now, options.timetable === true)
  await seedDemoCourse(store, now, options.blobDir)
  if (options.site && options.blobDir) await seedDemoSite(store, options.blobDir, now)
  if (options.notices) await seedDemoNotices(store, now)
  return true
}
