import { afterEach, beforeEach, expect, it } from 'vitest'
import type { WireDocument } from '../../../domain/documents.ts'
import { RECALL_WINDOW_MS, type Notice } from '../../../domain/notices/notice.ts'
import type { Receipt } from '../../../domain/notices/receipt.ts'
import { notice as noticeOf } from '../../../domain/notices/testing.ts'
import { buildApp } from '../app.ts'
import { seedDemo } from '../seed/demo.ts'
import {
  ADMIN,
  bearer,
  GUARDIAN,
  login,
  OTHER_SCHOOL_ADMIN,
  pullAll,
  sender,
  startTestApp,
  syncClient,
  TEACHER,
  TEST_SECRET,
  type HttpResponse,
  type SyncClient,
  type TestApp,
} from '../test-support/app.ts'
import { creations, update } from '../test-support/documents.ts'
import { SseClient } from '../test-support/sse.ts'
import { describeEachStore } from '../test-support/stores.ts'
import type { Scheduler } from './scheduler.ts'

const HOUR = 60 * 60 * 1000
const CLASS = 'demo-class-g7-1' // headed by 李老师 (TEACHER): four students, guardians 陈 and 刘
const OTHER_CLASS = 'demo-class-g7-2'
const OTHER_TEACHER = '13800000004'
const CHEN = 'demo-guardian-chen'
const CHEN_CHILD = 'demo-student-chen-xiaoming'

/** A scheduler the test runs by hand. */
class ManualScheduler implements Scheduler {
  task = () => {}
  every(_ms: number, task: () => void) {
    this.task = task
    return () => {}
  }
}

/** A logged-in phone calling the mobile API. */
async function phone(server: TestApp, account: string) {
  const session = await login(server, account)
  const send = sender(server)
  return {
    session,
    get: (path: string) => send('GET', `/api/m${path}`, bearer(session.accessToken)),
    post: (path: string, body: Record<string, unknown> = {}) =>
      send('POST', `/api/m${path}`, bearer(session.accessToken), body),
  }
}

const wire = (doc: Notice): WireDocument<Notice> => ({ ...doc, _deleted: false })

