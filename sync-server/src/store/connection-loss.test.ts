import pg from 'pg'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { startAnswerDroppingProxy, type AnswerDroppingProxy } from '../test-support/answer-dropping-proxy.ts'
import { subject } from '../test-support/documents.ts'
import { describePostgres, openDriver, type TestStore } from '../test-support/stores.ts'
import type { SqlDriver, SqlExecutor } from './sql-driver.ts'
import { SqlStore } from './sql-store.ts'
import type { Store } from './types.ts'

/**
 * When, in a transaction chosen to break, its connection is ended: by the database before the statements or
 * `COMMIT`, or by the network once PostgreSQL has committed, before its answer reaches the client.
 */
type Moment = 'before the statements' | 'before COMMIT' | 'after COMMIT, before its answer'

const BURST = 20

function writeOne(store: Store, id: string): Promise<string> {
  return store.writeDocuments('s1', 'catalog', [id], () => ({ writes: [subject('s1', id)], result: id }))
}

/**
 * A store on `testStore`'s database, reached through `proxy`, whose transactions number `breaking` (1, 2, … from now)
 * lose their connection at `moment`: `pg_terminate_backend` of the server process serving it, from another
 * connection, as a database restart or an administrator would; after `COMMIT`, the proxy cuts it.
 */
async function storeLosingConnections(
  testStore: TestStore,
  { admin, proxy }: { admin: pg.Client; proxy: AnswerDroppingProxy },
  moment: Moment,
  breaking: (transaction: number) => boolean,
): Promise<Store> {
  if (testStore.config.kind !== 'postgres') throw new Error('not a PostgreSQL store')
  // One connection, as when a database restart leaves every pooled one to a transaction that lost its answer.
  const driver = await openDriver({ ...testStore.config, url: proxy.url, poolSize: 1 })
  let count = 0
  const terminate = async (tx: SqlExecutor) => {
    const [own] = await tx.all<{ pid: number }>('SELECT pg_backend_pid() AS pid')
    await admin.query('SELECT pg_terminate_backend($1)', [own?.pid])
  }
  const losing: SqlDriver = {
    ...driver,
    transaction: (work, lockKey) => {
      const broken = breaking(++count)
      return driver.transaction(async (tx) => {
        if (broken && moment === 'before the statements') await terminate(tx)
        const result = await work(tx)
        if (broken && moment === 'before COMMIT') await terminate(tx)
        if (broken && moment === 'after COMMIT, before its answer') proxy.dropAnswerTo('COMMIT')
        return result
      }, lockKey)
    },
  }
  const store = await SqlStore.open(losing)
  count = 0
  return store
}

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `d${from + i}`)

describePostgres('a PostgreSQL connection lost mid-group', (factory, url) => {
  let testStore: TestStore
  let admin: pg.Client
  let proxy: AnswerDroppingProxy
  const opened: Store[] = []
  beforeEach(async () => {
    testStore = await factory.create()
    admin = new pg.Client({ connectionString: url })
    await admin.connect()
    proxy = await startAnswerDroppingProxy(url)
  })
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()))
    await proxy.close()
    await admin.end()
    await testStore.dispose()
  })

  const open = async (moment: Moment, breaking: (transaction: number) => boolean) => {
    const store = await storeLosingConnections(testStore, { admin, proxy }, moment, breaking)
    opened.push(store)
    return store
  }

  /** What another server instance reads: every acknowledged write must be there, once, in seq order. */
  const storedIds = async () => (await testStore.store.pull('s1', 'catalog', 0, 1000)).map((d) => d.data.id)

  for (const moment of ['before the statements', 'before COMMIT'] as const) {
    it(`commits every write of a group whose connection ended ${moment}, each then alone`, async () => {
      // Transaction 1 is the burst's first write, alone; 2 is the group of the others.
      const store = await open(moment, (transaction) => transaction === 2)
      const results = await Promise.allSettled(ids(0, BURST).map((id) => writeOne(store, id)))

      expect(results.map((r) => r.status)).toEqual(Array(BURST).fill('fulfilled'))
      expect(await storedIds()).toEqual(ids(0, BURST))
      expect(await writeOne(store, 'after')).toBe('after')
    })
  }

  it('acknowledges once, under one seq each, the writes of a group whose COMMIT answer was lost', async () => {
    const store = await open('after COMMIT, before its answer', (transaction) => transaction === 2)
    const notified: string[] = []
    store.onCommit(({ documents }) => notified.push(...documents.map((d) => d.data.id)))
    const results = await Promise.allSettled(ids(0, BURST).map((id) => writeOne(store, id)))

    expect(results.map((r) => r.status)).toEqual(Array(BURST).fill('fulfilled'))
    expect(notified).toEqual(ids(0, BURST))
    const stored = await testStore.store.pull('s1', 'catalog', 0, 1000)
    expect(stored.map((d) => [d.seq, d.data.id])).toEqual(ids(0, BURST).map((id, i) => [i + 1, id]))
    expect(await testStore.store.lastSeqs()).toEqual(new Map([['s1', BURST]]))
    expect(await writeOne(store, 'after')).toBe('after')
  })

  it('fails the writes it cannot commit, keeps the acknowledged ones, and the next push works', async () => {
    let down = true
    const store = await open('before COMMIT', (transaction) => transaction > 1 && down)
    const results = await Promise.allSettled(ids(0, BURST).map((id) => writeOne(store, id)))

    expect(results.map((r) => r.status)).toEqual(['fulfilled', ...Array(BURST - 1).fill('rejected')])
    expect(await storedIds()).toEqual(['d0'])
    down = false
    expect(await writeOne(store, 'after')).toBe('after')
    expect(await storedIds()).toEqual(['d0', 'after'])
  })
})
