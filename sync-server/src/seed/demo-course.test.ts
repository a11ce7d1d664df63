import { rmSync } from 'node:fs'
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { Chapter } from '../../../domain/courses/chapter.ts'
import type { Course } from '../../../domain/courses/course.ts'
import { courseTreeProblems } from '../../../domain/courses/rules.ts'
import { validateDocument } from '../../../domain/validation.ts'
import {
  bearer,
  GUARDIAN,
  login,
  OTHER_SCHOOL_ADMIN,
  startTestApp,
  type TestApp,
} from '../test-support/app.ts'
import { describeEachStore, tempDir } from '../test-support/stores.ts'
import { demoCourseFiles } from './course-files.ts'
import { demoCourseDocuments } from './demo-course.ts'

it('the demo course is valid, keeps the chapter rules and its files stay under 1 MB', () => {
  const docs = demoCourseDocuments(1)
  for (const doc of docs) expect(validateDocument('courses', doc)).toMatchObject({ ok: true })
  const course = docs.find((doc): doc is Course & { _deleted: boolean } => doc.kind === 'course')
  const chapters = docs.filter((doc) => doc.kind === 'chapter') as Chapter[]
  expect(courseTreeProblems(course ?? null, chapters)).toEqual([])
  const files = Object.values(demoCourseFiles())
  expect(files.map((file) => file.ref.mime).sort()).toEqual(['application/pdf', 'image/png', 'video/webm'])
  expect(files.reduce((sum, file) => sum + file.bytes.length, 0)).toBeLessThan(1024 * 1024)
  expect(files[0]?.bytes.subarray(0, 5).toString()).toBe('%PDF-')
})

describeEachStore('demo course ($name)', (factory) => {
  let server: TestApp
  let blobDir: string
  beforeEach(async () => {
    blobDir = tempDir('campus-desk-demo-course-')
    server = await startTestApp(factory, { blobDir, listen: true })
  })
  afterEach(async () => {
    await server.close()
    rmSync(blobDir, { recursive: true, force: true })
  })

  const get = async (path: string, account: string) =>
    fetch(server.url + path, { headers: bearer((await login(server, account)).accessToken) })

  it('is shown to a guardian of 初一(1)班 on the phone and to demo2 in its course library, with its files', async () => {
    const phone = (await (await get('/api/m/courses/demo-course-physics', GUARDIAN)).json()) as {
      chapters: { title: string; attachments: { sha256: string }[] }[]
    }
    expect(phone.chapters.map((c) => c.title)).toEqual([
      '第一章 运动与力',
      '1.1 牛顿定律讲义',
      '1.2 抛体运动演示',
      '第二章 光的色散',
    ])
    const pdf = phone.chapters[1]?.attachments[0]?.sha256 ?? ''
    const bytes = await get(`/api/m/courses/demo-course-physics/attachments/${pdf}`, GUARDIAN)
    expect(bytes.status).toBe(200)
    expect(bytes.headers.get('content-type')).toBe('application/pdf')

    const library = (await (await get('/api/courses/shared', OTHER_SCHOOL_ADMIN)).json()) as {
      courses: { course: Course }[]
    }
    expect(library.courses.map((c) => c.course.title)).toEqual(['趣味物理'])
    const video = demoCourseFiles().video.ref.sha256
    const shared = await get(
      `/api/courses/shared/demo/demo-course-physics/blobs/${video}`,
      OTHER_SCHOOL_ADMIN,
    )
    expect(shared.headers.get('content-type')).toBe('video/webm')
  })
})
