import { jsonField, type SqlDriver, type SqlExecutor } from './sql-driver.ts'
import type { StoreKind } from './types.ts'

interface ColumnTypes {
  bigint: string
  bool: string
  autoId: string
}

const COLUMN_TYPES: Record<StoreKind, ColumnTypes> = {
  sqlite: { bigint: 'INTEGER', bool: 'INTEGER', autoId: 'INTEGER PRIMARY KEY AUTOINCREMENT' },
  postgres: { bigint: 'BIGINT', bool: 'BOOLEAN', autoId: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY' },
}

/** The version of the migration that gives stored documents their `_deleted` flag. */
export const TOMBSTONE_FLAG_MIGRATION = 5

/** Each migration is a list of statements; both stores get the same tables, columns and indexes. */
const MIGRATIONS: ((t: ColumnTypes, dialect: StoreKind) => string[])[] = [
  (t) => [
    `CREATE TABLE schools (id TEXT PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL)`,
    `CREATE TABLE school_counters (school_id TEXT PRIMARY KEY, seq ${t.bigint} NOT NULL)`,
    `CREATE TABLE documents (
      school_id TEXT NOT NULL,
      collection TEXT NOT NULL,
      id TEXT NOT NULL,
      seq ${t.bigint} NOT NULL,
      deleted ${t.bool} NOT NULL,
      updated_at ${t.bigint} NOT NULL,
      data TEXT NOT NULL,
      PRIMARY KEY (school_id, collection, id)
    )`,
    `CREATE UNIQUE INDEX documents_pull ON documents (school_id, collection, seq)`,
    `CREATE TABLE accounts (
      id TEXT PRIMARY KEY,
      school_id TEXT NOT NULL REFERENCES schools (id),
      name TEXT NOT NULL,
      roles TEXT NOT NULL,
      phone TEXT,
      staff_no TEXT,
      student_no TEXT,
      password_hash TEXT NOT NULL,
      must_change_password ${t.bool} NOT NULL,
      disabled ${t.bool} NOT NULL,
      created_at ${t.bigint} NOT NULL
    )`,
    `CREATE INDEX accounts_phone ON accounts (phone)`,
    `CREATE INDEX accounts_staff_no ON accounts (staff_no)`,
    `CREATE INDEX accounts_student_no ON accounts (student_no)`,
    `CREATE TABLE sessions (
      id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL REFERENCES accounts (id),
      created_at ${t.bigint} NOT NULL,
      revoked_at ${t.bigint}
    )`,
    `CREATE INDEX sessions_account ON sessions (account_id)`,
    `CREATE TABLE refresh_tokens (
      token_hash TEXT PRIMARY KEY,
      session_id TEXT NOT NULL REFERENCES sessions (id),
      created_at ${t.bigint} NOT NULL,
      rotated_at ${t.bigint}
    )`,
    `CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id)`,
    `CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
    `CREATE TABLE audit_log (
      id ${t.autoId},
      at ${t.bigint} NOT NULL,
      school_id TEXT,
      account_id TEXT,
      action TEXT NOT NULL,
      detail TEXT
    )`,
    `CREATE INDEX audit_log_school ON audit_log (school_id, at)`,
  ],
  // The documents of one kind, for the related documents of a write (cross-document checks).
  (_, dialect) => [
    `CREATE INDEX documents_kind ON documents (school_id, collection, ${jsonField(dialect, 'kind')})`,
  ],
  // When each identity last logged in: the admin's "joined / not yet logged in" filter.
  (t) => [`ALTER TABLE accounts ADD COLUMN last_login_at ${t.bigint}`],
  // What is known of each school's blobs; their bytes are files (see blobs/blob-files.ts).
  (t) => [
    `CREATE TABLE blobs (
      school_id TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      size ${t.bigint} NOT NULL,
      mime TEXT NOT NULL,
      created_at ${t.bigint} NOT NULL,
      created_by TEXT NOT NULL,
      PRIMARY KEY (school_id, sha256)
    )`,
  ],
  // Documents stored before `_deleted` was normalised on entry get the flag their `deleted` column holds.
  (_, dialect) => [
    dialect === 'sqlite'
      ? `UPDATE documents SET data = json_set(data, '$._deleted', json(CASE WHEN deleted THEN 'true' ELSE 'false' END))
         WHERE json_type(data, '$._deleted') IS NULL`
      : `UPDATE documents SET data = jsonb_set(data::jsonb, '{_deleted}', to_jsonb(deleted))::text
         WHERE NOT (data::jsonb ? '_deleted')`,
  ],
  // Signed-in devices and session lifetimes (issue 11 §10): what each session was opened from, its last use.
  // A table of its own, made only when missing, so the migration can run again over a rewound schema_version.
  (t) => [
    `CREATE TABLE IF NOT EXISTS session_devices (
      session_id TEXT PRIMARY KEY REFERENCES sessions (id),
      name TEXT NOT NULL,
      kind TEXT NOT NULL,
      last_used_at ${t.bigint} NOT NULL
    )`,
  ],
  // The micro-site's articles as the server sees them (DESIGN §7.2): page views, and when each first went public
  // by the server's clock (the date the public pages show and order by when no `publishAt` is set).
  (t) => [
    `CREATE TABLE IF NOT EXISTS site_articles (
      school_id TEXT NOT NULL,
      article_id TEXT NOT NULL,
      views ${t.bigint} NOT NULL,
      published_at ${t.bigint},
      PRIMARY KEY (school_id, article_id)
    )`,
  ],
  // Where each signed-in device was last used from (issue 11 §10, OWASP ASVS 7.5.2): set at login and each refresh.
  (t) => [
    `CREATE TABLE IF NOT EXISTS session_addresses (
      session_id TEXT PRIMARY KEY REFERENCES sessions (id),
      address TEXT NOT NULL,
      seen_at ${t.bigint} NOT NULL
    )`,
  ],
  // The scope fingerprint each session's last sync stream ended with (DESIGN §5, issue 16 §3): every instance, and
  // a restarted server, tells a device that comes back with another scope to pull the scoped collections from 0.
  () => [
    `CREATE TABLE IF NOT EXISTS session_stream_scopes (
      session_id TEXT PRIMARY KEY REFERENCES sessions (id),
      scope TEXT NOT NULL
    )`,
  ],
]

async function appliedVersion(tx: SqlExecutor): Promise<number> {
  await tx.run(
    `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at BIGINT NOT NULL)`,
  )
  const [row] = await tx.all<{ version: number | null }>(`SELECT MAX(version) AS version FROM schema_version`)
  return row?.version ?? 0
}

/** Brings the database up to the newest schema; several instances starting together apply it once. */
export async function migrate(driver: SqlDriver): Promise<void> {
  const types = COLUMN_TYPES[driver.dialect]
  await driver.transaction(async (tx) => {
    const current = await appliedVersion(tx)
    for (const [index, migration] of MIGRATIONS.entries()) {
      const version = index + 1
      if (version <= current) continue
      for (const statement of migration(types, driver.dialect)) await tx.run(statement)
      await tx.run(`INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)`, [version, Date.now()])
    }
  }, 'campus-desk:migrations')
}
