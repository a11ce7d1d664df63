import type { StoreKind } from './types.ts'

export type SqlValue = string | number | boolean | null

/** Runs SQL written with PostgreSQL-style `$1` placeholders; both drivers accept the same statements. */
export interface SqlExecutor {
  all<Row>(sql: string, params?: readonly SqlValue[]): Promise<Row[]>
  /** Returns the number of rows changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>
}

export interface SqlDriver extends SqlExecutor {
  readonly dialect: StoreKind
  /**
   * Runs `work` in one transaction. With `lockKey`, writers sharing the key are serialised across every
   * connection and server instance until commit (SQLite has a single writer anyway): on PostgreSQL the lock is
   * taken by `BEGIN`, or with `lockTakenBy: 'work'` by a statement of `work` (`advisoryLock`), so that what
   * `work` does before that statement runs without it.
   */
  transaction<T>(
    work: (tx: SqlExecutor) => Promise<T>,
    lockKey?: string,
    lockTakenBy?: 'begin' | 'work',
  ): Promise<T>
  close(): Promise<void>
}

/** PostgreSQL: the call that takes a transaction's lock on the key given by the SQL expression `keySql`. */
export function advisoryLock(keySql: string): string {
  return `pg_advisory_xact_lock(hashtextextended(${keySql}, 0))`
}

const FIELD_NAME = /^[A-Za-z_]\w*$/

/**
 * SQL for the value of the top-level field `field` of a document's JSON `data`. Indexes and queries use this
 * very expression: a database uses an expression index only for a query with the same expression.
 */
export function jsonField(dialect: StoreKind, field: string): string {
  if (!FIELD_NAME.test(field)) throw new Error(`not a plain field name: ${field}`)
  return dialect === 'sqlite' ? `json_extract(data, '$.${field}')` : `((data::jsonb) ->> '${field}')`
}
