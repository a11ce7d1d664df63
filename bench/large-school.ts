// The "large school" data set of DESIGN §11, generated deterministically (same seed, same documents).
import type { Term } from '../domain/catalog/term.ts'
import type { CollectionName } from '../domain/collections.ts'
import type { WireDocument } from '../domain/documents.ts'
import type { BlobRef } from '../domain/blobs/blob-ref.ts'
import type { CalendarEvent } from '../domain/events/calendar-event.ts'
import type { Article } from '../domain/site/article.ts'
import type { ArticleType } from '../domain/site/article-type.ts'
import type { Banner } from '../domain/site/banner.ts'
import type { PlanEntry } from '../domain/timetable/plan-entry.ts'
import { seededRandom } from '../test/support/seeded-random.ts'

export const LARGE_SCHOOL = {
  classes: 60,
  students: 2400,
  guardians: 4000,
  staff: 200,
  subjects: 30,
  locations: 80,
  /** Listed courses of 20 chapters each: 4 parts of 4 published leaves with a PDF (DESIGN §11: 1,000 chapters). */
  courses: 50,
  chapters: 1000,
  /** Plan entries per class and week: 5 days × 7 of the term's 8 periods. */
  lessonsPerWeek: 35,
  /** The micro-site: 300 articles (DESIGN §11) of 6 types, 20 of them pinned, and 5 banners. */
  articles: 300,
  articleTypes: 6,
  pinnedArticles: 20,
  banners: 5,
  /** Documents of the first sync: until questions exist, padding makes up the rest.
   * The ~42,000 lessons are not among them: the generation bench makes them from the plan. */
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

function envelope<K extends string>(kind: K, id: string, schoolId: string) {
  return { id, kind, schoolId, updatedAt: 1_764_000_000_000, _deleted: false }
}

const locationId = (i: number) => `location-${pad(i, 3)}`
/** Every 20th room (a hall, a gym) can host several classes at once. */
const isMultiClassRoom = (i: number) => i % 20 === 19
const staffId = (i: number) => `staff-${pad(i, 4)}`
const classId = (i: number) => `class-${pad(i, 3)}`
const subjectId = (i: number) => `subject-${pad(i, 3)}`

const PERIOD_NAMES = ['第一节', '第二节', '第三节', '第四节', '第五节', '第六节', '第七节', '第八节']
const PERIOD_STARTS = ['08:00', '08:55', '10:00', '10:55', '14:00', '14:55', '16:00', '16:55']

/** "08:00" plus 45 minutes. */
function lessonEnd(start: string): string {
  const minutes = Number(start.slice(0, 2)) * 60 + Number(start.slice(3)) + 45
  return `${pad(Math.floor(minutes / 60), 2)}:${pad(minutes % 60, 2)}`
}

export interface LargeSchoolTimetable {
  term: WireDocument<Term>
  planEntries: WireDocument<PlanEntry>[]
  holidays: WireDocument<CalendarEvent>[]
}

/**
 * The autumn term with its scheduling plan (every class 35 lessons a week in its own home room, teachers
 * rotating so that no teacher, class or room is booked twice in a slot) and its holidays: generating it gives
 * the ~42,000 lessons of DESIGN §11.
 */
export function largeSchoolTimetable(schoolId: string): LargeSchoolTimetable {
  const term = {
    ...envelope('term', 'term-2026-autumn', schoolId),
    name: '2026学年第一学期',
    start: '2026-09-01',
    end: '2027-01-22',
    periods: PERIOD_STARTS.map((start, i) => ({
      id: `period-${i + 1}`,
      name: PERIOD_NAMES[i] ?? '',
      start,
      end: lessonEnd(start),
    })),
  }
  const homeRooms = Array.from({ length: LARGE_SCHOOL.locations }, (_, i) => i).filter(
    (i) => !isMultiClassRoom(i),
  )
  const planEntries = Array.from({ length: LARGE_SCHOOL.classes * LARGE_SCHOOL.lessonsPerWeek }, (_, i) => {
    const classNo = i % LARGE_SCHOOL.classes
    const slot = Math.floor(i / LARGE_SCHOOL.classes)
    return {
      ...envelope('plan_entry', `plan-${pad(i, 4)}`, schoolId),
      termId: term.id,
      weekday: (slot % 5) + 1,
      periodId: `period-${Math.floor(slot / 5) + 1}`,
      // Within a slot every class gets another teacher; the block of 60 moves so all 180 teachers teach.
      teacherId: staffId(((classNo + slot) % 60) + 60 * (slot % 3)),
      subjectId: subjectId(slot % 8),
      classId: classId(classNo),
      locationId: locationId(homeRooms[classNo] ?? 0),
    }
  })
  const holiday = (id: string, title: string, start: string, end: string) => ({
    ...envelope('calendar_event', id, schoolId),
    title,
    type: 'holiday' as const,
    start,
    end,
    classIds: [],
    createdBy: 'bench-admin',
  })
  return {
    term,
    planEntries,
    holidays: [
      holiday('holiday-national-day', '国庆节', '2026-10-01', '2026-10-07'),
      holiday('holiday-new-year', '元旦', '2027-01-01', '2027-01-01'),
    ],
  }
}

export function generateLargeSchool(schoolId: string, seed = 20261124): SeedDocuments {
  const next = seededRandom(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T
  const personName = () => pick(SURNAMES) + pick(GIVEN) + (next() < 0.6 ? pick(GIVEN) : '')
  const base = (kind: string, id: string) => envelope(kind, id, schoolId)

  const subjects = Array.from({ length: LARGE_SCHOOL.subjects }, (_, i) => ({
    ...base('subject', subjectId(i)),
    name: `科目${pad(i + 1, 2)}`,
    code: `s${pad(i + 1, 2)}`,
    enabled: true,
  }))
  const locations = Array.from({ length: LARGE_SCHOOL.locations }, (_, i) => ({
    ...base('location', locationId(i)),
    name: `教学楼${String.fromCharCode(65 + Math.floor(i / 20))}${pad((i % 20) + 101, 3)}`,
    enabled: true,
    editable: true,
    multiClass: isMultiClassRoom(i),
    capacity: 50,
  }))
  const staff = Array.from({ length: LARGE_SCHOOL.staff }, (_, i) => ({
    ...base('staff', staffId(i)),
    name: personName(),
    phone: `137${pad(i, 8)}`,
    staffNo: `T${pad(i, 4)}`,
    departmentIds: [],
    tags: [],
    teaches: i < 180,
  }))
  const classes = Array.from({ length: LARGE_SCHOOL.classes }, (_, i) => ({
    ...base('class', classId(i)),
    name: `${GRADES[Math.floor(i / 10)]}(${(i % 10) + 1})班`,
    gradeName: GRADES[Math.floor(i / 10)] as string,
    year: 2026 - (Math.floor(i / 10) % 3),
    headTeacherId: staffId(i),
    subjectTeachers: Array.from({ length: 8 }, (_, s) => ({
      subjectId: subjectId(s),
      staffId: staffId((i * 3 + s * 7) % 180),
    })),
  }))
  const students = Array.from({ length: LARGE_SCHOOL.students }, (_, i) => ({
    ...base('student', `student-${pad(i, 5)}`),
    name: personName(),
    studentNo: `S${pad(i, 6)}`,
    classId: classId(i % LARGE_SCHOOL.classes),
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
  const timetable = largeSchoolTimetable(schoolId)
  const site = largeSchoolSite(schoolId, next)
  const { courses, chapters } = largeSchoolCourses(schoolId)
  const realistic =
    courses.length +
    chapters.length +
    site.types.length +
    site.banners.length +
    site.articles.length +
    subjects.length +
    locations.length +
    staff.length +
    classes.length +
    students.length +
    guardians.length +
    1 +
    timetable.planEntries.length +
    timetable.holidays.length
  const padding = Array.from({ length: Math.max(0, LARGE_SCHOOL.totalDocuments - realistic) }, (_, i) => ({
    ...base('location', `padding-${pad(i, 6)}`),
    name: `储物间${pad(i, 6)}`,
    enabled: false,
    editable: true,
    multiClass: false,
    remark: '基准测试填充数据',
  }))
  return {
    catalog: [...subjects, ...locations, timetable.term, ...site.types, ...padding],
    org: [...staff, ...classes, ...students, ...guardians],
    site: [...site.banners, ...site.articles],
    timetable: timetable.planEntries,
    events: timetable.holidays,
    courses: [...courses, ...chapters],
  } as SeedDocuments
}

const SITE_TYPE_NAMES = ['学校新闻', '通知公告', '校园活动', '教学教研', '德育之窗', '家校共育']
const SITE_EPOCH = 1_764_000_000_000
const HOUR_MS = 3_600_000

/** A made-up image reference (the site bench measures HTML and CSS, not image bytes). */
function fakeImage(name: string, n: number): BlobRef {
  return { sha256: pad(n, 64).replace(/0/g, 'a'), name, size: 40_000, mime: 'image/png' }
}

export interface LargeSchoolSite {
  types: WireDocument<ArticleType>[]
  banners: WireDocument<Banner>[]
  articles: WireDocument<Article>[]
}

/** The large school's micro-site: enabled types, listed banners, articles published over the past months. */
export function largeSchoolSite(schoolId: string, next = seededRandom(20261205)): LargeSchoolSite {
  const base = (kind: string, id: string) => envelope(kind, id, schoolId)
  const types = SITE_TYPE_NAMES.slice(0, LARGE_SCHOOL.articleTypes).map((name, i) => ({
    ...base('article_type', `article-type-${i}`),
    kind: 'article_type' as const,
    name,
    enabled: true,
    order: i,
  }))
  const banners = Array.from({ length: LARGE_SCHOOL.banners }, (_, i) => ({
    ...base('banner', `banner-${i}`),
    kind: 'banner' as const,
    name: `校园风采 ${i + 1}`,
    image: fakeImage(`banner-${i}.png`, 1000 + i),
    listed: true,
    order: i,
  }))
  const articles = Array.from({ length: LARGE_SCHOOL.articles }, (_, i) => {
    const cover = next() < 0.7 ? fakeImage(`cover-${i}.png`, i) : undefined
    const paragraphs = Array.from(
      { length: 3 + Math.floor(next() * 4) },
      (_, p) =>
        `<p>第 ${i + 1} 篇文章的第 ${p + 1} 段：本学期学校开展了丰富多彩的教育教学活动，师生积极参与。</p>`,
    )
    return {
      ...base('article', `article-${pad(i, 4)}`),
      kind: 'article' as const,
      authorId: staffId(i % 180),
      typeId: `article-type-${i % LARGE_SCHOOL.articleTypes}`,
      title: `${SITE_TYPE_NAMES[i % LARGE_SCHOOL.articleTypes]}：第 ${i + 1} 期校园动态`,
      summary: `第 ${i + 1} 期：学校近期的教学、活动与通知摘要。`,
      ...(cover ? { cover } : {}),
      body: paragraphs.join(''),
      images: [],
      anonymous: false,
      allowComments: i % 3 !== 0,
      status: 'published' as const,
      publishAt: SITE_EPOCH - i * 13 * HOUR_MS,
      pinned: i % Math.floor(LARGE_SCHOOL.articles / LARGE_SCHOOL.pinnedArticles) === 0,
    }
  })
  return { types, banners, articles }
}

/** The courses of the large school: listed, shared with two classes each, chapters as the rules want them. */
export function largeSchoolCourses(schoolId: string): { courses: WireDocument[]; chapters: WireDocument[] } {
  // parts + parts² chapters a course: 4 + 16 = 20, so LARGE_SCHOOL.chapters in all.
  const parts = 4
  const courses = Array.from({ length: LARGE_SCHOOL.courses }, (_, c) => ({
    ...envelope('course', `course-${pad(c, 3)}`, schoolId),
    authorId: staffId(c % 180),
    title: `课程${pad(c + 1, 3)}`,
    lecturer: `讲师${pad(c + 1, 3)}`,
    visibility: 'school',
    shareSchoolIds: [],
    shareClassIds: [classId(c % LARGE_SCHOOL.classes), classId((c + 1) % LARGE_SCHOOL.classes)],
    status: 'listed',
  }))
  const chapters = courses.flatMap((course, c) =>
    Array.from({ length: parts }, (_, p) => {
      const partId = `${course.id}-${p}`
      const common = { courseId: course.id, published: true }
      return [
        {
          ...envelope('chapter', partId, schoolId),
          ...common,
          parentId: null,
          title: `第${p + 1}章`,
          order: p,
          attachments: [],
        },
        ...Array.from({ length: parts }, (_, l) => ({
          ...envelope('chapter', `${partId}-${l}`, schoolId),
          ...common,
          parentId: partId,
          title: `${p + 1}.${l + 1} 讲义`,
          order: l,
          attachments: [
            {
              sha256: pad(c * 100 + p * 10 + l, 64),
              name: `讲义${p + 1}-${l + 1}.pdf`,
              size: 250_000,
              mime: 'application/pdf',
            },
          ],
        })),
      ]
    }).flat(),
  )
  return { courses, chapters }
}
