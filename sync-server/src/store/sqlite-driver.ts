import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { DatabaseSync, type SQLInputValue } from 'node:sqlite'
import { KeyedMutex } from './keyed-mutex.ts'
import type { SqlDriver, SqlExecutor, SqlValue } from './sql-driver.ts'

const WRITER = 'writer'

// SQLite numbers its parameters `?1`, `?2`… where PostgreSQL writes `$1`, `$2`…
function toSqlite(sql: string): string {
  return sql.replace(/\$(\d+)/g, '?$1')
}

function toSqliteValues(params: readonly SqlValue[]): SQLInputValue[] {
  return params.map((value) => (typeof value === 'boolean' ? Number(value) : value))
}

function executor(db: DatabaseSync): SqlExecutor {
  return {
    all: async <Row>(sql: string, params: readonly SqlValue[] = []) =>
      db.prepare(toSqlite(sql)).all(...toSqliteValues(params)) as Row[],
    run: async (sql, params = []) => Number(db.prepare(toSqlite(sql)).run(...toSqliteValues(params)).changes),
  }
}

function open(file: string): DatabaseSync {
  const db = new DatabaseSync(file)
  db.exec('PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON')
  return db
}

/**
 * Two connections to one file in WAL mode: a writer, used by one transaction at a time, and a reader, which
 * sees only committed data, so a pull can never see a write that is still open (or later rolled back).
 */
export function createSqliteDriver(file: string): SqlDriver {
  mkdirSync(dirname(file), { recursive: true })
  const writerDb = open(file)
  writerDb.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL')
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
      await writeLock.run(WRITER, async () => {
        readerDb.close()
        writerDb.close()
      })
    },
  }
}