describeEachStore('notices ($name)', (factory) => {
  let server: TestApp
  let now: number
  let scheduler: ManualScheduler
  let teacher: SyncClient

  /** Pushes `doc` as `client` and waits for the delivery it triggers; returns the push's answer. */
  async function pushNotice(
    client: SyncClient,
    rows: Parameters<SyncClient['push']>[1],
  ): Promise<HttpResponse> {
    const response = await client.push('notices', rows)
    await server.app.notices.idle()
    return response
  }

  async function storedNotice(id = 'n1'): Promise<WireDocument<Notice>> {
    const [doc] = await server.store.findDocuments('demo', [
      { collection: 'notices', kind: 'notice', where: { field: 'id', in: [id] } },
    ])
    return doc as WireDocument<Notice>
  }

  async function receipts(noticeId = 'n1'): Promise<WireDocument<Receipt>[]> {
    return (await server.store.findDocuments('demo', [
      { collection: 'receipts', kind: 'receipt', where: { field: 'noticeId', in: [noticeId] } },
    ])) as WireDocument<Receipt>[]
  }

  /** Sends notice n1 from 李老师 to their class now, delivered. */
  async function sendToClass(changes: Partial<Notice> = {}): Promise<WireDocument<Notice>> {
    const doc = wire(
      noticeOf({
        authorId: teacher.session.user.id,
        audience: { classIds: [CLASS] },
        status: 'sent',
        ...changes,
      }),
    )
    expect((await pushNotice(teacher, creations([doc]))).json()).toEqual([])
    return storedNotice()
  }

  beforeEach(async () => {
    now = Date.UTC(2026, 11, 1, 8)
    scheduler = new ManualScheduler()
    server = await startTestApp(factory, { listen: true, clock: () => now, noticeScheduler: scheduler })
    teacher = await syncClient(server, TEACHER)
  })

  afterEach(() => server.close())

  it('delivers a sent notice to the class: one receipt per guardian and student, recorded on the notice', async () => {
    const delivered = await sendToClass()
    expect(delivered.delivery).toEqual({ deliveredAt: now, remindersSent: 0 })
    const stored = await receipts()
    expect(stored.map((r) => r.personId).sort()).toEqual([
      CHEN,
      'demo-guardian-liu',
      'demo-student-chen-xiaoming',
      'demo-student-liu-yinuo',
      'demo-student-wang-zihan',
      'demo-student-zhao-yuze',
    ])
    expect(stored.find((r) => r.personId === CHEN)).toMatchObject({
      id: `n1:${CHEN}`,
      personKind: 'guardian',
      studentIds: [CHEN_CHILD],
      classIds: [CLASS],
      deliveredAt: now,
    })
    // The author's replica gets the receipts; another teacher's does not.
    expect((await pullAll(teacher, 'receipts')).documents).toHaveLength(6)
    const other = await syncClient(server, OTHER_TEACHER)
    expect((await pullAll(other, 'receipts')).documents).toHaveLength(0)
    expect((await pullAll(await syncClient(server, ADMIN), 'receipts')).documents).toHaveLength(6)
  })

  it('keeps drafts undelivered and delivers once, however often the notice is pushed again', async () => {
    const draft = wire(noticeOf({ authorId: teacher.session.user.id, audience: { classIds: [CLASS] } }))
    await pushNotice(teacher, creations([draft]))
    expect(await receipts()).toEqual([])
    await pushNotice(teacher, [update(draft, { status: 'sent' })])
    const delivered = await storedNotice()
    await pushNotice(teacher, [update(delivered, { ccStaffIds: ['demo-staff-zhang'] })])
    expect(await receipts()).toHaveLength(6)
    expect((await storedNotice()).delivery?.deliveredAt).toBe(now)
  })

  it('refuses what §7.1 forbids: other classes, the whole school, another author, pushed receipts', async () => {
    const authorId = teacher.session.user.id
    const refused = async (doc: Notice) => (await teacher.push('notices', creations([wire(doc)]))).statusCode
    expect(await refused(noticeOf({ authorId, audience: { classIds: [OTHER_CLASS] }, status: 'sent' }))).toBe(
      403,
    )
    expect(await refused(noticeOf({ authorId, audience: { studentIds: ['demo-student-sun-haoran'] } }))).toBe(
      403,
    )
    expect(await refused(noticeOf({ authorId, audience: { wholeSchool: true } }))).toBe(403)
    expect(await refused(noticeOf({ authorId: 'demo-staff-wang' }))).toBe(403)
    const receipt = {
      id: 'n1:x',
      kind: 'receipt',
      schoolId: 'demo',
      updatedAt: 1,
      noticeId: 'n1',
      personId: 'x',
    }
    const pushed = await (
      await syncClient(server, ADMIN)
    ).push(
      'receipts',
      creations([
        { ...receipt, personKind: 'staff', studentIds: [], classIds: [], deliveredAt: 1, _deleted: false },
      ]),
    )
    expect(pushed.statusCode).toBe(403)
    expect(pushed.json<{ message: string }>().message).toContain('receipts are written by the server only')
    // Teachers may address any staff; admins the whole school.
    expect(await refused(noticeOf({ authorId, audience: { staffIds: ['demo-staff-zhou'] } }))).toBe(200)
    const admin = await syncClient(server, ADMIN)
    const whole = wire(
      noticeOf({
        id: 'n2',
        authorId: admin.session.user.id,
        audience: { wholeSchool: true },
        status: 'sent',
      }),
    )
    expect((await pushNotice(admin, creations([whole]))).statusCode).toBe(200)
    expect((await receipts('n2')).length).toBe(14 + 13 + 3) // staff, students, guardians with an account
  })

  it('freezes title, body, questions and audience after delivery and recalls only within 24 h', async () => {
    const delivered = await sendToClass()
    const frozen = await teacher.push('notices', [update(delivered, { title: '改过的标题' })])
    expect(frozen.statusCode).toBe(400)
    expect(frozen.json<{ message: string }>().message).toContain('title cannot change after delivery')
    const erased = await teacher.push('notices', [update(delivered, { delivery: undefined })])
    expect(erased.statusCode).toBe(403)
    now += RECALL_WINDOW_MS
    expect((await teacher.push('notices', [update(delivered, { status: 'recalled' })])).statusCode).toBe(400)
    now -= HOUR
    expect((await teacher.push('notices', [update(delivered, { status: 'recalled' })])).statusCode).toBe(200)
    const guardian = await phone(server, GUARDIAN)
    expect((await guardian.get('/notices/n1')).statusCode).toBe(410)
    expect((await guardian.post('/notices/n1/answers', { answers: { go: '参加' } })).statusCode).toBe(410)
    expect((await guardian.get('/notices')).json()).toEqual({ notices: [] })
  })

  it('answers a stale replica with a conflict rather than a refusal', async () => {
    const draft = wire(
      noticeOf({ authorId: teacher.session.user.id, audience: { classIds: [CLASS] }, status: 'sent' }),
    )
    await pushNotice(teacher, creations([draft]))
    // The replica has not pulled the delivery yet: its reminder conflicts and it merges.
    const answer = await teacher.push('notices', [update(draft, { reminders: 1 })])
    expect(answer.statusCode).toBe(200)
    expect(answer.json<WireDocument<Notice>[]>()[0]?.delivery).toEqual({ deliveredAt: now, remindersSent: 0 })
  })

  it('serves the phone its notices: list, detail with the child it concerns, read once, answers', async () => {
    await sendToClass({
      body: '<p onclick="x()">周五<script>alert(1)</script><a href="javascript:x">春游</a></p>',
    })
    const guardian = await phone(server, GUARDIAN)
    expect((await guardian.get('/notices')).json()).toEqual({
      notices: [
        {
          id: 'n1',
          title: '春游通知',
          authorName: '李老师',
          sentAt: now,
          status: 'sent',
          hasForm: true,
          read: false,
          answered: false,
          reminded: false,
          students: [{ id: CHEN_CHILD, name: '陈小明' }],
        },
      ],
    })
    const detail = (await guardian.get('/notices/n1')).json<{
      body: string
      receipt: object
      questions: unknown[]
    }>()
    expect(detail.body).toBe('<p>周五<a rel="noopener noreferrer" target="_blank">春游</a></p>')
    expect(detail.receipt).toEqual({})
    expect(detail.questions).toHaveLength(2)

    const readAt = now
    expect((await guardian.post('/notices/n1/read')).json()).toEqual({ readAt })
    now += 1000
    expect((await guardian.post('/notices/n1/read')).json()).toEqual({ readAt })

    const missing = await guardian.post('/notices/n1/answers', { answers: { note: '无' } })
    expect(missing.statusCode).toBe(400)
    expect(missing.json<{ message: string }>().message).toBe('question "是否参加" (go) needs an answer')
    const unknownOption = await guardian.post('/notices/n1/answers', { answers: { go: '也许' } })
    expect(unknownOption.json<{ message: string }>().message).toContain('not one of its options')
    const twoValues = await guardian.post('/notices/n1/answers', { answers: { go: ['参加', '不参加'] } })
    expect(twoValues.json<{ message: string }>().message).toContain('takes a single choice')
    for (const note of ['a\u0000b', 'x\ud800']) {
      const unstorable = await guardian.post('/notices/n1/answers', { answers: { go: '参加', note } })
      expect(unstorable.statusCode, JSON.stringify(note)).toBe(400)
      expect(unstorable.json<{ message: string }>().message).toContain('answers/note holds')
    }

    expect((await guardian.post('/notices/n1/answers', { answers: { go: '参加' } })).json()).toEqual({
      answeredAt: now,
    })
    expect(
      (await guardian.post('/notices/n1/answers', { answers: { go: '不参加', note: '' } })).statusCode,
    ).toBe(200)
    expect((await guardian.get('/notices/n1')).json<{ receipt: object }>().receipt).toEqual({
      readAt,
      answeredAt: now,
      answers: { go: '不参加' },
    })
    const [receipt] = (await receipts()).filter((r) => r.personId === CHEN)
    expect(receipt?.answers).toEqual({ go: '不参加' })
  })

  it('is 404 for people it was not sent to and for other schools, 409 once closed', async () => {
    const delivered = await sendToClass()
    for (const account of [OTHER_TEACHER, OTHER_SCHOOL_ADMIN]) {
      const outsider = await phone(server, account)
      expect((await outsider.get('/notices/n1')).statusCode).toBe(404)
      expect((await outsider.post('/notices/n1/read')).statusCode).toBe(404)
      expect((await outsider.get('/notices')).json()).toEqual({ notices: [] })
    }
    expect((await (await phone(server, GUARDIAN)).get('/notices/unknown')).statusCode).toBe(404)
    await pushNotice(teacher, [update(delivered, { status: 'closed' })])
    const guardian = await phone(server, GUARDIAN)
    expect((await guardian.post('/notices/n1/answers', { answers: { go: '参加' } })).statusCode).toBe(409)
    expect(
      (await guardian.get('/notices')).json<{ notices: { status: string }[] }>().notices[0]?.status,
    ).toBe('closed')
  })

  it('shows CC staff the notice without making them recipients', async () => {
    await sendToClass({ ccStaffIds: ['demo-staff-liu'] })
    const cc = await phone(server, OTHER_TEACHER)
    expect((await cc.get('/notices')).json<{ notices: { id: string }[] }>().notices.map((n) => n.id)).toEqual(
      ['n1'],
    )
    expect((await cc.get('/notices/n1')).statusCode).toBe(200)
    expect((await cc.post('/notices/n1/read')).statusCode).toBe(404)
    expect((await pullAll(await syncClient(server, OTHER_TEACHER), 'receipts')).documents).toHaveLength(6)
  })

  it('delivers a scheduled notice when its time comes, on the scheduler’s check', async () => {
    await sendToClass({ sendAt: now + HOUR })
    expect(await receipts()).toEqual([])
    expect((await (await phone(server, GUARDIAN)).get('/notices')).json()).toEqual({ notices: [] })
    scheduler.task()
    await server.app.notices.idle()
    expect(await receipts()).toEqual([])
    now += HOUR
    scheduler.task()
    await server.app.notices.idle()
    expect(await receipts()).toHaveLength(6)
    expect((await storedNotice()).delivery?.deliveredAt).toBe(now)
  })

  it('reminds those who have not read or answered, and tells their open phone pages', async () => {
    const delivered = await sendToClass()
    const guardian = await phone(server, GUARDIAN)
    const { client } = await SseClient.connect(`${server.url}/api/m/stream`, guardian.session.accessToken)
    const liu = receipts().then((all) => all.find((r) => r.personId === 'demo-student-liu-yinuo'))
    expect(await liu).toBeDefined()
    // 陈 reads but does not answer the required question: still reminded.
    await guardian.post('/notices/n1/read')
    now += HOUR
    await pushNotice(teacher, [update(delivered, { reminders: 1 })])
    const stored = await receipts()
    expect(stored.filter((r) => r.remindedAt === now)).toHaveLength(6)
    expect((await storedNotice()).delivery).toEqual({ deliveredAt: now - HOUR, remindersSent: 1 })
    await client?.next((m) => m.event === 'notice' && (m.data as { id: string }).id === 'n1')
    expect(
      (await guardian.get('/notices')).json<{ notices: { reminded: boolean }[] }>().notices[0]?.reminded,
    ).toBe(true)
    // Once answered, the next reminder passes 陈 by.
    await guardian.post('/notices/n1/answers', { answers: { go: '参加' } })
    now += HOUR
    await pushNotice(teacher, [update(await storedNotice(), { reminders: 2 })])
    expect((await receipts()).filter((r) => r.remindedAt === now).map((r) => r.personId)).not.toContain(CHEN)
    client?.close()
  })

  it('tells an open phone page when a notice arrives', async () => {
    const guardian = await phone(server, GUARDIAN)
    const { client } = await SseClient.connect(`${server.url}/api/m/stream`, guardian.session.accessToken)
    await sendToClass()
    expect((await client?.next((m) => m.event === 'notice'))?.data).toEqual({ id: 'n1' })
    client?.close()
  })
})

