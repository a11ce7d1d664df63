import type { Role } from '../../../domain/auth/roles.ts'
import type { CollectionName } from '../../../domain/collections.ts'
import { withTombstoneFlag, type WireDocument } from '../../../domain/documents.ts'
import { GroupQueue } from './group-queue.ts'
import { migrate } from './migrations.ts'
import { advisoryLock, jsonField, type SqlDriver, type SqlExecutor, type SqlValue } from './sql-driver.ts'
import type {
  Account,
  AccountListing,
  AccountWithSchool,
  AuditEntry,
  BlobMeta,
  SiteArticleStats,
  CommitListener,
  CommittedChange,
  RefreshOutcome,
  RelatedQuery,
  School,
  SessionLimits,
  SessionStatus,
  Store,
  StoredDocument,
  StoreKind,
  WritePlan,
} from './types.ts'
import { sessionExpired } from './types.ts'
import {
  DEVICE_KINDS,
  type DeviceKind,
  type SessionDevice,
  type SessionInfo,
} from '../../../domain/auth/auth-wire.ts'

// Rows per multi-row statement: well under SQLite's and PostgreSQL's limits on bound parameters.
const CHUNK = 500

// Writes of one school committed in one transaction at most: bounds how long the school's lock is held.
const MAX_WRITE_GROUP = 100

type WritePlanner<T> = (
  stored: ReadonlyMap<string, WireDocument>,
  related: readonly WireDocument[],
) => WritePlan<T>

/** A `writeDocuments` call waiting for its school's next group commit. */
interface PendingWrite {
  collection: CollectionName
  ids: readonly string[]
  plan: WritePlanner<unknown>
  related: readonly RelatedQuery[]
  resolve(result: unknown): void
  reject(error: unknown): void
}

/** What a write came to in its group's transaction: its result and documents, or why its plan refused it. */
type WriteOutcome =
  | { write: PendingWrite; refused: false; result: unknown; documents: StoredDocument[] }
  | { write: PendingWrite; refused: true; error: unknown }

interface AccountRow {
  id: string
  school_id: string
  name: string
  roles: string
  phone: string | null
  staff_no: string | null
  student_no: string | null
  password_hash: string
  must_change_password: boolean | number
  disabled: boolean | number
  school_name?: string
  last_login_at?: number | string | null
}

const ACCOUNT_COLUMNS = `a.id, a.school_id, a.name, a.roles, a.phone, a.staff_no, a.student_no, a.password_hash,
  a.must_change_password, a.disabled`

const INSERT_ACCOUNTS = `INSERT INTO accounts (id, school_id, name, roles, phone, staff_no, student_no,
  password_hash, must_change_password, disabled, created_at) VALUES`

/** The values of `INSERT_ACCOUNTS` for one account. */
function accountValues(a: Account, createdAt: number): SqlValue[] {
  return [
    a.id,
    a.schoolId,
    a.name,
    JSON.stringify(a.roles),
    a.phone,
    a.staffNo,
    a.studentNo,
    a.passwordHash,
    a.mustChangePassword,
    a.disabled,
    createdAt,
  ]
}

function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    schoolId: row.school_id,
    name: row.name,
    roles: JSON.parse(row.roles) as Role[],
    phone: row.phone,
    staffNo: row.staff_no,
    studentNo: row.student_no,
    passwordHash: row.password_hash,
    mustChangePassword: Boolean(row.must_change_password),
    disabled: Boolean(row.disabled),
  }
}

interface BlobRow {
  school_id: string
  sha256: string
  size: number | string
  mime: string
  created_at: number | string
  created_by: string
}

function toBlobMeta(row: BlobRow): BlobMeta {
  return {
    schoolId: row.school_id,
    sha256: row.sha256,
    size: Number(row.size),
    mime: row.mime,
    createdAt: Number(row.created_at),
    createdBy: row.created_by,
  }
}

async function selectBlob(db: SqlExecutor, schoolId: string, sha256: string): Promise<BlobMeta | null> {
  const [row] = await db.all<BlobRow>(
    `SELECT school_id, sha256, size, mime, created_at, created_by FROM blobs WHERE school_id = $1 AND sha256 = $2`,
    [schoolId, sha256],
  )
  return row ? toBlobMeta(row) : null
}

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = []
  for (let i = 0; i < items.length; i += CHUNK) result.push(items.slice(i, i + CHUNK))
  return result
}

