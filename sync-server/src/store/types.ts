import type { SessionDevice, SessionInfo } from '../../../domain/auth/auth-wire.ts'
import type { Role } from '../../../domain/auth/roles.ts'
import type { CollectionName } from '../../../domain/collections.ts'
import type { WireDocument } from '../../../domain/documents.ts'

export type StoreKind = 'sqlite' | 'postgres'

/** A document as the store keeps it: exactly what was pushed, with the `seq` of the write that stored it. */
export interface StoredDocument {
  seq: number
  data: WireDocument
}

/** The documents one committed write stored, in `seq` order. */
export interface CommittedChange {
  schoolId: string
  collection: CollectionName
  documents: StoredDocument[]
}

export type CommitListener = (change: CommittedChange) => void

/**
 * What a write decides once it has seen the stored documents: which documents to store (each gets the next
 * `seq`) and what to answer. Throwing refuses the whole write.
 */
export interface WritePlan<T> {
  writes: WireDocument[]
  result: T
}

/**
 * Live (not deleted) documents of one kind that a write must see besides the documents it writes, e.g. to check
 * a rule across documents. `where` keeps those whose top-level string field `field` is one of `in`.
 */
export interface RelatedQuery {
  collection: CollectionName
  kind: string
  where?: { field: string; in: readonly string[] }
  /** Tombstones too (e.g. to disable the account of a deleted person). */
  includeDeleted?: boolean
}

export interface School {
  id: string
  code: string
  name: string
}

/** One login identity: a person in one school with one set of roles (a person may have several). */
export interface Account {
  id: string
  schoolId: string
  name: string
  roles: Role[]
  phone: string | null
  staffNo: string | null
  studentNo: string | null
  passwordHash: string
  mustChangePassword: boolean
  disabled: boolean
}

export interface AccountWithSchool extends Account {
  schoolName: string
}

export interface AccountListing extends Account {
  /** The last successful login (ms since the epoch), null when never. */
  lastLoginAt: number | null
}

export type RefreshOutcome =
  | { status: 'rotated'; sessionId: string; accountId: string }
  /** The session was idle too long or is too old: it is now revoked (issue 11 §10). */
  | { status: 'expired' }
  /** The token was already rotated: someone replayed it, so its session is now revoked. */
  | { status: 'reused'; sessionId: string }
  | { status: 'invalid' }

export interface AuditEntry {
  schoolId: string | null
  accountId: string | null
  action: string
  detail?: Record<string, unknown>
}

export interface DocumentStore {
  /** Documents of a collection with `seq > afterSeq`, in `seq` order, at most `limit`. */
  pull(
    schoolId: string,
    collection: CollectionName,
    afterSeq: number,
    limit: number,
  ): Promise<StoredDocument[]>
  /**
   * The one way documents are written. Under the school's write lock and in one transaction: reads the stored
   * documents with `ids` and the live documents matching any of the `related` queries, lets `plan` decide
   * (synchronously) what to write, stores the writes with the next `seq`s, commits, then tells the commit
   * listeners before the lock is released, so they hear the school's commits in `seq` order. As `related` is
   * read under the same lock, no concurrent write can change it before the plan's writes commit.
   */
  writeDocuments<T>(
    schoolId: string,
    collection: CollectionName,
    ids: readonly string[],
    plan: (stored: ReadonlyMap<string, WireDocument>, related: readonly WireDocument[]) => WritePlan<T>,
    related?: readonly RelatedQuery[],
  ): Promise<T>
  onCommit(listener: CommitListener): () => void
  /** The last seq each school has given out (schools that never wrote are absent). */
  lastSeqs(): Promise<Map<string, number>>
  /** The documents matching any of `queries`, read outside any write (what a reader sees committed). */
  findDocuments(schoolId: string, queries: readonly RelatedQuery[]): Promise<WireDocument[]>
}

export interface AccountStore {
  createSchool(school: School): Promise<void>
  listSchools(): Promise<School[]>
  createAccount(account: Account): Promise<void>
  getAccount(id: string): Promise<Account | null>
  /** Every identity whose phone, staff no. or student no. is `login`, in a stable order (school, then id). */
  findAccountsByLogin(login: string): Promise<AccountWithSchool[]>
  updatePassword(accountId: string, passwordHash: string, mustChangePassword: boolean): Promise<void>
  /** Disabling an account also ends its sessions. */
  setAccountDisabled(accountId: string, disabled: boolean): Promise<void>
  /** The accounts of a school, by id. */
  listAccounts(schoolId: string): Promise<AccountListing[]>
  /**
   * In one transaction: inserts the accounts that do not exist; of those that do, in the same school, updates
   * only name, roles, logins and `disabled` (never the password); ends the sessions of the disabled ones.
   */
  saveAccountProfiles(accounts: readonly Account[]): Promise<void>
  recordLogin(accountId: string, at: number): Promise<void>
}