describeEachStore('notice scheduler across a restart ($name)', (factory) => {
  it('delivers at start-up a notice whose time passed while the server was down', async () => {
    const { store, dispose } = await factory.create()
    try {
      await seedDemo(store)
      let now = Date.UTC(2026, 11, 1, 8)
      const options = {
        store,
        authSecret: TEST_SECRET,
        clock: () => now,
        noticeScheduler: new ManualScheduler(),
      }
      const first = await buildApp(options)
      const author = await first.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { account: TEACHER, password: 'demo-2026' },
      })
      const { accessToken, user } = author.json<{ accessToken: string; user: { id: string } }>()
      const doc = wire(
        noticeOf({ authorId: user.id, audience: { classIds: [CLASS] }, status: 'sent', sendAt: now + HOUR }),
      )
      const pushed = await first.inject({
        method: 'POST',
        url: '/api/sync/notices/push',
        headers: bearer(accessToken),
        payload: creations([doc]),
      })
      expect(pushed.statusCode).toBe(200)
      await first.close()
      now += 2 * HOUR
      const second = await buildApp(options)
      const delivered = await store.findDocuments('demo', [{ collection: 'receipts', kind: 'receipt' }])
      expect(delivered).toHaveLength(6)
      await second.close()
    } finally {
      await dispose()
    }
  })
})