/** `($1, $2), ($3, $4)…` for `rows` rows of `width` values, numbered from `$first`. */
function valueRows(rows: number, width: number, first = 1): string {
  return Array.from({ length: rows }, (_, row) => {
    const params = Array.from({ length: width }, (_, col) => `$${first + row * width + col}`)
    return `(${params.join(', ')})`
  }).join(', ')
}

async function selectDocuments(
  tx: SqlExecutor,
  schoolId: string,
  collection: CollectionName,
  ids: readonly string[],
): Promise<StoredDocument[]> {
  const stored: StoredDocument[] = []
  for (const part of chunks([...new Set(ids)])) {
    const placeholders = part.map((_, i) => `$${i + 3}`).join(', ')
    const rows = await tx.all<{ seq: number; data: string }>(
      `SELECT seq, data FROM documents WHERE school_id = $1 AND collection = $2 AND id IN (${placeholders})`,
      [schoolId, collection, ...part],
    )
    for (const row of rows) stored.push({ seq: Number(row.seq), data: JSON.parse(row.data) as WireDocument })
  }
  return stored
}

/** The documents matching `query`: live ones unless it includes tombstones. By `id`, the key column is used. */
async function selectRelated(
  tx: SqlExecutor,
  dialect: StoreKind,
  schoolId: string,
  { collection, kind, where, includeDeleted = false }: RelatedQuery,
): Promise<WireDocument[]> {
  const sql = `SELECT data FROM documents WHERE school_id = $1 AND collection = $2 AND deleted IN ($3, false)
    AND ${jsonField(dialect, 'kind')} = $4`
  const params: SqlValue[] = [schoolId, collection, includeDeleted, kind]
  const statements: [string, SqlValue[]][] = where
    ? chunks(where.in).map((part) => [
        `${sql} AND ${where.field === 'id' ? 'id' : jsonField(dialect, where.field)} IN ${valueRows(1, part.length, 5)}`,
        [...params, ...part],
      ])
    : [[sql, params]]
  const docs: WireDocument[] = []
  for (const [statement, values] of statements) {
    const rows = await tx.all<{ data: string }>(statement, values)
    for (const row of rows) docs.push(JSON.parse(row.data) as WireDocument)
  }
  return docs
}

/** Takes `count` sequence numbers from the school's counter and returns the first. */
async function reserveSeqs(tx: SqlExecutor, schoolId: string, count: number): Promise<number> {
  const [row] = await tx.all<{ seq: number }>(
    `INSERT INTO school_counters (school_id, seq) VALUES ($1, $2)
     ON CONFLICT (school_id) DO UPDATE SET seq = school_counters.seq + excluded.seq RETURNING seq`,
    [schoolId, count],
  )
  if (!row) throw new Error(`no sequence counter for school ${schoolId}`)
  return Number(row.seq) - count + 1
}

/**
 * A document a write of a group stores, with its collection. With `expectedSeq` (null: absent) it is stored only if
 * its row still is as the write's plan read it, which the lock did not hold then.
 */
interface GroupRow {
  collection: CollectionName
  data: WireDocument
  expectedSeq?: number | null
}

/** A group's plans read documents that changed before its late lock was taken, or that it cannot vouch for. */
class LockNeeded extends Error {}

const rowKey = (collection: CollectionName, id: string) => `${collection}/${id}`

/** Statements of at most `CHUNK` rows, none holding one document twice (an upsert may change a row only once). */
function insertParts<Row extends GroupRow>(rows: readonly Row[]): Row[][] {
  const parts: Row[][] = []
  let keys = new Set<string>()
  for (const row of rows) {
    const key = rowKey(row.collection, row.data.id)
    const part = parts.at(-1)
    if (!part || part.length === CHUNK || keys.has(key)) {
      parts.push([row])
      keys = new Set([key])
    } else {
      part.push(row)
      keys.add(key)
    }
  }
  return parts
}

const UPSERT_DOCUMENTS = `INSERT INTO documents (school_id, collection, id, seq, deleted, updated_at, data)`

const ON_STORED_DOCUMENT = `ON CONFLICT (school_id, collection, id) DO UPDATE SET
  seq = excluded.seq, deleted = excluded.deleted, updated_at = excluded.updated_at, data = excluded.data`

/**
 * Gives `rows` the next seqs of the school, in order, and upserts them: on SQLite a counter statement, then one
 * multi-row statement (in process, a statement costs no round trip); on PostgreSQL one statement does both, and
 * first takes the lock `lateLockKey` when given.
 */