export interface SessionStatus {
  /** The account is still on an initial or reset password: it may only change it (issue 11 §2). */
  mustChangePassword: boolean
}

/** When a session ends by itself: `idleMs` after its last refresh, `maxAgeMs` after it was opened. */
export interface SessionLimits {
  now: number
  idleMs: number
  maxAgeMs: number
}

export function sessionExpired(
  session: Pick<SessionInfo, 'createdAt' | 'lastUsedAt'>,
  limits: SessionLimits,
): boolean {
  return limits.now - session.lastUsedAt > limits.idleMs || limits.now - session.createdAt > limits.maxAgeMs
}

export interface SessionStore {
  createSession(
    sessionId: string,
    accountId: string,
    refreshTokenHash: string,
    opened: { device: SessionDevice; at: number; address: string },
  ): Promise<void>
  /**
   * Replaces a session's current refresh token by a new one and records the use; an old token revokes its
   * session, and so does a session past its `limits`.
   */
  rotateRefreshToken(
    oldHash: string,
    newHash: string,
    limits: SessionLimits,
    address: string,
  ): Promise<RefreshOutcome>
  /** The account's sessions not revoked (expired ones included: the caller applies its limits), newest use first. */
  listSessions(accountId: string): Promise<SessionInfo[]>
  /** What an open session's requests are allowed; null once it is revoked (or never was). */
  sessionStatus(sessionId: string): Promise<SessionStatus | null>
  revokeSession(sessionId: string): Promise<void>
  /** Revokes every open session of the account but `keptSessionId`; returns the ids it revoked. */
  revokeOtherSessions(accountId: string, keptSessionId: string): Promise<string[]>
  /** The scope fingerprint the session's last sync stream ended with; null before its first stream ended. */
  streamScope(sessionId: string): Promise<Record<string, string> | null>
  saveStreamScope(sessionId: string, fingerprint: Record<string, string>): Promise<void>
}

export interface SettingsStore {
  /** The stored value of `key`; the first caller's `create()` wins when several race. */
  getOrCreateSetting(key: string, create: () => string): Promise<string>
}

/** What the server knows of one stored blob besides its bytes (which live in files, see `blobs/`). */
export interface BlobMeta {
  schoolId: string
  /** Lower-case hex SHA-256 of the bytes: the blob's address within its school. */
  sha256: string
  size: number
  mime: string
  /** When it was first stored (ms since the epoch). */
  createdAt: number
  /** The account that first uploaded it. */
  createdBy: string
}

export interface BlobStore {
  findBlob(schoolId: string, sha256: string): Promise<BlobMeta | null>
  /** Stores `blob` unless the school already has it; `created` tells which, `blob` is what is stored. */
  saveBlob(blob: BlobMeta): Promise<{ blob: BlobMeta; created: boolean }>
  /** The bytes of the blobs `accountId` stored first in the school after `since` (ms since the epoch). */
  uploadedBytesSince(schoolId: string, accountId: string, since: number): Promise<number>
}

/** What the server keeps of one micro-site article besides its document. */
export interface SiteArticleStats {
  articleId: string
  /** Public page views counted so far. */
  views: number
  /** When the server first saw it published (ms, the server's clock); null before that. */
  publishedAt: number | null
}

export interface SiteStore {
  /** Adds `counts` (article id → views) to the school's page views. */
  addSiteViews(schoolId: string, counts: ReadonlyMap<string, number>): Promise<void>
  /** Records `at` as the first publication of the articles that have none yet. */
  recordSitePublished(schoolId: string, articleIds: readonly string[], at: number): Promise<void>
  siteArticleStats(schoolId: string): Promise<SiteArticleStats[]>
}

export interface AuditLog {
  audit(entry: AuditEntry): Promise<void>
}

export interface Store
  extends DocumentStore, AccountStore, SessionStore, SettingsStore, BlobStore, SiteStore, AuditLog {
  readonly kind: StoreKind
  close(): Promise<void>
}
