import type { Receipt } from './receipt.ts'
import type { Department } from '../org/departments.ts'
import type { Guardian } from '../org/guardian.ts'
import type { SchoolClass } from '../org/school-class.ts'
import type { Staff } from '../org/staff.ts'
import type { Student } from '../org/student.ts'
import type { Notice } from './notice.ts'

/** A draft notice by user `t1` to class c1 with a required single choice and an optional text; `changes` override. */
export function notice(changes: Partial<Notice> = {}): Notice {
  return {
    id: 'n1',
    kind: 'notice',
    schoolId: 'demo',
    updatedAt: 1,
    authorId: 't1',
    title: '春游通知',
    body: '<p>周五春游</p>',
    links: [],
    attachments: [],
    questions: [
      { id: 'go', type: 'single', title: '是否参加', options: ['参加', '不参加'], required: true },
      { id: 'note', type: 'text', title: '备注', required: false },
    ],
    audience: { classIds: ['c1'] },
    ccStaffIds: [],
    status: 'draft',
    reminders: 0,
    ...changes,
  }
}

/** `notice(changes)` as the server leaves it once delivered at `deliveredAt`. */
export function deliveredNotice(deliveredAt: number, changes: Partial<Notice> = {}): Notice {
  return notice({ status: 'sent', delivery: { deliveredAt, remindersSent: 0 }, ...changes })
}

// Address book documents of school 'demo' named by their ids.
const common = { schoolId: 'demo', updatedAt: 1 }
export const schoolClass = (id: string): SchoolClass => ({
  ...common,
  id,
  kind: 'class',
  name: id,
  gradeName: '初一',
  year: 2026,
  subjectTeachers: [],
})
export const student = (id: string, classId: string, status: Student['status'] = 'active'): Student => ({
  ...common,
  id,
  kind: 'student',
  name: id,
  studentNo: id,
  classId,
  status,
})
export const guardian = (id: string, ...children: string[]): Guardian => ({
  ...common,
  id,
  kind: 'guardian',
  name: id,
  phone: '13900000000',
  children: children.map((studentId) => ({ studentId, relationship: '母亲' })),
})
export const staff = (id: string, ...departmentIds: string[]): Staff => ({
  ...common,
  id,
  kind: 'staff',
  name: id,
  departmentIds,
  tags: [],
  teaches: true,
})
export const department = (id: string, parentId?: string): Department => ({
  ...common,
  id,
  kind: 'department',
  name: id,
  order: 0,
  ...(parentId ? { parentId } : {}),
})

/** `personId`'s receipt of notice `noticeId`: a guardian's, delivered, in no class unless `changes` say so. */
export function receipt(noticeId: string, personId: string, changes: Partial<Receipt> = {}): Receipt {
  return {
    id: `${noticeId}:${personId}`,
    kind: 'receipt',
    schoolId: 'demo',
    updatedAt: 1,
    noticeId,
    personId,
    personKind: 'guardian',
    studentIds: [],
    classIds: [],
    deliveredAt: 1,
    ...changes,
  }
}