async function upsertRows(
  tx: SqlExecutor,
  dialect: StoreKind,
  schoolId: string,
  rows: readonly GroupRow[],
  lateLockKey?: string,
): Promise<number[]> {
  if (rows.length === 0) return []
  if (dialect === 'postgres') {
    const seqs: number[] = []
    for (const part of insertParts(rows))
      seqs.push(...(await reserveAndUpsert(tx, schoolId, part, lateLockKey)))
    return seqs
  }
  const firstSeq = await reserveSeqs(tx, schoolId, rows.length)
  const withSeqs = rows.map((row, i) => ({ ...row, seq: firstSeq + i }))
  for (const part of insertParts(withSeqs)) {
    const params = part.flatMap(({ collection, seq, data }): SqlValue[] => [
      schoolId,
      collection,
      data.id,
      seq,
      data._deleted,
      data.updatedAt,
      JSON.stringify(data),
    ])
    await tx.run(`${UPSERT_DOCUMENTS} VALUES ${valueRows(part.length, 7)} ${ON_STORED_DOCUMENT}`, params)
  }
  return withSeqs.map((row) => row.seq)
}

const PART_COLUMNS = 8

/**
 * PostgreSQL: takes `part.length` seqs from the school's counter and upserts `part` under them, in order, in one
 * statement (one round trip fewer than the counter's own); returns their seqs. With `lateLockKey` the statement
 * first takes that lock. A row with `expectedSeq` is stored only if its stored row still has that seq (or, null,
 * still is absent): `ON CONFLICT` sees the newest committed row, not the statement's snapshot, which was taken
 * before the lock. Throws `LockNeeded` if one is not.
 */
async function reserveAndUpsert(
  tx: SqlExecutor,
  schoolId: string,
  part: readonly GroupRow[],
  lateLockKey?: string,
): Promise<number[]> {
  const params = part.flatMap(({ collection, data, expectedSeq }, i): SqlValue[] => [
    i,
    collection,
    data.id,
    data._deleted,
    data.updatedAt,
    JSON.stringify(data),
    expectedSeq !== undefined,
    expectedSeq ?? null,
  ])
  const lockKeyParam = 3 + part.length * PART_COLUMNS
  const lock = lateLockKey ? `FROM (SELECT ${advisoryLock(`$${lockKeyParam}`)}) AS school_lock` : ''
  const rows = await tx.all<{ seq: number }>(
    `WITH part (n, collection, id, deleted, updated_at, data, guarded, expected_seq) AS (
       VALUES ${valueRows(part.length, PART_COLUMNS, 3)}
     ), counter AS (
       INSERT INTO school_counters (school_id, seq) SELECT $1, $2 ${lock}
       ON CONFLICT (school_id) DO UPDATE SET seq = school_counters.seq + excluded.seq RETURNING seq
     )
     ${UPSERT_DOCUMENTS}
     SELECT $1, part.collection, part.id, counter.seq - $2 + 1 + part.n::bigint, part.deleted::boolean,
       part.updated_at::bigint, part.data
     FROM counter, part
     ${ON_STORED_DOCUMENT}
     WHERE NOT EXISTS (SELECT 1 FROM part WHERE part.collection = excluded.collection AND part.id = excluded.id
       AND part.guarded::boolean AND part.expected_seq::bigint IS DISTINCT FROM documents.seq)
     RETURNING seq`,
    [schoolId, part.length, ...params, ...(lateLockKey ? [lateLockKey] : [])],
  )
  if (rows.length < part.length) throw new LockNeeded()
  const firstSeq = Math.min(...rows.map((row) => Number(row.seq)))
  return part.map((_, i) => firstSeq + i)
}

/**
 * The stored documents of every write of a group by `rowKey`, read with one statement per collection, and the seq
 * each key read had (null: absent).
 */
async function selectGroupDocuments(
  tx: SqlExecutor,
  schoolId: string,
  writes: readonly PendingWrite[],
): Promise<{ stored: Map<string, WireDocument>; readSeqs: Map<string, number | null> }> {
  const idsByCollection = new Map<CollectionName, string[]>()
  for (const { collection, ids } of writes)
    idsByCollection.set(collection, [...(idsByCollection.get(collection) ?? []), ...ids])
  const stored = new Map<string, WireDocument>()
  const readSeqs = new Map<string, number | null>()
  for (const [collection, ids] of idsByCollection) {
    for (const id of ids) readSeqs.set(rowKey(collection, id), null)
    for (const { seq, data } of await selectDocuments(tx, schoolId, collection, ids)) {
      stored.set(rowKey(collection, data.id), data)
      readSeqs.set(rowKey(collection, data.id), seq)
    }
  }
  return { stored, readSeqs }
}

