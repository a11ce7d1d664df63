import { join } from 'node:path'
import { createPostgresDriver, type PostgresOptions } from './postgres-driver.ts'
import { createSqliteDriver } from './sqlite-driver.ts'
import { SqlStore } from './sql-store.ts'
import type { Store } from './types.ts'

export type StoreConfig = { kind: 'sqlite'; file: string } | ({ kind: 'postgres' } & PostgresOptions)

export const SQLITE_FILE_NAME = 'campus-desk.sqlite'

/** SQLite in `dataDir` unless `databaseUrl` is a PostgreSQL URL. */
export function storeConfigFor(dataDir: string, databaseUrl: string | undefined): StoreConfig {
  return databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl)
    ? { kind: 'postgres', url: databaseUrl }
    : { kind: 'sqlite', file: join(dataDir, SQLITE_FILE_NAME) }
}

/** Opens the store and brings its tables up to date. */
export async function createStore(config: StoreConfig): Promise<Store> {
  const driver =
    config.kind === 'sqlite' ? createSqliteDriver(config.file) : await createPostgresDriver(config)
  return SqlStore.open(driver)
}

export type * from './types.ts'
export { sessionExpired } from './types.ts'
