// receipt_to_desktop_p99_ms (issue 12): 200 phones read and then answer a notice at once; each receipt is timed
// from the phone's request until the author's desktop replica shows it. The large school over loopback.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import { getReplicaStorage } from '../renderer/src/db/replica-storage.ts'
import type { Receipt } from '../domain/notices/receipt.ts'
import {
  createApiClient,
  createCampusDatabase,
  createMemorySecretStore,
  login,
  startSync,
} from '../renderer/src/db/index.ts'
import { createAccount } from '../sync-server/src/auth/accounts.ts'
import type { Store } from '../sync-server/src/store/index.ts'
import { BENCH_ADMIN, BENCH_SCHOOL, seedLargeSchool } from './seed.ts'
import { startBenchServer } from './server.ts'
import { percentile } from './stats.ts'

const PHONES = 200
const PHONE_PASSWORD = 'phone-2026'
const NOTICE_ID = 'bench-notice'

export interface ReceiptNumbers {
  p50: number
  p99: number
  readP99: number
  answerP99: number
  samples: number
}

const guardianId = (i: number) => `guardian-${String(i).padStart(5, '0')}`

/** The large school, with accounts for the first `PHONES` guardians (their children are in every class). */
async function seedWithPhones(store: Store): Promise<void> {
  await seedLargeSchool(store)
  for (let i = 0; i < PHONES; i++) {
    await createAccount(store, {
      id: guardianId(i),
      schoolId: BENCH_SCHOOL.id,
      name: `家长${i}`,
      roles: ['guardian'],
      phone: `139${String(i).padStart(8, '0')}`,
      password: PHONE_PASSWORD,
    })
  }
}

async function post(url: string, token: string, body: unknown): Promise<Response> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`)
  return response
}

/** The admin's desktop: a replica of notices and receipts only, syncing as the app does. */
async function openAuthorDesktop(url: string) {
  const session = await login(url, BENCH_ADMIN)
  const api = createApiClient({ serverUrl: url, secrets: createMemorySecretStore() })
  await api.setTokens(session)
  const database = await createCampusDatabase({
    storage: getReplicaStorage({ indexedDB, IDBKeyRange }),
    name: `bench-receipts-${Date.now()}`,
    collections: ['notices', 'receipts'],
  })
  const engine = startSync({ database, api })
  return { session, database, engine }
}

function notice(authorId: string, classIds: string[]) {
  return {
    id: NOTICE_ID,
    kind: 'notice',
    schoolId: BENCH_SCHOOL.id,
    updatedAt: 1,
    authorId,
    title: '回执测试',
    body: '<p>请回执</p>',
    links: [],
    attachments: [],
    questions: [{ id: 'go', type: 'single', title: '是否参加', options: ['参加', '不参加'], required: true }],
    audience: { classIds },
    ccStaffIds: [],
    status: 'sent',
    reminders: 0,
    _deleted: false,
  }
}

type Field = 'readAt' | 'answeredAt'

/**
 * Every phone sends its request at once; resolves with each one's latency until the author's replica holds
 * its receipt with `field` set.
 */
async function timeWave(
  { database }: Awaited<ReturnType<typeof openAuthorDesktop>>,
  phones: { id: string; token: string }[],
  field: Field,
  send: (token: string) => Promise<unknown>,
): Promise<number[]> {
  const sentAt = new Map<string, number>()
  const latencies = new Map<string, number>()
  let done: () => void = () => undefined
  const all = new Promise<void>((resolve) => (done = resolve))
  const subscription = database.collection('receipts').$.subscribe((event) => {
    const receipt = event.documentData as unknown as Receipt
    const started = sentAt.get(receipt.personId)
    if (started === undefined || latencies.has(receipt.personId) || receipt[field] === undefined) return
    latencies.set(receipt.personId, performance.now() - started)
    if (latencies.size === phones.length) done()
  })
  await Promise.all(
    phones.map((phone) => {
      sentAt.set(phone.id, performance.now())
      return send(phone.token)
    }),
  )
  await all
  subscription.unsubscribe()
  return [...latencies.values()]
}

export async function measureReceiptToDesktop(): Promise<ReceiptNumbers> {
  const server = await startBenchServer(seedWithPhones)
  const author = await openAuthorDesktop(server.url)
  try {
    const classIds = Array.from({ length: 60 }, (_, i) => `class-${String(i).padStart(3, '0')}`)
    await post(`${server.url}/api/sync/notices/push`, author.session.accessToken, [
      { assumedMasterState: null, newDocumentState: notice(author.session.user.id, classIds) },
    ])
    const receipts = author.database.collection('receipts')
    while ((await receipts.count().exec()) < PHONES) await new Promise((resolve) => setTimeout(resolve, 50))
    await author.engine.awaitInSync()
    // Timed from a quiet replica: the first sync's writes are persisted and checked by the upstream.
    const state = author.engine.replications.get('receipts')?.internalReplicationState
    while (state?.events.active.up.getValue() || state?.events.active.down.getValue())
      await new Promise((resolve) => setTimeout(resolve, 100))
    // The phones log in once the replica is quiet: a first sync slower than their access tokens' 15 minutes
    // (a loaded machine) must not make the wave fail with 401.
    const phones = []
    for (let i = 0; i < PHONES; i++) {
      const session = await login(server.url, {
        account: `139${String(i).padStart(8, '0')}`,
        password: PHONE_PASSWORD,
      })
      phones.push({ id: guardianId(i), token: session.accessToken })
    }

    const base = `${server.url}/api/m/notices/${NOTICE_ID}`
    const read = await timeWave(author, phones, 'readAt', (token) => post(`${base}/read`, token, {}))
    const answered = await timeWave(author, phones, 'answeredAt', (token) =>
      post(`${base}/answers`, token, { answers: { go: '参加' } }),
    )
    const all = [...read, ...answered]
    return {
      p50: percentile(all, 50),
      p99: percentile(all, 99),
      readP99: percentile(read, 99),
      answerP99: percentile(answered, 99),
      samples: all.length,
    }
  } finally {
    await author.engine.stop()
    await author.database.close()
    await server.close()
  }
}