/**
 * The seq `data`'s row had when the group read it, the first time a write of the group stores it (later ones store
 * over the group's own row).
 */
function claimRead(
  readSeqs: Map<string, number | null>,
  data: WireDocument,
  collection: CollectionName,
): Pick<GroupRow, 'expectedSeq'> {
  const key = rowKey(collection, data.id)
  if (!readSeqs.has(key)) return {}
  const expectedSeq = readSeqs.get(key) ?? null
  readSeqs.delete(key)
  return { expectedSeq }
}

/** The stored documents of `write`'s ids, from the group's documents by `rowKey`. */
function storedOf(write: PendingWrite, stored: ReadonlyMap<string, WireDocument>): Map<string, WireDocument> {
  const own = new Map<string, WireDocument>()
  for (const id of write.ids) {
    const doc = stored.get(rowKey(write.collection, id))
    if (doc) own.set(id, doc)
  }
  return own
}

/** The store on top of a SQL driver: the same statements run on SQLite and PostgreSQL. */
export class SqlStore implements Store {
  readonly #db: SqlDriver
  readonly #writeGroups = new GroupQueue<PendingWrite>(
    (schoolId, writes) => this.#commitGroup(schoolId, writes),
    MAX_WRITE_GROUP,
  )
  readonly #listeners = new Set<CommitListener>()

  private constructor(driver: SqlDriver) {
    this.#db = driver
  }

  static async open(driver: SqlDriver): Promise<SqlStore> {
    try {
      await migrate(driver)
    } catch (error) {
      await driver.close()
      throw error
    }
    return new SqlStore(driver)
  }

  get kind() {
    return this.#db.dialect
  }

  close(): Promise<void> {
    return this.#db.close()
  }

  async pull(schoolId: string, collection: CollectionName, afterSeq: number, limit: number) {
    const rows = await this.#db.all<{ seq: number; data: string }>(
      `SELECT seq, data FROM documents WHERE school_id = $1 AND collection = $2 AND seq > $3
       ORDER BY seq LIMIT $4`,
      [schoolId, collection, afterSeq, limit],
    )
    return rows.map((row) => ({ seq: Number(row.seq), data: JSON.parse(row.data) as WireDocument }))
  }

  writeDocuments<T>(
    schoolId: string,
    collection: CollectionName,
    ids: readonly string[],
    plan: WritePlanner<T>,
    related: readonly RelatedQuery[] = [],
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const write: PendingWrite = {
        collection,
        ids,
        plan,
        related,
        resolve: resolve as (r: unknown) => void,
        reject,
      }
      this.#writeGroups.add(schoolId, write)
    })
  }

  /**
   * Commits a group of one school's writes in one transaction, then settles each in order. A write whose plan
   * refuses it is left out and fails alone; a failing statement rolls the whole group back, and each of its writes
   * is then tried again in a transaction of its own, so that it fails only itself. Nothing is acknowledged before
   * its commit.
   */
  async #commitGroup(schoolId: string, writes: PendingWrite[]): Promise<void> {
    let outcomes: WriteOutcome[]
    try {
      outcomes = await this.#runGroup(schoolId, writes)
    } catch (error) {
      if (writes.length === 1) writes[0]?.reject(error)
      else for (const write of writes) await this.#commitGroup(schoolId, [write])
      return
    }
    for (const outcome of outcomes) {
      if (outcome.refused) {
        outcome.write.reject(outcome.error)
        continue
      }
      const { write, result, documents } = outcome
      try {
        if (documents.length > 0) this.#notify({ schoolId, collection: write.collection, documents })
        write.resolve(result)
      } catch (error) {
        write.reject(error)
      }
    }
  }

  /**
   * On PostgreSQL the school's lock, which serialises the commits of every instance, is held only from the
   * statement that stores the group to its commit: the stored documents are read and the plans made before it, and
   * the statement stores nothing unless every document a plan read is still as read (else the group runs again
   * with the lock taken first, as it always is for `related` queries and on SQLite).
   */
  async #runGroup(schoolId: string, writes: PendingWrite[]): Promise<WriteOutcome[]> {
    const lockKey = `school:${schoolId}`
    if (this.kind === 'postgres' && writes.every((write) => write.related.length === 0)) {
      try {
        return await this.#db.transaction(
          (tx) => this.#applyGroup(tx, schoolId, writes, lockKey),
          lockKey,
          'work',
        )
      } catch (error) {
        if (!(error instanceof LockNeeded)) throw error
      }
    }
    return this.#db.transaction((tx) => this.#applyGroup(tx, schoolId, writes), lockKey)
  }

  /**
   * Each write sees what the writes before it in the group wrote. Their stored documents are read together first
   * and their writes stored together last; a write with `related` queries first stores what the group wrote so
   * far and then reads from the table, so that its queries see it. With `lateLockKey` (no `related` queries) the
   * lock is taken by the statement that stores the group, and each document a plan read is stored only if
   * unchanged: a refused write, or one that leaves a document it read unwritten, throws `LockNeeded`, as the
   * statement cannot vouch for what it did not store.
   */
  async #applyGroup(
    tx: SqlExecutor,
    schoolId: string,
    writes: readonly PendingWrite[],
    lateLockKey?: string,
  ): Promise<WriteOutcome[]> {
    const outcomes: WriteOutcome[] = []
    const { stored, readSeqs } = await selectGroupDocuments(tx, schoolId, writes)
    let unsaved: { documents: StoredDocument[]; rows: GroupRow[] }[] = []
    const save = async () => {
      const seqs = await upsertRows(
        tx,
        this.kind,
        schoolId,
        unsaved.flatMap(({ rows }) => rows),
        lateLockKey,
      )
      let next = 0
      for (const { documents, rows } of unsaved)
        for (const { data } of rows) documents.push({ seq: seqs[next++] as number, data })
      unsaved = []
    }
    for (const write of writes) {
      const relatedDocs: WireDocument[] = []
      if (write.related.length > 0) {
        await save()
        for (const query of write.related)
          relatedDocs.push(...(await selectRelated(tx, this.kind, schoolId, query)))
      }
      let planned: WritePlan<unknown>
      try {
        planned = write.plan(storedOf(write, stored), relatedDocs)
      } catch (error) {
        if (lateLockKey) throw new LockNeeded()
        outcomes.push({ write, refused: true, error })
        continue
      }
      const rows = planned.writes.map((doc): GroupRow => {
        const data = withTombstoneFlag(doc)
        return {
          collection: write.collection,
          data,
          ...(lateLockKey ? claimRead(readSeqs, data, write.collection) : {}),
        }
      })
      if (lateLockKey && !write.ids.every((id) => rows.some((row) => row.data.id === id)))
        throw new LockNeeded()
      // What a read of the table would give the writes after this one.
      for (const { collection, data } of rows)
        stored.set(rowKey(collection, data.id), JSON.parse(JSON.stringify(data)) as WireDocument)
      const documents: StoredDocument[] = []
      unsaved.push({ documents, rows })
      outcomes.push({ write, refused: false, result: planned.result, documents })
    }
    await save()
    return outcomes
  }

  async findDocuments(schoolId: string, queries: readonly RelatedQuery[]): Promise<WireDocument[]> {
    const docs: WireDocument[] = []
    for (const query of queries) docs.push(...(await selectRelated(this.#db, this.kind, schoolId, query)))
    return docs
  }

  async lastSeqs(): Promise<Map<string, number>> {
    const rows = await this.#db.all<{ school_id: string; seq: number }>(
      `SELECT school_id, seq FROM school_counters`,
    )
    return new Map(rows.map((row) => [row.school_id, Number(row.seq)]))
  }

  onCommit(listener: CommitListener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  #notify(change: CommittedChange): void {
    for (const listener of this.#listeners) listener(change)
  }

  async createSchool(school: School): Promise<void> {
    await this.#db.run(`INSERT INTO schools (id, code, name) VALUES ($1, $2, $3)`, [
      school.id,
      school.code,
      school.name,
    ])
  }

  listSchools(): Promise<School[]> {
    return this.#db.all<School>(`SELECT id, code, name FROM schools ORDER BY id`)
  }

  async createAccount(account: Account): Promise<void> {
    await this.#db.run(`${INSERT_ACCOUNTS} ${valueRows(1, 11)}`, accountValues(account, Date.now()))
  }

  async getAccount(id: string): Promise<Account | null> {
    const [row] = await this.#db.all<AccountRow>(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = $1`,
      [id],
    )
    return row ? toAccount(row) : null
  }

  async findAccountsByLogin(login: string): Promise<AccountWithSchool[]> {
    const rows = await this.#db.all<AccountRow>(
      `SELECT ${ACCOUNT_COLUMNS}, s.name AS school_name FROM accounts a JOIN schools s ON s.id = a.school_id
       WHERE a.phone = $1 OR a.staff_no = $1 OR a.student_no = $1 ORDER BY a.school_id, a.id`,
      [login],
    )
    return rows.map((row) => ({ ...toAccount(row), schoolName: row.school_name ?? '' }))
  }

  async updatePassword(accountId: string, passwordHash: string, mustChangePassword: boolean): Promise<void> {
    await this.#db.run(`UPDATE accounts SET password_hash = $2, must_change_password = $3 WHERE id = $1`, [
      accountId,
      passwordHash,
      mustChangePassword,
    ])
  }

  setAccountDisabled(accountId: string, disabled: boolean): Promise<void> {
    return this.#db.transaction(async (tx) => {
      await tx.run(`UPDATE accounts SET disabled = $2 WHERE id = $1`, [accountId, disabled])
      if (disabled) await revokeSessions(tx, `account_id = $2`, [accountId], Date.now())
    })
  }

  async listAccounts(schoolId: string): Promise<AccountListing[]> {
    const rows = await this.#db.all<AccountRow>(
      `SELECT ${ACCOUNT_COLUMNS}, a.last_login_at FROM accounts a WHERE a.school_id = $1 ORDER BY a.id`,
      [schoolId],
    )
    return rows.map((row) => ({
      ...toAccount(row),
      lastLoginAt: row.last_login_at == null ? null : Number(row.last_login_at),
    }))
  }

  saveAccountProfiles(accounts: readonly Account[]): Promise<void> {
    const now = Date.now()
    return this.#db.transaction(async (tx) => {
      for (const part of chunks(accounts)) await upsertAccountProfiles(tx, part, now)
      for (const part of chunks(accounts.filter((a) => a.disabled))) {
        const ids = part.map((a) => a.id)
        await revokeSessions(
          tx,
          `account_id IN (SELECT id FROM accounts WHERE disabled = $2 AND id IN ${valueRows(1, ids.length, 3)})`,
          [true, ...ids],
          now,
        )
      }
    })
  }

  async recordLogin(accountId: string, at: number): Promise<void> {
    await this.#db.run(`UPDATE accounts SET last_login_at = $2 WHERE id = $1`, [accountId, at])
  }

  createSession(
    sessionId: string,
    accountId: string,
    refreshTokenHash: string,
    { device, at, address }: { device: SessionDevice; at: number; address: string },
  ): Promise<void> {
    return this.#db.transaction(async (tx) => {
      await tx.run(`INSERT INTO sessions (id, account_id, created_at) VALUES ($1, $2, $3)`, [
        sessionId,
        accountId,
        at,
      ])
      await tx.run(
        `INSERT INTO session_devices (session_id, name, kind, last_used_at) VALUES ($1, $2, $3, $4)`,
        [sessionId, device.name, device.kind, at],
      )
      await recordAddress(tx, sessionId, address, at)
      await insertRefreshToken(tx, refreshTokenHash, sessionId, at)
    })
  }

  rotateRefreshToken(
    oldHash: string,
    newHash: string,
    limits: SessionLimits,
    address: string,
  ): Promise<RefreshOutcome> {
    const { now } = limits
    return this.#db.transaction(async (tx) => {
      const [token] = await tx.all<{
        session_id: string
        account_id: string
        revoked_at: number | null
        created_at: number
        last_used_at: number | null
      }>(
        `SELECT t.session_id, s.account_id, s.revoked_at, s.created_at, d.last_used_at FROM refresh_tokens t
         JOIN sessions s ON s.id = t.session_id LEFT JOIN session_devices d ON d.session_id = s.id
         WHERE t.token_hash = $1`,
        [oldHash],
      )
      if (!token || token.revoked_at !== null) return { status: 'invalid' }
      const createdAt = Number(token.created_at)
      if (sessionExpired({ createdAt, lastUsedAt: Number(token.last_used_at ?? createdAt) }, limits)) {
        await revokeSessions(tx, `id = $2`, [token.session_id], now)
        return { status: 'expired' }
      }
      const rotated = await tx.run(
        `UPDATE refresh_tokens SET rotated_at = $2 WHERE token_hash = $1 AND rotated_at IS NULL`,
        [oldHash, now],
      )
      if (rotated === 0) {
        await revokeSessions(tx, `id = $2`, [token.session_id], now)
        return { status: 'reused', sessionId: token.session_id }
      }
      await insertRefreshToken(tx, newHash, token.session_id, now)
      await tx.run(`UPDATE session_devices SET last_used_at = $2 WHERE session_id = $1`, [
        token.session_id,
        now,
      ])
      await recordAddress(tx, token.session_id, address, now)
      return { status: 'rotated', sessionId: token.session_id, accountId: token.account_id }
    })
  }

  async listSessions(accountId: string): Promise<SessionInfo[]> {
    const rows = await this.#db.all<{
      id: string
      device_name: string | null
      device_kind: string | null
      created_at: number
      last_used_at: number | null
      address: string | null
    }>(
      `SELECT s.id, d.name AS device_name, d.kind AS device_kind, s.created_at, d.last_used_at, a.address
       FROM sessions s LEFT JOIN session_devices d ON d.session_id = s.id
       LEFT JOIN session_addresses a ON a.session_id = s.id
       WHERE s.account_id = $1 AND s.revoked_at IS NULL`,
      [accountId],
    )
    return rows
      .map((row) => ({
        id: row.id,
        device: { name: row.device_name ?? '', kind: deviceKind(row.device_kind) },
        createdAt: Number(row.created_at),
        lastUsedAt: Number(row.last_used_at ?? row.created_at),
        address: row.address,
      }))
      .sort((a, b) => b.lastUsedAt - a.lastUsedAt || a.id.localeCompare(b.id))
  }

  async sessionStatus(sessionId: string): Promise<SessionStatus | null> {
    const [row] = await this.#db.all<{ must_change_password: boolean | number }>(
      `SELECT a.must_change_password FROM sessions s JOIN accounts a ON a.id = s.account_id
       WHERE s.id = $1 AND s.revoked_at IS NULL`,
      [sessionId],
    )
    return row ? { mustChangePassword: Boolean(row.must_change_password) } : null
  }

  revokeSession(sessionId: string): Promise<void> {
    return revokeSessions(this.#db, `id = $2`, [sessionId], Date.now())
  }

  async revokeOtherSessions(accountId: string, keptSessionId: string): Promise<string[]> {
    const rows = await this.#db.all<{ id: string }>(
      `UPDATE sessions SET revoked_at = $1 WHERE revoked_at IS NULL AND account_id = $2 AND id <> $3 RETURNING id`,
      [Date.now(), accountId, keptSessionId],
    )
    return rows.map((row) => row.id)
  }
  async streamScope(sessionId: string): Promise<Record<string, string> | null> {
    const [row] = await this.#db.all<{ scope: string }>(
      `SELECT scope FROM session_stream_scopes WHERE session_id = $1`,
      [sessionId],
    )
    return row ? (JSON.parse(row.scope) as Record<string, string>) : null
  }

  async saveStreamScope(sessionId: string, fingerprint: Record<string, string>): Promise<void> {
    await this.#db.run(
      `INSERT INTO session_stream_scopes (session_id, scope) VALUES ($1, $2)
       ON CONFLICT (session_id) DO UPDATE SET scope = excluded.scope`,
      [sessionId, JSON.stringify(fingerprint)],
    )
  }

  getOrCreateSetting(key: string, create: () => string): Promise<string> {
    return this.#db.transaction(async (tx) => {
      await tx.run(`INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING`, [
        key,
        create(),
      ])
      const [row] = await tx.all<{ value: string }>(`SELECT value FROM settings WHERE key = $1`, [key])
      if (!row) throw new Error(`setting ${key} was not stored`)
      return row.value
    })
  }

  findBlob(schoolId: string, sha256: string): Promise<BlobMeta | null> {
    return selectBlob(this.#db, schoolId, sha256)
  }

  saveBlob(blob: BlobMeta): Promise<{ blob: BlobMeta; created: boolean }> {
    return this.#db.transaction(async (tx) => {
      const inserted = await tx.run(
        `INSERT INTO blobs (school_id, sha256, size, mime, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (school_id, sha256) DO NOTHING`,
        [blob.schoolId, blob.sha256, blob.size, blob.mime, blob.createdAt, blob.createdBy],
      )
      const stored = await selectBlob(tx, blob.schoolId, blob.sha256)
      if (!stored) throw new Error(`blob ${blob.sha256} was not stored`)
      return { blob: stored, created: inserted > 0 }
    })
  }

  async uploadedBytesSince(schoolId: string, accountId: string, since: number): Promise<number> {
    const [row] = await this.#db.all<{ total: number | string | null }>(
      `SELECT SUM(size) AS total FROM blobs WHERE school_id = $1 AND created_by = $2 AND created_at > $3`,
      [schoolId, accountId, since],
    )
    return Number(row?.total ?? 0)
  }

  async addSiteViews(schoolId: string, counts: ReadonlyMap<string, number>): Promise<void> {
    if (counts.size === 0) return
    await this.#db.transaction(async (tx) => {
      for (const [articleId, views] of counts)
        await tx.run(
          `INSERT INTO site_articles (school_id, article_id, views, published_at) VALUES ($1, $2, $3, NULL)
           ON CONFLICT (school_id, article_id) DO UPDATE SET views = site_articles.views + excluded.views`,
          [schoolId, articleId, views],
        )
    })
  }

  async recordSitePublished(schoolId: string, articleIds: readonly string[], at: number): Promise<void> {
    if (articleIds.length === 0) return
    await this.#db.transaction(async (tx) => {
      for (const articleId of articleIds)
        await tx.run(
          `INSERT INTO site_articles (school_id, article_id, views, published_at) VALUES ($1, $2, 0, $3)
           ON CONFLICT (school_id, article_id) DO UPDATE
           SET published_at = COALESCE(site_articles.published_at, excluded.published_at)`,
          [schoolId, articleId, at],
        )
    })
  }

  async siteArticleStats(schoolId: string): Promise<SiteArticleStats[]> {
    const rows = await this.#db.all<{
      article_id: string
      views: number | string
      published_at: number | string | null
    }>(`SELECT article_id, views, published_at FROM site_articles WHERE school_id = $1`, [schoolId])
    return rows.map((row) => ({
      articleId: row.article_id,
      views: Number(row.views),
      publishedAt: row.published_at === null ? null : Number(row.published_at),
    }))
  }

  async audit(entry: AuditEntry): Promise<void> {
    await this.#db.run(
      `INSERT INTO audit_log (at, school_id, account_id, action, detail) VALUES ($1, $2, $3, $4, $5)`,
      [
        Date.now(),
        entry.schoolId,
        entry.accountId,
        entry.action,
        entry.detail ? JSON.stringify(entry.detail) : null,
      ],
    )
  }
}

