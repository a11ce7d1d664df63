import type { Chapter } from './chapter.ts'
import type { Course } from './course.ts'

/** A draft course `c1` of school demo by `t1`; `changes` override any field. */
export function course(changes: Partial<Course> = {}): Course {
  return {
    id: 'c1',
    kind: 'course',
    schoolId: 'demo',
    updatedAt: 1,
    authorId: 't1',
    title: '趣味物理',
    lecturer: '李老师',
    visibility: 'school',
    shareSchoolIds: [],
    shareClassIds: [],
    status: 'draft',
    ...changes,
  }
}

/** A small PDF reference for attachments. */
export const PDF = {
  sha256: 'a'.repeat(64),
  name: '讲义.pdf',
  size: 1234,
  mime: 'application/pdf',
}

/** Chapter `id` of course c1, top level, unpublished, without attachments; `changes` override any field. */
export function chapter(id: string, changes: Partial<Chapter> = {}): Chapter {
  return {
    id,
    kind: 'chapter',
    schoolId: 'demo',
    updatedAt: 1,
    courseId: 'c1',
    parentId: null,
    title: `第${id}章`,
    order: 1,
    attachments: [],
    published: false,
    ...changes,
  }
}
