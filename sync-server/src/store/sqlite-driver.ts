import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync, type SQLInputValue, type StatementSync } from 'node:sqlite'
import { KeyedMutex } from './keyed-mutex.ts'
import { startCheckpointer, type Checkpointer } from './sqlite-checkpointer.ts'
import type { SqlDriver, SqlExecutor, SqlValue } from './sql-driver.ts'

const WRITER = 'writer'
// About 200 single-document commits of the sync bench: the WAL stays a few MiB.
const CHECKPOINT_INTERVAL_MS = 1000
const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1000
// A store that writes little (most tests, a small school) never pays for the checkpointer's thread.
const TRANSACTIONS_BEFORE_CHECKPOINTER = 100
export const MAX_CACHED_STATEMENTS = 256

// SQLite numbers its parameters `?1`, `?2`… where PostgreSQL writes `$1`, `$2`…
function toSqlite(sql: string): string {
  return sql.replace(/\$(\d+)/g, '?$1')
}

function toSqliteValues(params: readonly SqlValue[]): SQLInputValue[] {
  return params.map((value) => (typeof value === 'boolean' ? Number(value) : value))
}

/**
 * A connection's statements, each prepared once and run again after: preparing (parsing and planning) costs more
 * than running most of them, and every push and request runs the same few. The multi-row statements vary with their
 * row count, so only the most recently added `MAX_CACHED_STATEMENTS` are kept.
 */
function statementCache(db: DatabaseSync): (sql: string) => StatementSync {
  const statements = new Map<string, StatementSync>()
  return (sql) => {
    let statement = statements.get(sql)
    if (!statement) {
      statement = db.prepare(toSqlite(sql))
      statements.set(sql, statement)
      if (statements.size > MAX_CACHED_STATEMENTS) statements.delete(statements.keys().next().value as string)
    }
    return statement
  }
}

function executor(db: DatabaseSync): SqlExecutor {
  const prepared = statementCache(db)
  return {
    all: async <Row>(sql: string, params: readonly SqlValue[] = []) =>
      prepared(sql).all(...toSqliteValues(params)) as Row[],
    run: async (sql, params = []) => Number(prepared(sql).run(...toSqliteValues(params)).changes),
  }
}

function open(file: string): DatabaseSync {
  const db = new DatabaseSync(file)
  db.exec('PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON')
  return db
}

/**
 * Two connections to one file in WAL mode: a writer, used by one transaction at a time, and a reader, which
 * sees only committed data, so a pull can never see a write that is still open (or later rolled back). The WAL is
 * checkpointed by a third, in a worker thread (`startCheckpointer`), not by the writer's commits on the event loop,
 * from the writer's `TRANSACTIONS_BEFORE_CHECKPOINTER`th transaction on (before it, SQLite's own checkpoints).
 */
export function createSqliteDriver(file: string, checkpointIntervalMs = CHECKPOINT_INTERVAL_MS): SqlDriver {
  mkdirSync(dirname(file), { recursive: true })
  const writerDb = open(file)
  writerDb.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL')
  let transactions = 0
  let checkpointer: Checkpointer | undefined
  const countTransaction = () => {
    if (++transactions !== TRANSACTIONS_BEFORE_CHECKPOINTER) return
    writerDb.exec('PRAGMA wal_autocheckpoint = 0')
    checkpointer = startCheckpointer(file, checkpointIntervalMs, () =>
      writerDb.exec(`PRAGMA wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES}`),
    )
  }
  const readerDb = open(file)
  const writer = executor(writerDb)
  const reader = executor(readerDb)
  const writeLock = new KeyedMutex()

  return {
    dialect: 'sqlite',
    all: reader.all,
    run: (sql, params) => writeLock.run(WRITER, () => writer.run(sql, params)),
    transaction: (work) =>
      writeLock.run(WRITER, async () => {
        countTransaction()
        writerDb.exec('BEGIN IMMEDIATE')
        try {
          const result = await work(writer)
          writerDb.exec('COMMIT')
          return result
        } catch (error) {
          writerDb.exec('ROLLBACK')
          throw error
        }
      }),
    close: async () => {
      await checkpointer?.stop()
      await writeLock.run(WRITER, async () => {
        readerDb.close()
        writerDb.close()
      })
    },
  }
}
