import { describe, expect, it } from 'vitest'
import type { SessionUser } from '../auth/roles.ts'
import { isEditable, noticesOfTab, noticeState, noticeTime, receiptCounts, tabsOf } from './lists.ts'
import { deliveredNotice, notice, receipt } from './testing.ts'

const teacher: SessionUser = { id: 't1', schoolId: 'demo', name: '李老师', roles: ['teacher'] }
const admin: SessionUser = { id: 'a1', schoolId: 'demo', name: '王校长', roles: ['admin'] }

describe('notice lists', () => {
  it('labels a notice draft, scheduled, sending, delivered, closed or recalled', () => {
    expect(noticeState(notice(), 10)).toBe('draft')
    expect(noticeState(notice({ status: 'sent', sendAt: 20 }), 10)).toBe('scheduled')
    expect(noticeState(notice({ status: 'sent', sendAt: 5 }), 10)).toBe('sending')
    expect(noticeState(notice({ status: 'sent' }), 10)).toBe('sending')
    expect(noticeState(deliveredNotice(5), 10)).toBe('delivered')
    expect(noticeState(deliveredNotice(5, { status: 'closed' }), 10)).toBe('closed')
    expect(noticeState(deliveredNotice(5, { status: 'recalled' }), 10)).toBe('recalled')
  })

  it('counts delivered, read and answered receipts per notice', () => {
    const counts = receiptCounts([
      receipt('n1', 'g1', { readAt: 2, answeredAt: 3 }),
      receipt('n1', 'g2', { readAt: 2 }),
      receipt('n1', 'g3'),
      receipt('n2', 'g1'),
    ])
    expect(counts.get('n1')).toEqual({ delivered: 3, read: 2, answered: 1 })
    expect(counts.get('n2')).toEqual({ delivered: 1, read: 0, answered: 0 })
    expect(counts.get('n3')).toBeUndefined()
  })

  it('lists my notices with drafts, those CC to me and, for admins only, all sent ones', () => {
    const notices = [
      notice({ id: 'mine-draft' }),
      deliveredNotice(1, { id: 'mine-sent' }),
      deliveredNotice(1, { id: 'cc', authorId: 't2', ccStaffIds: ['t1'] }),
      notice({ id: 'cc-draft', authorId: 't2', ccStaffIds: ['t1'] }),
      deliveredNotice(1, { id: 'other', authorId: 't2' }),
    ]
    const ids = (list: { id: string }[]) => list.map((n) => n.id)
    expect(ids(noticesOfTab(notices, 'sent', teacher))).toEqual(['mine-draft', 'mine-sent'])
    expect(ids(noticesOfTab(notices, 'cc', teacher))).toEqual(['cc'])
    expect(noticesOfTab(notices, 'all', teacher)).toEqual([])
    expect(ids(noticesOfTab(notices, 'all', admin))).toEqual(['mine-sent', 'cc', 'other'])
    expect(tabsOf(teacher)).toEqual(['sent', 'cc'])
    expect(tabsOf(admin)).toEqual(['sent', 'cc', 'all'])
  })

  it('dates a notice by its delivery, else its time to send, else its last change', () => {
    expect(noticeTime(deliveredNotice(50, { sendAt: 40, updatedAt: 60 }))).toBe(50)
    expect(noticeTime(notice({ status: 'sent', sendAt: 40, updatedAt: 60 }))).toBe(40)
    expect(noticeTime(notice({ updatedAt: 60 }))).toBe(60)
  })

  it('lets the author edit a notice until the server delivered it', () => {
    expect(isEditable(notice(), teacher)).toBe(true)
    expect(isEditable(notice({ status: 'sent', sendAt: 99 }), teacher)).toBe(true)
    expect(isEditable(deliveredNotice(1), teacher)).toBe(false)
    expect(isEditable(notice(), admin)).toBe(false)
  })
})
