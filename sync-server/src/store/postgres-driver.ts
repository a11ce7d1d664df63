import pg from 'pg'
import { advisoryLock, type SqlDriver, type SqlExecutor } from './sql-driver.ts'

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

const statementNames = new Map<string, string>()

/**
 * A statement with parameters goes as a named prepared statement: each connection parses and plans it once, and
 * runs it after by name. The statements' texts are few (the multi-row ones vary with their row count, up to
 * `CHUNK`), so each connection keeps a bounded number of them.
 */
function prepared(sql: string, params: readonly unknown[]): pg.QueryConfig {
  if (params.length === 0) return { text: sql }
  let name = statementNames.get(sql)
  if (!name) statementNames.set(sql, (name = `campus_desk_${statementNames.size}`))
  return { name, text: sql, values: [...params] }
}

function executor(client: pg.Pool | pg.PoolClient): SqlExecutor {
  return {
    all: async <Row>(sql: string, params: readonly unknown[] = []) =>
      (await client.query(prepared(sql, params))).rows as Row[],
    run: async (sql, params = []) => (await client.query(prepared(sql, params))).rowCount ?? 0,
  }
}

export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}

/**
 * One round trip: without parameters the statements go as one simple query. The lock is what serialises a school's
 * writers across instances until commit; the transaction's id is what `committedAfterAll` asks about.
 */
function beginStatement(lockKey: string | undefined): string {
  const lock = lockKey ? `; SELECT ${advisoryLock(pg.escapeLiteral(lockKey))}` : ''
  return `BEGIN${lock}; SELECT pg_current_xact_id()::text AS xact_id`
}

/** Opens the transaction and returns its id. */
async function begin(client: pg.PoolClient, lockKey: string | undefined): Promise<string> {
  const results = (await client.query(beginStatement(lockKey))) as unknown as pg.QueryResult<{
    xact_id: string
  }>[]
  const xactId = results.at(-1)?.rows[0]?.xact_id
  if (!xactId) throw new Error('PostgreSQL gave the transaction no id')
  return xactId
}

/**
 * Whether transaction `xactId`, whose `COMMIT` got no answer, committed, asked on a connection of its own (not the
 * pool's: when the database restarts, every pooled connection may be held by a transaction asking this). With
 * `lockKey` the question waits for the lock, so for that transaction to have ended; without it, one still running
 * counts as not committed.
 */
async function committedAfterAll(
  connection: pg.ClientConfig,
  xactId: string,
  lockKey: string | undefined,
): Promise<boolean> {
  const client = new pg.Client(connection)
  client.on('error', () => undefined)
  try {
    await client.connect()
    const results = (await client.query(
      `${beginStatement(lockKey)}; SELECT pg_xact_status(${pg.escapeLiteral(xactId)}::xid8) AS status; COMMIT`,
    )) as unknown as pg.QueryResult<{ status: string | null }>[]
    return results.at(-2)?.rows[0]?.status === 'committed'
  } finally {
    await client.end().catch(() => undefined)
  }
}

/**
 * `COMMIT`, and when it fails, whether it committed all the same: a connection lost after PostgreSQL committed
 * but before its answer arrived must not make the caller write again what is already stored. Should the question
 * itself fail (the database still unreachable) the transaction counts as failed: its writes are not acknowledged,
 * though they may be stored.
 */
async function commit(
  client: pg.PoolClient,
  connection: pg.ClientConfig,
  xactId: string,
  lockKey: string | undefined,
): Promise<void> {
  try {
    await client.query('COMMIT')
  } catch (error) {
    if (await committedAfterAll(connection, xactId, lockKey).catch(() => false)) return
    throw error
  }
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
  const connection: pg.ClientConfig = {
    connectionString: options.url,
    types,
    ...(options.schema ? { options: `-c search_path=${quoteIdentifier(options.schema)}` } : {}),
  }
  const pool = new pg.Pool({ ...connection, max: options.poolSize ?? 10 })
  // A pooled connection the database ended while idle (a restart, `pg_terminate_backend`) is dropped by the pool,
  // which then reports it here; the next query opens a new one. Unheard, the report would end the process.
  pool.on('error', () => undefined)
  const shared = executor(pool)

  return {
    dialect: 'postgres',
    ...shared,
    transaction: async (work, lockKey, lockTakenBy = 'begin') => {
      const client = await pool.connect()
      let broken = false
      // The connection ended between two statements: the next one fails, so the transaction does; this only keeps
      // the client's report of it from ending the process, and the client from going back to the pool.
      const onConnectionLost = () => (broken = true)
      client.on('error', onConnectionLost)
      try {
        const xactId = await begin(client, lockTakenBy === 'begin' ? lockKey : undefined)
        const result = await work(executor(client))
        await commit(client, connection, xactId, lockKey)
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
