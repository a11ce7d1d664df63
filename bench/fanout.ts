// notice_fanout_ms (issue 12): a whole-school notice in the large school, from the admin's push until every
// receipt is stored (the server records the delivery on the notice after writing the receipts).
import { login } from '../renderer/src/db/index.ts'
import { findNotices, findReceipts } from '../sync-server/src/notices/delivery.ts'
import { BENCH_ADMIN, BENCH_SCHOOL, seedLargeSchool } from './seed.ts'
import { startBenchServer } from './server.ts'

export interface FanoutNumbers {
  ms: number
  receipts: number
}

export async function measureNoticeFanout(): Promise<FanoutNumbers> {
  const server = await startBenchServer(seedLargeSchool)
  try {
    const session = await login(server.url, BENCH_ADMIN)
    const notice = {
      id: 'bench-fanout',
      kind: 'notice',
      schoolId: BENCH_SCHOOL.id,
      updatedAt: 1,
      authorId: session.user.id,
      title: '全校通知',
      body: '<p>全校师生家长：</p>',
      links: [],
      attachments: [],
      questions: [],
      audience: { wholeSchool: true },
      ccStaffIds: [],
      status: 'sent',
      reminders: 0,
      _deleted: false,
    }
    const started = performance.now()
    const response = await fetch(`${server.url}/api/sync/notices/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` },
      body: JSON.stringify([{ assumedMasterState: null, newDocumentState: notice }]),
    })
    if (!response.ok) throw new Error(`push: ${response.status} ${await response.text()}`)
    for (;;) {
      const [stored] = await findNotices(server.store, BENCH_SCHOOL.id, 'id', [notice.id])
      if (stored?.delivery) break
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    const ms = performance.now() - started
    const receipts = await findReceipts(server.store, BENCH_SCHOOL.id, 'noticeId', [notice.id])
    if (receipts.length === 0) throw new Error('the whole-school notice reached nobody')
    return { ms, receipts: receipts.length }
  } finally {
    await server.close()
  }
}
