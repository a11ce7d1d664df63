import { isAdmin, type SessionUser } from '../auth/roles.ts'
import type { Notice } from './notice.ts'
import type { Receipt } from './receipt.ts'

/** How a notice shows in the desktop's lists. */
export const NOTICE_STATES = ['draft', 'scheduled', 'sending', 'delivered', 'closed', 'recalled'] as const
export type NoticeState = (typeof NOTICE_STATES)[number]

/**
 * A sent notice is "scheduled" until its time, "sending" while it waits for the server (this PC offline, or
 * the server not done yet), "delivered" once the server recorded its delivery. `now` is this PC's clock: it only
 * labels; the server's clock decides.
 */
export function noticeState(notice: Notice, now: number): NoticeState {
  if (notice.status !== 'sent') return notice.status
  if (notice.delivery) return 'delivered'
  return notice.sendAt !== undefined && notice.sendAt > now ? 'scheduled' : 'sending'
}

export interface ReceiptCounts {
  delivered: number
  read: number
  answered: number
}

/** Delivered / read / answered counts of every notice that has receipts. */
export function receiptCounts(receipts: readonly Receipt[]): Map<string, ReceiptCounts> {
  const counts = new Map<string, ReceiptCounts>()
  for (const receipt of receipts) {
    const entry = counts.get(receipt.noticeId) ?? { delivered: 0, read: 0, answered: 0 }
    entry.delivered += 1
    if (receipt.readAt !== undefined) entry.read += 1
    if (receipt.answeredAt !== undefined) entry.answered += 1
    counts.set(receipt.noticeId, entry)
  }
  return counts
}

/** The tabs of the notices page: "sent by me", "CC to me", and for admins "all notices of the school". */
export const NOTICE_TABS = ['sent', 'cc', 'all'] as const
export type NoticeTab = (typeof NOTICE_TABS)[number]

export function tabsOf(user: SessionUser): NoticeTab[] {
  return isAdmin(user) ? [...NOTICE_TABS] : ['sent', 'cc']
}

/** The notices a tab lists for `user`; drafts only in the author's own "sent by me". */
export function noticesOfTab(notices: readonly Notice[], tab: NoticeTab, user: SessionUser): Notice[] {
  switch (tab) {
    case 'sent':
      return notices.filter((notice) => notice.authorId === user.id)
    case 'cc':
      return notices.filter((notice) => notice.status !== 'draft' && notice.ccStaffIds.includes(user.id))
    case 'all':
      return isAdmin(user) ? notices.filter((notice) => notice.status !== 'draft') : []
  }
}

/** When a notice went or goes out, for sorting and showing: its delivery, its time to send, or its last change. */
export function noticeTime(notice: Notice): number {
  return notice.delivery?.deliveredAt ?? notice.sendAt ?? notice.updatedAt
}

/** May `user` still change the notice's content (a notice of their own that the server has not delivered)? */
export function isEditable(notice: Notice, user: SessionUser): boolean {
  return (
    notice.authorId === user.id && !notice.delivery && (notice.status === 'draft' || notice.status === 'sent')
  )
}
