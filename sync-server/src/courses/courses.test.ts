import { createHash } from 'node:crypto'
import { rmSync } from 'node:fs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Chapter } from '../../../domain/courses/chapter.ts'
import type { Course } from '../../../domain/courses/course.ts'
import type { WireDocument } from '../../../domain/documents.ts'
import {
  ADMIN,
  bearer,
  GUARDIAN,
  login,
  OTHER_SCHOOL_ADMIN,
  pullAll,
  startTestApp,
  syncClient,
  TEACHER,
  type SyncClient,
  type TestApp,
} from '../test-support/app.ts'
import { DEMO_PASSWORD } from '../seed/demo.ts'
import { creations, update } from '../test-support/documents.ts'
import { SseClient, type SseMessage } from '../test-support/sse.ts'
import { describeEachStore, tempDir } from '../test-support/stores.ts'

// Demo school: 李老师 (TEACHER) heads 初一(1)班; 陈家长 (GUARDIAN) is the father of 陈小明 of 初一(1)班;
// 张老师's guardian identity has a child in 初一(2)班. demo2's admin browses the course library.
const OTHER_TEACHER = '13800000004'
const CLASS_1 = 'demo-class-g7-1'
const CLASS_2 = 'demo-class-g7-2'
const LI = 'demo-staff-li'

const bytesOf = (text: string) => new TextEncoder().encode(text)
const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')
const PDF_BYTES = bytesOf('%PDF-1.4 published handout')
const DRAFT_BYTES = bytesOf('%PDF-1.4 unpublished draft')
const PDF = { sha256: sha256Of(PDF_BYTES), name: '讲义.pdf', size: PDF_BYTES.length, mime: 'application/pdf' }
const DRAFT = {
  sha256: sha256Of(DRAFT_BYTES),
  name: '草稿.pdf',
  size: DRAFT_BYTES.length,
  mime: 'application/pdf',
}

function course(changes: Partial<Course> = {}): WireDocument<Course> {
  return {
    id: 'course-1',
    kind: 'course',
    schoolId: 'demo',
    updatedAt: 1,
    authorId: LI,
    title: '趣味物理',
    lecturer: '李老师',
    visibility: 'school',
    shareSchoolIds: [],
    shareClassIds: [],
    status: 'draft',
    _deleted: false,
    ...changes,
  }
}

function chapter(id: string, changes: Partial<Chapter> = {}): WireDocument<Chapter> {
  return {
    id,
    kind: 'chapter',
    schoolId: 'demo',
    updatedAt: 1,
    courseId: 'course-1',
    parentId: null,
    title: `第${id}章`,
    order: 1,
    attachments: [],
    published: false,
    _deleted: false,
    ...changes,
  }
}

// The demo seed's own course (demo-course-physics) is left out: these tests are about their course.
const ids = (docs: WireDocument[]) =>
  docs
    .map((doc) => doc.id)
    .filter((id) => !id.startsWith('demo-course'))
    .sort()
const ownCourses = <T extends { id?: string; course?: { id: string } }>(list: T[]) =>
  list.filter((item) => !(item.course?.id ?? item.id ?? '').startsWith('demo-course'))
const isResync = (m: SseMessage) => m.event === 'resync'

