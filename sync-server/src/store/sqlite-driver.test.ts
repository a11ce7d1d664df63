import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { tempDir } from '../test-support/stores.ts'
import type { SqlDriver } from './sql-driver.ts'
import { createSqliteDriver, MAX_CACHED_STATEMENTS } from './sqlite-driver.ts'

let dir: string
let driver: SqlDriver

beforeEach(async () => {
  dir = tempDir()
  driver = createSqliteDriver(join(dir, 'db.sqlite'))
  await driver.run('CREATE TABLE t (v INTEGER)')
})

afterEach(async () => {
  vi.restoreAllMocks()
  await driver.close()
  rmSync(dir, { recursive: true, force: true })
})

const preparesOf = (prepare: { mock: { calls: unknown[][] } }, sql: string) =>
  prepare.mock.calls.filter(([text]) => text === sql).length

it('prepares a statement once however often it runs, in and out of transactions', async () => {
  const prepare = vi.spyOn(DatabaseSync.prototype, 'prepare')
  for (let v = 1; v <= 3; v++) {
    await driver.transaction((tx) => tx.run('INSERT INTO t (v) VALUES ($1)', [v]))
    expect(await driver.all('SELECT v FROM t WHERE v = $1', [v])).toEqual([{ v }])
  }
  expect(preparesOf(prepare, 'INSERT INTO t (v) VALUES (?1)')).toBe(1)
  expect(preparesOf(prepare, 'SELECT v FROM t WHERE v = ?1')).toBe(1)
})

it(`keeps the ${MAX_CACHED_STATEMENTS} statements added last`, async () => {
  const prepare = vi.spyOn(DatabaseSync.prototype, 'prepare')
  const select = (n: number) => driver.all(`SELECT ${n} AS n`)
  for (let n = 0; n <= MAX_CACHED_STATEMENTS; n++) await select(n)
  await select(1)
  expect(preparesOf(prepare, 'SELECT 1 AS n')).toBe(1)
  await select(0)
  expect(preparesOf(prepare, 'SELECT 0 AS n')).toBe(2)
})
