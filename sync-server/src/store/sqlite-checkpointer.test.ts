import { rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { tempDir } from '../test-support/stores.ts'
import type { SqlDriver } from './sql-driver.ts'
import { createSqliteDriver } from './sqlite-driver.ts'

const HOUR_MS = 3_600_000
// 400 commits of ~16 KiB: ~1,600 WAL pages, past the 1,000 at which a commit would checkpoint by default.
const COMMITS = 400
const ROW = 'x'.repeat(16_384)

let dir: string
let driver: SqlDriver | undefined
afterEach(async () => {
  await driver?.close()
  rmSync(dir, { recursive: true, force: true })
})

async function writeManyCommits(checkpointIntervalMs: number): Promise<string> {
  dir = tempDir()
  const file = join(dir, 'db.sqlite')
  driver = createSqliteDriver(file, checkpointIntervalMs)
  await driver.run('CREATE TABLE t (v TEXT)')
  for (let i = 0; i < COMMITS; i++)
    await driver.transaction((tx) => tx.run('INSERT INTO t (v) VALUES ($1)', [ROW]))
  return file
}

const databaseBytes = (file: string) => statSync(file).size

it('leaves checkpoints out of the writer: its commits never copy the WAL into the database file', async () => {
  const file = await writeManyCommits(HOUR_MS)
  expect(databaseBytes(file)).toBeLessThan(ROW.length)
})

it('checkpoints the WAL from its worker thread', async () => {
  const file = await writeManyCommits(10)
  await expect.poll(() => databaseBytes(file), { timeout: 30_000 }).toBeGreaterThan(COMMITS * ROW.length)
  expect(await driver?.all<{ n: number }>('SELECT count(*) AS n FROM t')).toEqual([{ n: COMMITS }])
})
