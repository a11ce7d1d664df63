import { afterEach, beforeEach, expect, it } from 'vitest'
import { notice as noticeOf } from '../../../domain/notices/testing.ts'
import { seedDemo } from '../seed/demo.ts'
import type { Store } from '../store/index.ts'
import { describeEachStore, type TestStore } from '../test-support/stores.ts'
import { deliverNotice, findNotices, findReceipts, sendReminders, type StoredNotice } from './delivery.ts'

const NOW = Date.UTC(2026, 11, 1, 8)
const CLASS_RECIPIENTS = 6 // demo-class-g7-1: four students, two guardians

async function storedNotice(store: Store, id: string): Promise<StoredNotice> {
  const [stored] = await findNotices(store, 'demo', 'id', [id])
  if (!stored) throw new Error(`notice ${id} not stored`)
  return stored
}

async function writeNotice(store: Store, notice: StoredNotice): Promise<StoredNotice> {
  await store.writeDocuments('demo', 'notices', [notice.id], () => ({ writes: [notice], result: null }))
  return storedNotice(store, notice.id)
}

const documentsWritten = async (store: Store, run: () => Promise<unknown>) => {
  const before = (await store.lastSeqs()).get('demo') ?? 0
  await run()
  return ((await store.lastSeqs()).get('demo') ?? 0) - before
}

// Two instances that read the same notice and work on it at once (issue 16): the store's compare-and-set on the
// notice lets one of them deliver it, or send a reminder, and tell the phones.
describeEachStore('delivery by two instances at once ($name)', (factory) => {
  let testStore: TestStore
  let store: Store

  beforeEach(async () => {
    testStore = await factory.create()
    store = testStore.store
    await seedDemo(store, NOW, {})
  })

  afterEach(() => testStore.dispose())

  it('delivers a due notice once, and sends a reminder once', async () => {
    const audience = { classIds: ['demo-class-g7-1'] }
    const due = await writeNotice(store, {
      ...noticeOf({ schoolId: 'demo', audience, status: 'sent' }),
      _deleted: false,
    })
    let told: string[][] = []
    const delivering = async () => {
      told = await Promise.all([deliverNotice(store, due, NOW), deliverNotice(store, due, NOW)])
    }
    expect(await documentsWritten(store, delivering)).toBe(CLASS_RECIPIENTS + 1)
    expect(told.map((people) => people.length).sort()).toEqual([0, CLASS_RECIPIENTS])

    const reminded = await writeNotice(store, { ...(await storedNotice(store, 'n1')), reminders: 1 })
    const later = NOW + 60_000
    const reminding = async () => {
      told = await Promise.all([sendReminders(store, reminded, later), sendReminders(store, reminded, later)])
    }
    expect(await documentsWritten(store, reminding)).toBe(CLASS_RECIPIENTS + 1)
    expect(told.map((people) => people.length).sort()).toEqual([0, CLASS_RECIPIENTS])
    const receipts = await findReceipts(store, 'demo', 'noticeId', ['n1'])
    expect(receipts.map((receipt) => receipt.remindedAt)).toEqual(Array(CLASS_RECIPIENTS).fill(later))
  })
})
