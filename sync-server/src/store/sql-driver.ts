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
   * connection and server instance until commit (SQLite has a single writer anyway).
   */
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>, lockKey?: string): Promise<T>
  close(): Promise<void>
}
