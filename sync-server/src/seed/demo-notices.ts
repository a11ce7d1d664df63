// The demo school's notices (issue 12 §5): delivered, read and answered through the server's own code, so a
// newcomer sees the feature alive after `npm start`. None reaches 陈家长, 刘家长 or 李老师, whose empty inboxes
// and lists the tests start from.
import type { Role } from '../../../domain/auth/roles.ts'
import type { Notice } from '../../../domain/notices/notice.ts'
import type { Answers } from '../../../domain/notices/receipt.ts'
import { deliverNotice, findNotices, type StoredNotice } from '../notices/delivery.ts'
import { PhoneNotices } from '../notices/phone-api.ts'
import type { Store } from '../store/index.ts'

const SCHOOL_ID = 'demo'
const HOUR = 3_600_000

interface DemoReply {
  personId: string
  roles: Role[]
  /** Hours after delivery. */
  afterHours: number
  /** Absent: only read. */
  answers?: Answers
}

interface DemoNotice {
  notice: Omit<Notice, 'kind' | 'schoolId' | 'updatedAt' | 'status' | 'reminders' | 'delivery'>
  /** Hours before the seed's `now`. */
  deliveredHoursAgo: number
  replies: DemoReply[]
  closedHoursAgo?: number
}

const guardian = (personId: string, afterHours: number, answers?: Answers): DemoReply => ({
  personId,
  roles: ['guardian'],
  afterHours,
  answers,
})
const student = (key: string, afterHours: number, answers?: Answers): DemoReply => ({
  personId: `${SCHOOL_ID}-student-${key}`,
  roles: ['student'],
  afterHours,
  answers,
})

export const DEMO_NOTICES: DemoNotice[] = [
  {
    // With a form, partly answered: 张老师's class, 张老师 herself answering as 周欣怡's mother.
    notice: {
      id: 'demo-notice-study-trip',
      authorId: 'demo-staff-zhang',
      title: '秋季研学活动报名',
      body: '<p>各位家长、同学：</p><p>本学期研学活动定于下周五在市科技馆进行，早上 8:00 在校门口集合，下午 4:00 返校。请于周三前填写回执。</p>',
      links: [{ title: '市科技馆参观须知', url: 'https://www.example.com/science-museum' }],
      attachments: [],
      questions: [
        { id: 'go', type: 'single', title: '是否参加', options: ['参加', '不参加'], required: true },
        {
          id: 'lunch',
          type: 'multiple',
          title: '午餐',
          options: ['学校统一订餐', '自带午餐'],
          required: false,
        },
        { id: 'note', type: 'text', title: '过敏或需要老师注意的情况', required: false },
      ],
      audience: { classIds: [`${SCHOOL_ID}-class-g7-2`] },
      ccStaffIds: ['demo-staff-wang'],
    },
    deliveredHoursAgo: 5,
    replies: [
      guardian('demo-guardian-zhang', 1, { go: '参加', lunch: ['学校统一订餐'], note: '对花生过敏' }),
      student('zhou-xinyi', 2, { go: '参加', lunch: ['学校统一订餐'] }),
      student('sun-haoran', 3),
    ],
  },
  {
    // Closed: no more answers; two of six answered before it closed.
    notice: {
      id: 'demo-notice-uniform',
      authorId: 'demo-staff-wang',
      title: '校服征订',
      body: '<p>新学年校服征订开始，请选择需要征订的校服，本周五截止。</p>',
      links: [],
      attachments: [],
      questions: [
        {
          id: 'items',
          type: 'multiple',
          title: '需要征订的校服',
          options: ['夏季校服', '秋季校服', '冬季校服'],
          required: true,
        },
      ],
      audience: { classIds: [`${SCHOOL_ID}-class-g7-3`, `${SCHOOL_ID}-class-g8-1`] },
      ccStaffIds: [],
    },
    deliveredHoursAgo: 7 * 24,
    replies: [
      student('zheng-yutong', 2, { items: ['夏季校服', '秋季校服'] }),
      student('ma-xinyue', 20, { items: ['冬季校服'] }),
      student('luo-haoyu', 30),
    ],
    closedHoursAgo: 3 * 24,
  },
  {
    // Without a form.
    notice: {
      id: 'demo-notice-midterm',
      authorId: 'demo-staff-zhou',
      title: '期中考试安排',
      body: '<p>期中考试将于 11 月 10 日至 12 日举行，请同学们合理安排复习时间。</p>',
      links: [],
      attachments: [],
      questions: [],
      audience: { classIds: [`${SCHOOL_ID}-class-g8-1`] },
      ccStaffIds: [],
    },
    deliveredHoursAgo: 26,
    replies: [student('gao-shiqi', 1)],
  },
]

async function writeNotice(store: Store, notice: StoredNotice): Promise<void> {
  await store.writeDocuments(SCHOOL_ID, 'notices', [notice.id], () => ({ writes: [notice], result: null }))
}

async function seedNotice(store: Store, spec: DemoNotice, now: number): Promise<void> {
  const deliveredAt = now - spec.deliveredHoursAgo * HOUR
  const notice: StoredNotice = {
    ...spec.notice,
    kind: 'notice',
    schoolId: SCHOOL_ID,
    updatedAt: deliveredAt,
    status: 'sent',
    reminders: 0,
    _deleted: false,
  }
  await writeNotice(store, notice)
  if ((await deliverNotice(store, notice, deliveredAt)).length === 0)
    throw new Error(`demo notice ${notice.id} was not delivered`)
  for (const reply of spec.replies) {
    const phones = new PhoneNotices(store, () => deliveredAt + reply.afterHours * HOUR)
    const user = { id: reply.personId, schoolId: SCHOOL_ID, name: reply.personId, roles: reply.roles }
    await phones.read(user, notice.id)
    if (reply.answers) await phones.answer(user, notice.id, reply.answers)
  }
  if (spec.closedHoursAgo !== undefined) {
    const [delivered] = await findNotices(store, SCHOOL_ID, 'id', [notice.id])
    if (!delivered) throw new Error(`demo notice ${notice.id} is gone`)
    await writeNotice(store, { ...delivered, status: 'closed', updatedAt: now - spec.closedHoursAgo * HOUR })
  }
}

/** Writes the demo notices into the seeded demo school, as delivered `DEMO_NOTICES` hours before `now`. */
export async function seedDemoNotices(store: Store, now: number): Promise<void> {
  for (const spec of DEMO_NOTICES) await seedNotice(store, spec, now)
}
