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
