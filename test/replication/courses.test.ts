// CRS-2 end to end: one document per chapter, so two PCs that were offline edit different chapters of one course
// and both edits survive on the server and on both replicas, with no lost edit reported.
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { Chapter } from '../../domain/courses/chapter.ts'
import type { Course } from '../../domain/courses/course.ts'
import type { WireDocument } from '../../domain/documents.ts'
import { createRepository, type Repository } from '../../renderer/src/db/index.ts'
import { DEMO_PASSWORD } from '../../sync-server/src/seed/demo.ts'
import { describeEachStore, type TestStore } from '../../sync-server/src/test-support/stores.ts'
import {
  eventually,
  replicaDocuments,
  serverDocuments,
  startClient,
  startRestartableServer,
  type Client,
  type RestartableServer,
} from './harness.ts'

/** 李老师 (the course's author) and 王校长 (an admin, who may edit it too). */
const ACCOUNTS = ['13800000002', '13800000001']
const PDF = { sha256: 'b'.repeat(64), name: '实验.pdf', size: 2048, mime: 'application/pdf' }

interface Pc {
  client: Client
  courses: Repository<Course>
  chapters: Repository<Chapter>
}

let storage: TestStore
let server: RestartableServer
let pcs: Pc[] = []

async function startPc(account: string, i: number): Promise<Pc> {
  const client = await startClient(server.url, `pc-${i}`, account, DEMO_PASSWORD, ['courses'])
  return {
    client,
    courses: createRepository<Course>(client.database, 'course', client.user),
    chapters: createRepository<Chapter>(client.database, 'chapter', client.user),
  }
}

const stable = (docs: Iterable<WireDocument>) =>
  JSON.stringify(
    [...docs]
      .filter((doc) => !doc._deleted)
      .map((doc) => Object.fromEntries(Object.entries(doc).sort(([a], [b]) => a.localeCompare(b))))
      .sort((a, b) => String(a.id).localeCompare(String(b.id))),
  )

/** Every replica holds exactly the server's live courses and chapters. */
async function allInSync(): Promise<void> {
  await eventually(
    async () => {
      await Promise.all(pcs.map((pc) => pc.client.engine.awaitInSync()))
      const expected = stable((await serverDocuments(server.store(), 'demo', 'courses')).values())
      const replicas = await Promise.all(pcs.map((pc) => replicaDocuments(pc.client, 'courses')))
      return replicas.every((replica) => stable(replica.values()) === expected)
    },
    30_000,
    'every replica to hold the server’s courses',
  )
}

describeEachStore('one course edited on two offline PCs (real server on $name)', (factory) => {
  beforeEach(async () => {
    storage = await factory.create()
    server = await startRestartableServer(storage.config)
    pcs = await Promise.all(ACCOUNTS.map(startPc))
  })

  afterEach(async () => {
    await Promise.all(pcs.map((pc) => pc.client.close()))
    await server.close()
    await storage.dispose()
  })

  it('keeps both PCs’ edits of different chapters', async () => {
    const [author, admin] = pcs as [Pc, Pc]
    const course = await author.courses.insert({
      authorId: author.client.user.id,
      title: '趣味物理',
      lecturer: '李老师',
      visibility: 'school',
      shareSchoolIds: [],
      shareClassIds: [],
      status: 'draft',
    })
    const common = { courseId: course.id, parentId: null, attachments: [], published: false }
    const first = await author.chapters.insert({ ...common, title: '第一章 力', order: 1 })
    const second = await author.chapters.insert({ ...common, title: '第二章 光', order: 2 })
    await allInSync()

    author.client.link.cut()
    admin.client.link.cut()
    await author.chapters.patch(first.id, { title: '第一章 力与运动' })
    await admin.chapters.patch(second.id, { attachments: [PDF] })
    author.client.link.restore()
    admin.client.link.restore()
    await allInSync()

    const onServer = await serverDocuments(server.store(), 'demo', 'courses')
    expect(onServer.get(first.id)).toMatchObject({ title: '第一章 力与运动', attachments: [] })
    expect(onServer.get(second.id)).toMatchObject({ title: '第二章 光', attachments: [PDF] })
    for (const pc of pcs) {
      expect(await pc.chapters.get(first.id)).toMatchObject({ title: '第一章 力与运动' })
      expect(await pc.chapters.get(second.id)).toMatchObject({ attachments: [PDF] })
      expect(pc.client.database.lostEdits.list()).toEqual([])
    }
  }, 60_000)
})