/** The account columns that follow the address book; an id of another school is left alone. */
async function upsertAccountProfiles(
  tx: SqlExecutor,
  accounts: readonly Account[],
  now: number,
): Promise<void> {
  await tx.run(
    `${INSERT_ACCOUNTS} ${valueRows(accounts.length, 11)}
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, roles = excluded.roles, phone = excluded.phone,
       staff_no = excluded.staff_no, student_no = excluded.student_no, disabled = excluded.disabled
     WHERE accounts.school_id = excluded.school_id`,
    accounts.flatMap((account) => accountValues(account, now)),
  )
}

async function recordAddress(tx: SqlExecutor, sessionId: string, address: string, at: number): Promise<void> {
  await tx.run(
    `INSERT INTO session_addresses (session_id, address, seen_at) VALUES ($1, $2, $3)
     ON CONFLICT (session_id) DO UPDATE SET address = excluded.address, seen_at = excluded.seen_at`,
    [sessionId, address, at],
  )
}

async function insertRefreshToken(
  tx: SqlExecutor,
  hash: string,
  sessionId: string,
  now: number,
): Promise<void> {
  await tx.run(`INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES ($1, $2, $3)`, [
    hash,
    sessionId,
    now,
  ])
}

/** Sessions opened before devices were recorded count as browsers. */
function deviceKind(stored: string | null): DeviceKind {
  return DEVICE_KINDS.find((kind) => kind === stored) ?? 'browser'
}

/** Revokes the sessions matching `where` (its parameters start at `$2`; `$1` is the time). */
async function revokeSessions(
  db: SqlExecutor,
  where: string,
  params: SqlValue[],
  now: number,
): Promise<void> {
  await db.run(`UPDATE sessions SET revoked_at = $1 WHERE revoked_at IS NULL AND ${where}`, [now, ...params])
}
