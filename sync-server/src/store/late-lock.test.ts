import pg from 'pg'
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { WireDocument } from '../../../domain/documents.ts'
import { subject } from '../test-support/documents.ts'
import { describePostgres, openDriver, type TestStore } from '../test-support/stores.ts'
import type { SqlDriver, SqlExecutor } from './sql-driver.ts'
import { SqlStore } from './sql-store.ts'
import type { Store } from './types.ts'

type Watcher = (statement: string, moment: 'before' | 'after', tx: SqlExecutor) => Promise<void>

/**
 * A store on `testStore`'s database that calls `watch` before and after each statement of its transactions, with
 * the statement's first word.
 */
async function storeWatchingStatements(testStore: TestStore, watch: Watcher): Promise<Store> {
  const driver = await openDriver(testStore.config)
  const watched =
    (tx: SqlExecutor) =>
    async <T>(sql: string, run: () => Promise<T>): Promise<T> => {
      const statement = sql.trim().split(/\s/)[0] as string
      await watch(statement, 'before', tx)
      const result = await run()
      await watch(statement, 'after', tx)
      return result
    }
  const watching: SqlDriver = {
    ...driver,
    transaction: (work, ...lock) =>
      driver.transaction(
        (tx) => {
          const around = watched(tx)
          return work({
            all: (sql, params) => around(sql, () => tx.all(sql, params)),
            run: (sql, params) => around(sql, () => tx.run(sql, params)),
          })
        },
        ...lock,
      ),
  }
  return SqlStore.open(watching)
}

const nameOf = (doc: WireDocument | undefined) => (doc as { name?: string } | undefined)?.name

/** Appends to a subject's name, as a write that reads what it changes. */
function appendToName(store: Store, suffix: string, planned: string[] = []): Promise<string> {
  return store.writeDocuments('s1', 'catalog', ['a'], (stored) => {
    const name = `${nameOf(stored.get('a'))}${suffix}`
    planned.push(name)
    return { writes: [subject('s1', 'a', { name })], result: name }
  })
}

describePostgres("the school's lock, taken late", (factory) => {
  let testStore: TestStore
  let admin: pg.Client
  beforeEach(async () => {
    testStore = await factory.create()
    await testStore.store.writeDocuments('s1', 'catalog', ['a'], () => ({
      writes: [subject('s1', 'a', { name: 'v1' })],
      result: null,
    }))
    if (testStore.config.kind !== 'postgres') throw new Error('not a PostgreSQL store')
    admin = new pg.Client({ connectionString: testStore.config.url })
    await admin.connect()
  })
  afterEach(async () => {
    await admin.end()
    await testStore.dispose()
  })

  it('is not held while the stored documents are read, only from the statement that stores them', async () => {
    const lockHeld: string[] = []
    const holdsLock = async (tx: SqlExecutor) => {
      const [own] = await tx.all<{ pid: number }>('SELECT pg_backend_pid() AS pid')
      const { rows } = await admin.query<{ held: boolean }>(
        `SELECT count(*) > 0 AS held FROM pg_locks WHERE pid = $1 AND locktype = 'advisory' AND granted`,
        [own?.pid],
      )
      return rows[0]?.held ?? false
    }
    const store = await storeWatchingStatements(testStore, async (statement, moment, tx) => {
      lockHeld.push(`${moment} ${statement}: ${(await holdsLock(tx)) ? 'held' : 'free'}`)
    })

    lockHeld.length = 0 // what opening the store ran (its migrations, under a lock of their own)
    await appendToName(store, '+mine')

    // The documents' SELECT, then the counter and documents upsert (`WITH`), which takes the lock.
    expect(lockHeld).toEqual([
      'before SELECT: free',
      'after SELECT: free',
      'before WITH: free',
      'after WITH: held',
    ])
    await store.close()
  })

  it('stores nothing over a document another instance changed after it was read: the plan runs again', async () => {
    const otherInstance = await SqlStore.open(await openDriver(testStore.config))
    let changedAlready = false
    const store = await storeWatchingStatements(testStore, async (statement, moment) => {
      if (changedAlready || statement !== 'WITH' || moment !== 'before') return
      changedAlready = true
      await appendToName(otherInstance, '+theirs')
    })
    const planned: string[] = []

    expect(await appendToName(store, '+mine', planned)).toBe('v1+theirs+mine')

    expect(planned).toEqual(['v1+mine', 'v1+theirs+mine'])
    const stored = await store.pull('s1', 'catalog', 0, 10)
    expect(stored.map((doc) => [doc.seq, nameOf(doc.data)])).toEqual([[3, 'v1+theirs+mine']])
    expect((await store.lastSeqs()).get('s1')).toBe(3)
    await Promise.all([store.close(), otherInstance.close()])
  })
})
