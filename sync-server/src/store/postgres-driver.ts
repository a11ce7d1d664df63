import pg from 'pg'
import type { SqlDriver, SqlExecutor } from './sql-driver.ts'

const INT8_OID = 20

export interface PostgresOptions {
  url: string
  /** Schema to work in (created if missing); the tests give each store its own. */
  schema?: string
  poolSize?: number
}

// Sequence numbers and timestamps are BIGINT; they stay far below 2^53, so plain numbers are exact.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID ? Number : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
}

function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    all: async <Row>(sql: string, params: readonly unknown[] = []) =>
      (await client.query(sql, [...params])).rows as Row[],
    run: async (sql, params = []) => (await client.query(sql, [...params])).rowCount ?? 0,
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/**
 * One round trip: without parameters the statements go as one simple query. The lock is what serialises a school's
 * writers across instances until commit.
 */
function beginStatement(lockKey: string | undefined): string {
  return lockKey
    ? `BEGIN; SELECT pg_advisory_xact_lock(hashtextextended(${pg.escapeLiteral(lockKey)}, 0))`
    : 'BEGIN'
}

export async function createPostgresDriver(options: PostgresOptions): Promise<SqlDriver> {
  if (options.schema) {
    const setup = new pg.Client({ connectionString: options.url })
    await setup.connect()
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(options.schema)}`)
    } finally {
      await setup.end()
    }
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    types,
    ...(options.schema ? { options: `-c search_path=${quoteIdentifier(options.schema)}` } : {}),
  })
  // A pooled connection the database ended while idle (a restart, `pg_terminate_backend`) is dropped by the pool,
  // which then reports it here; the next query opens a new one. Unheard, the report would end the process.
  pool.on('error', () => undefined)
  const shared = executor(pool)

  return {
    dialect: 'postgres',
    ...shared,
    transaction: async (work, lockKey) => {
      const client = await pool.connect()
      let broken = false
      // The connection ended between two statements: the next one fails, so the transaction does; this only keeps
      // the client's report of it from ending the process, and the client from going back to the pool.
      const onConnectionLost = () => (broken = true)
      client.on('error', onConnectionLost)
      try {
        await client.query(beginStatement(lockKey))
        const result = await work(executor(client))
        await client.query('COMMIT')
        return result
      } catch (error) {
        // A connection that cannot even roll back is dropped from the pool rather than reused.
        await client.query('ROLLBACK').catch(() => (broken = true))
        throw error
      } finally {
        client.off('error', onConnectionLost)
        client.release(broken)
      }
    },
    close: () => pool.end(),
  }
}