describeEachStore('courses through the sync API ($name)', (factory) => {
  let server: TestApp
  let blobDir: string
  let author: SyncClient
  const streams: SseClient[] = []

  /** The tree 1 (→ 1.1 with the published PDF, 1.2 with the draft) and 2, unpublished, course a draft. */
  const tree = () => [
    course(),
    chapter('1'),
    chapter('1.1', { parentId: '1', attachments: [PDF] }),
    chapter('1.2', { parentId: '1', order: 2, attachments: [DRAFT] }),
    chapter('2', { order: 2 }),
  ]

  async function stored(): Promise<Map<string, WireDocument>> {
    const docs = (await pullAll(await syncClient(server, ADMIN), 'courses')).documents
    return new Map(docs.map((doc) => [doc.id, doc]))
  }

  async function seq(): Promise<number> {
    return (await pullAll(await syncClient(server, ADMIN), 'courses')).seq
  }

  /** Publishes 1 and 1.1 and lists the course, shared with class 1 and with demo2. */
  async function publishAndList(changes: Partial<Course> = {}): Promise<void> {
    const docs = await stored()
    const rows = [
      update(docs.get('1') as WireDocument<Chapter>, { published: true }),
      update(docs.get('1.1') as WireDocument<Chapter>, { published: true }),
      update(docs.get('course-1') as WireDocument<Course>, {
        status: 'listed',
        shareClassIds: [CLASS_1],
        shareSchoolIds: ['demo2'],
        ...changes,
      }),
    ]
    expect((await author.push('courses', rows)).json()).toEqual([])
  }

  async function upload(bytes: Uint8Array): Promise<void> {
    const token = (await login(server, TEACHER)).accessToken
    const response = await fetch(`${server.url}/api/blobs/${sha256Of(bytes)}`, {
      method: 'PUT',
      headers: { ...bearer(token), 'content-type': 'application/pdf' },
      body: bytes,
    })
    expect(response.status).toBe(201)
  }

  async function open(client: SyncClient): Promise<SseClient> {
    const { client: stream } = await SseClient.connect(
      `${server.url}/api/sync/stream`,
      client.session.accessToken,
    )
    if (!stream) throw new Error('stream refused')
    streams.push(stream)
    await stream.next((m) => m.event === 'comment' && m.data === 'connected')
    return stream
  }

  const get = (path: string, token?: string, headers: Record<string, string> = {}) =>
    fetch(server.url + path, { headers: { ...(token ? bearer(token) : {}), ...headers } })

  /** 张老师's guardian identity: her child is in 初一(2)班. */
  async function guardianZhang(): Promise<string> {
    const session = await login(server, '13800000003', DEMO_PASSWORD, 'demo-guardian-zhang')
    expect(session.user.roles).toEqual(['guardian'])
    return session.accessToken
  }

  beforeEach(async () => {
    blobDir = tempDir('campus-desk-courses-')
    server = await startTestApp(factory, { listen: true, blobDir, heartbeatMs: 60_000 })
    author = await syncClient(server, TEACHER)
    expect((await author.push('courses', creations(tree()))).json()).toEqual([])
  })
  afterEach(async () => {
    for (const stream of streams.splice(0)) stream.close()
    await server.close()
    rmSync(blobDir, { recursive: true, force: true })
  })

  describe('rules (400, nothing written)', () => {
    it('accepts a parent and its children published and listed in one push', async () => {
      await publishAndList()
      const docs = await stored()
      expect((docs.get('course-1') as WireDocument<Course>).status).toBe('listed')
      expect((docs.get('1.1') as WireDocument<Chapter>).published).toBe(true)
    })

    it('refuses a parent and its children pushed together when one breaks a rule, writing none', async () => {
      const before = await seq()
      const response = await author.push(
        'courses',
        creations([
          chapter('3', { order: 3 }),
          chapter('3.1', { parentId: '3', published: true, attachments: [PDF] }),
        ]),
      )
      expect(response.statusCode).toBe(400)
      expect(response.json()).toMatchObject({
        message:
          'push refused, nothing was written: chapter "第3.1章" (3.1): it cannot be published while its parent chapter "第3章" (3) is not',
      })
      expect(await seq()).toBe(before)
      expect((await stored()).has('3')).toBe(false)
    })

    it('names each rule and the chapter it concerns', async () => {
      const docs = await stored()
      const refusals = [
        [
          [update(docs.get('2') as WireDocument<Chapter>, { published: true })],
          'chapter "第2章" (2): a chapter without sub-chapters needs an attachment to be published',
        ],
        [
          creations([chapter('1.1.1', { parentId: '1.1' })]),
          'its parent chapter "第1.1章" (1.1) has attachments, and a chapter with attachments cannot have sub-chapters',
        ],
        [
          [update(docs.get('course-1') as WireDocument<Course>, { status: 'listed' })],
          'course "趣味物理" (course-1): a course can be listed only with a published chapter',
        ],
        [
          [update(docs.get('1') as WireDocument<Chapter>, { _deleted: true })],
          'chapter "第1章" (1): it still has the sub-chapter chapter "第1.1章" (1.1)',
        ],
      ] as const
      const before = await seq()
      for (const [rows, message] of refusals) {
        const response = await author.push('courses', [...rows])
        expect(response.statusCode).toBe(400)
        expect(response.json<{ message: string }>().message).toContain(message)
      }
      expect(await seq()).toBe(before)
    })

    it('refuses deleting a published chapter and unpublishing a listed course’s last published chapters', async () => {
      await publishAndList()
      const docs = await stored()
      const deletion = await author.push('courses', [
        update(docs.get('1.1') as WireDocument<Chapter>, { _deleted: true }),
      ])
      expect(deletion.json<{ message: string }>().message).toContain(
        'chapter "第1.1章" (1.1): a published chapter cannot be deleted: unpublish it first',
      )
      const unpublish = await author.push('courses', [
        update(docs.get('1.1') as WireDocument<Chapter>, { published: false }),
        update(docs.get('1') as WireDocument<Chapter>, { published: false }),
      ])
      expect(unpublish.statusCode).toBe(400)
      expect(unpublish.json<{ message: string }>().message).toContain(
        'can be listed only with a published chapter',
      )
    })
  })

  describe('permissions (403)', () => {
    it('lets only the author and admins edit the course and its chapters', async () => {
      const docs = await stored()
      const other = await syncClient(server, OTHER_TEACHER)
      const rename = update(docs.get('2') as WireDocument<Chapter>, { title: '别人的章' })
      const refused = await other.push('courses', [rename])
      expect(refused.statusCode).toBe(403)
      expect(refused.json<{ message: string }>().message).toContain(
        'chapter "别人的章" (2): only the author of the course and admins may change its chapters',
      )
      const added = await other.push('courses', creations([chapter('9', { order: 9 })]))
      expect(added.statusCode).toBe(403)
      const course1 = docs.get('course-1') as WireDocument<Course>
      expect((await other.push('courses', [update(course1, { title: 'x' })])).statusCode).toBe(403)
      expect((await (await syncClient(server, ADMIN)).push('courses', [rename])).json()).toEqual([])
      const guardian = await syncClient(server, GUARDIAN)
      expect((await guardian.push('courses', creations([chapter('8')]))).statusCode).toBe(403)
    })
  })

  describe('visibility', () => {
    it('shows staff listed courses and their own, families the published chapters of courses shared with their class', async () => {
      const other = await syncClient(server, OTHER_TEACHER)
      const guardian = await syncClient(server, GUARDIAN)
      const all = ['1', '1.1', '1.2', '2', 'course-1']
      expect(ids((await pullAll(author, 'courses')).documents)).toEqual(all)
      expect(ids((await pullAll(other, 'courses')).documents)).toEqual([])
      expect(ids((await pullAll(guardian, 'courses')).documents)).toEqual([])

      await publishAndList()
      expect(ids((await pullAll(other, 'courses')).documents)).toEqual(all)
      expect(ids((await pullAll(guardian, 'courses')).documents)).toEqual(['1', '1.1', 'course-1'])
      const zhangAsGuardian = await guardianZhang()
      const pulled = await get('/api/sync/courses/pull?seq=0&limit=100', zhangAsGuardian)
      expect(((await pulled.json()) as { documents: unknown[] }).documents).toEqual([])
    })

    it('tells the users a listing or sharing concerns to pull courses again from 0', async () => {
      const otherStream = await open(await syncClient(server, OTHER_TEACHER))
      const guardianStream = await open(await syncClient(server, GUARDIAN))
      await publishAndList({ shareClassIds: [CLASS_2] })
      const resync = { collections: ['courses'], fromZero: true }
      expect((await otherStream.next(isResync)).data).toEqual(resync)
      const docs = await stored()
      const course1 = docs.get('course-1') as WireDocument<Course>
      expect((await author.push('courses', [update(course1, { shareClassIds: [CLASS_1] })])).json()).toEqual(
        [],
      )
      expect((await guardianStream.next(isResync)).data).toEqual(resync)
      expect(guardianStream.messages.filter(isResync)).toHaveLength(1)
    })
  })

  describe('course library and mobile API', () => {
    beforeEach(async () => {
      await upload(PDF_BYTES)
      await upload(DRAFT_BYTES)
      await publishAndList()
    })

    it('serves other schools the listed course with its published chapters only; 401 without login', async () => {
      expect((await get('/api/courses/shared')).status).toBe(401)
      const demo2 = (await login(server, OTHER_SCHOOL_ADMIN)).accessToken
      const answer = (await (await get('/api/courses/shared', demo2)).json()) as {
        courses: { schoolId: string; schoolName: string; course: Course; chapters: Chapter[] }[]
      }
      expect(answer.courses.map((c) => c.course.id).sort()).toEqual(['course-1', 'demo-course-physics'])
      answer.courses = ownCourses(answer.courses)
      expect(answer.courses[0]).toMatchObject({
        schoolId: 'demo',
        schoolName: '示范学校',
        course: { id: 'course-1' },
      })
      expect(answer.courses[0]?.chapters.map((c) => c.id)).toEqual(['1', '1.1'])
      expect(answer.courses[0]?.chapters[0]).not.toHaveProperty('_deleted')
      const own = (await login(server, ADMIN)).accessToken
      expect(await (await get('/api/courses/shared', own)).json()).toEqual({ courses: [] })
      expect((await get('/api/courses/shared', (await login(server, GUARDIAN)).accessToken)).status).toBe(403)
    })

    it('serves published attachments with ranges, 404 for unpublished ones and once unlisted', async () => {
      const demo2 = (await login(server, OTHER_SCHOOL_ADMIN)).accessToken
      const base = '/api/courses/shared/demo/course-1/blobs/'
      const whole = await get(base + PDF.sha256, demo2)
      expect(whole.status).toBe(200)
      expect(new Uint8Array(await whole.arrayBuffer())).toEqual(PDF_BYTES)
      const part = await get(base + PDF.sha256, demo2, { range: 'bytes=0-3' })
      expect(part.status).toBe(206)
      expect(await part.text()).toBe('%PDF')
      expect((await get(base + DRAFT.sha256, demo2)).status).toBe(404)

      const course1 = (await stored()).get('course-1') as WireDocument<Course>
      expect((await author.push('courses', [update(course1, { status: 'unlisted' })])).json()).toEqual([])
      const after = (await (await get('/api/courses/shared', demo2)).json()) as {
        courses: { course: Course }[]
      }
      expect(ownCourses(after.courses)).toEqual([])
      expect((await get(base + PDF.sha256, demo2)).status).toBe(404)
    })

    it('lets a guardian of a shared class read the course on the phone, published chapters only', async () => {
      const token = (await login(server, GUARDIAN)).accessToken
      const list = (await (await get('/api/m/courses', token)).json()) as { courses: { id: string }[] }
      expect(ownCourses(list.courses)).toEqual([
        { id: 'course-1', title: '趣味物理', lecturer: '李老师', chapterCount: 2 },
      ])
      expect(await (await get('/api/m/courses/course-1', token)).json()).toEqual({
        id: 'course-1',
        title: '趣味物理',
        lecturer: '李老师',
        chapters: [
          { id: '1', parentId: null, title: '第1章', depth: 0, attachments: [] },
          { id: '1.1', parentId: '1', title: '第1.1章', depth: 1, attachments: [PDF] },
        ],
      })
      const attachments = '/api/m/courses/course-1/attachments/'
      const video = await get(attachments + PDF.sha256, token, { range: 'bytes=4-' })
      expect(video.status).toBe(206)
      expect((await get(attachments + DRAFT.sha256, token)).status).toBe(404)

      const elsewhere = await guardianZhang()
      const none = (await (await get('/api/m/courses', elsewhere)).json()) as { courses: { id: string }[] }
      expect(ownCourses(none.courses)).toEqual([])
      expect((await get('/api/m/courses/course-1', elsewhere)).status).toBe(404)
      expect((await get(attachments + PDF.sha256, elsewhere)).status).toBe(404)
    })
  })
})
