import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { describe } from 'vitest'
import { createStore, SQLITE_FILE_NAME, type Store, type StoreConfig } from '../store/index.ts'
import { createPostgresDriver, quoteIdentifier } from '../store/postgres-driver.ts'
import type { SqlDriver } from '../store/sql-driver.ts'
import { createSqliteDriver } from '../store/sqlite-driver.ts'

/** A store made for one test, and how to throw it away afterwards. */
export interface TestStore {
  store: Store
  /** Where it lives: `createStore(config)` opens a second store on it, as another server instance would. */
  config: StoreConfig
  /** Closes the store and deletes its data (the SQLite directory, the PostgreSQL schema). */
  dispose(): Promise<void>
}

export interface StoreFactory {
  name: 'sqlite' | 'postgres'
  create(): Promise<TestStore>
}

export function tempDir(prefix = 'campus-desk-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix))
}

export const SQLITE_FACTORY: StoreFactory = {
  name: 'sqlite',
  create: async () => {
    const dir = tempDir()
    const config: StoreConfig = { kind: 'sqlite', file: join(dir, SQLITE_FILE_NAME) }
    const store = await createStore(config)
    return {
      store,
      config,
      dispose: async () => {
        await store.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  },
}

function postgresFactory(url: string): StoreFactory {
  return {
    name: 'postgres',
    create: async () => {
      const schema = `test_${crypto.randomUUID().replaceAll('-', '')}`
      const config: StoreConfig = { kind: 'postgres', url, schema, poolSize: 4 }
      const store = await createStore(config)
      return {
        store,
        config,
        dispose: async () => {
          await store.close()
          const client = new pg.Client({ connectionString: url })
          await client.connect()
          await client.query(`DROP SCHEMA IF EXISTS ${quoteIdentifier(schema)} CASCADE`)
          await client.end()
        },
      }
    },
  }
}

const POSTGRES_URL = process.env.TEST_DATABASE_URL

/**
 * Declares one suite per store: SQLite always, PostgreSQL against `TEST_DATABASE_URL`. Without that variable the
 * PostgreSQL suite is still declared, skipped, with the reason in its title, so a run shows what it did not test.
 * `$name` in the title becomes the store's name.
 */
export function describeEachStore(title: string, body: (factory: StoreFactory) => void): void {
  const named = (name: StoreFactory['name']) => title.replaceAll('$name', name)
  describe(named('sqlite'), () => body(SQLITE_FACTORY))
  if (POSTGRES_URL) describe(named('postgres'), () => body(postgresFactory(POSTGRES_URL)))
  else
    describe.skip(`${named('postgres')}: skipped, TEST_DATABASE_URL is not set`, () =>
      body(postgresFactory('')))
}

/** Declares a suite that needs a real PostgreSQL (`TEST_DATABASE_URL`), skipped with the reason in its title without. */
export function describePostgres(title: string, body: (factory: StoreFactory, url: string) => void): void {
  if (POSTGRES_URL) describe(title, () => body(postgresFactory(POSTGRES_URL), POSTGRES_URL))
  else describe.skip(`${title}: skipped, TEST_DATABASE_URL is not set`, () => body(postgresFactory(''), ''))
}

/** The database under a store, opened without migrating it (to make it look as an older server left it). */
export function openDriver(config: StoreConfig): Promise<SqlDriver> {
  return config.kind === 'sqlite'
    ? Promise.resolve(createSqliteDriver(config.file))
    : createPostgresDriver(config)
}
