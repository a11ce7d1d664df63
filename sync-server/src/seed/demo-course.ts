// The demo school's course (CRS): listed, shared with 初一(1)班 and with demo2, with real small attachments.
import { Readable } from 'node:stream'
import type { Chapter } from '../../../domain/courses/chapter.ts'
import type { Course } from '../../../domain/courses/course.ts'
import type { WireDocument } from '../../../domain/documents.ts'
import { BlobFiles } from '../blobs/blob-files.ts'
import type { Store } from '../store/index.ts'
import { demoCourseFiles } from './course-files.ts'

const SCHOOL = 'demo'
const AUTHOR = 'demo-staff-li'
const COURSE_ID = 'demo-course-physics'

/** The course and its chapters: two published chapters with sub-chapters or a picture, one in preparation. */
export function demoCourseDocuments(now: number): WireDocument<Course | Chapter>[] {
  const { handout, picture, video } = demoCourseFiles()
  const common = { schoolId: SCHOOL, updatedAt: now, _deleted: false }
  const chapter = (id: string, fields: Partial<Chapter> & Pick<Chapter, 'title' | 'order'>) => ({
    ...common,
    id: `${COURSE_ID}-${id}`,
    kind: 'chapter' as const,
    courseId: COURSE_ID,
    parentId: null,
    attachments: [],
    published: true,
    ...fields,
  })
  return [
    {
      ...common,
      id: COURSE_ID,
      kind: 'course',
      authorId: AUTHOR,
      title: '趣味物理',
      lecturer: '李老师',
      cover: picture.ref,
      description: '用生活中的例子讲力、运动与光，配讲义和演示视频。',
      visibility: 'school',
      shareSchoolIds: ['demo2'],
      shareClassIds: ['demo-class-g7-1'],
      status: 'listed',
    },
    chapter('1', { title: '第一章 运动与力', order: 1 }),
    chapter('1-1', {
      title: '1.1 牛顿定律讲义',
      order: 1,
      parentId: `${COURSE_ID}-1`,
      attachments: [handout.ref],
    }),
    chapter('1-2', {
      title: '1.2 抛体运动演示',
      order: 2,
      parentId: `${COURSE_ID}-1`,
      attachments: [video.ref],
    }),
    chapter('2', { title: '第二章 光的色散', order: 2, attachments: [picture.ref] }),
    chapter('3', { title: '第三章 声音（准备中）', order: 3, published: false }),
  ]
}

/** Writes the course (through the store, so it replicates) and, with a blob directory, its files' bytes. */
export async function seedDemoCourse(store: Store, now: number, blobDir?: string): Promise<void> {
  const docs = demoCourseDocuments(now)
  await store.writeDocuments(
    SCHOOL,
    'courses',
    docs.map((doc) => doc.id),
    (stored) => ({ writes: docs.filter((doc) => !stored.has(doc.id)), result: null }),
  )
  if (!blobDir) return
  const files = new BlobFiles(blobDir)
  for (const { ref, bytes } of Object.values(demoCourseFiles())) {
    await files.write(SCHOOL, ref.sha256, Readable.from([bytes]), bytes.length)
    await store.saveBlob({ ...ref, schoolId: SCHOOL, createdAt: now, createdBy: AUTHOR })
  }
}
