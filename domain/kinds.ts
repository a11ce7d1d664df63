import type { SessionUser } from './auth/roles.ts'
import type { CollectionName } from './collections.ts'
import type { BaseDocument, WireDocument } from './documents.ts'

export type JsonSchema = Record<string, unknown>

/**
 * What a user may see beyond their role, worked out by the server from the address book before a pull or a
 * stream event (DESIGN §5 visibility): the classes they teach and the students they may see.
 */
export interface ReadScope {
  /** Classes the user is head teacher or subject teacher of. */
  classIds: ReadonlySet<string>
  /** Students of those classes, plus a guardian's own children and a student themself. */
  studentIds: ReadonlySet<string>
  /** Notices the user wrote or is CC on: they read those notices' receipts. */
  noticeIds?: ReadonlySet<string>
  /** For guardians and students: the teachers of their children's (their own) classes, the staff they see. */
  staffIds?: ReadonlySet<string>
  /** The school shows those teachers' phone numbers to guardians and students (`SchoolSettings`). */
  staffPhonesVisible?: boolean
  /**
   * Listed courses the user reads (DESIGN §7.3): for staff every listed course of the school, for students and
   * guardians those shared with their (their children's) classes. Admins read every course without it.
   */
  courseIds?: ReadonlySet<string>
  /** Courses the user is the author of: they read every chapter of those. */
  ownCourseIds?: ReadonlySet<string>
}

export const EMPTY_SCOPE: ReadScope = { classIds: new Set(), studentIds: new Set() }

export type PermissionResult = { ok: true } | { ok: false; reason: string }

export const allowed: PermissionResult = { ok: true }

export function denied(reason: string): PermissionResult {
  return { ok: false, reason }
}

/**
 * Everything the app and the server need to know about one document kind: where it lives, its schema,
 * who may read it and who may write it. Adding a kind to the app means adding one of these.
 */
export interface KindDefinition<T extends BaseDocument = BaseDocument> {
  kind: T['kind']
  collection: CollectionName
  /** JSON Schema (2020-12) of the whole document, common fields included, `_deleted` excluded. */
  schema: JsonSchema
  /** Rules across fields the schema cannot express; run by `validateDocument` once the schema passed. */
  check?(doc: T): string[]
  /**
   * `stored` is the current server copy (null when the document is new); `next` the state being written, with
   * `_deleted: true` when it is a delete (see `isDeletion`). `next` may also be a `creationProbe` (only the
   * common and author fields, `stored` null): fields it lacks must not make the rule throw.
   */
  canWrite(user: SessionUser, next: T, stored: T | null): PermissionResult
  /** `scope`: the address-book part of the user's visibility (only org kinds use it). */
  canRead(user: SessionUser, doc: T, scope: ReadScope): boolean
  /**
   * The fields of a readable `doc` that `user` may see (a field-level projection), applied by pull and stream
   * after `canRead`. Returns `doc` itself when nothing is hidden. Without it, readers see every field.
   */
  project?(user: SessionUser, doc: T, scope: ReadScope): T
}

/** Is this write a delete (a tombstone)? `canWrite` gets the tombstone flag on both ends. */
export function isDeletion(next: BaseDocument): boolean {
  return (next as Partial<WireDocument>)._deleted === true
}

/** JSON Schema fragments shared by every kind. */
export const commonProperties = {
  id: { type: 'string', minLength: 1, maxLength: 64 },
  schoolId: { type: 'string', minLength: 1, maxLength: 64 },
  updatedAt: { type: 'number', minimum: 0 },
} as const

export const nonBlankString = (maxLength: number) =>
  ({ type: 'string', minLength: 1, maxLength, pattern: '\\S' }) as const

/** Builds the schema of a kind: the common fields plus its own, no other properties. */
export function kindSchema(
  kind: string,
  properties: Record<string, unknown>,
  required: readonly string[],
): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: kind,
    type: 'object',
    properties: { ...commonProperties, kind: { const: kind }, ...properties },
    required: ['id', 'kind', 'schoolId', 'updatedAt', ...required],
    additionalProperties: false,
  }
}
