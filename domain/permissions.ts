import type { SessionUser } from './auth/roles.ts'
import type { BaseDocument } from './documents.ts'
import { allowed, denied, EMPTY_SCOPE, type PermissionResult, type ReadScope } from './kinds.ts'
import { kindDefinition } from './registry.ts'

/**
 * May `user` write `next` over `stored` (null when new)? Deletes are writes of a tombstone.
 * The renderer asks the same question to hide what the server would refuse.
 */
export function checkWrite<T extends BaseDocument>(
  user: SessionUser,
  next: T,
  stored: T | null,
): PermissionResult {
  const label = `${next.kind} ${next.id}`
  if (next.schoolId !== user.schoolId) return denied(`${label}: belongs to another school`)
  if (stored && stored.schoolId !== next.schoolId) return denied(`${label}: cannot move to another school`)
  if (stored && stored.kind !== next.kind) return denied(`${label}: kind cannot change from ${stored.kind}`)
  const definition = kindDefinition(next.kind)
  if (!definition) return denied(`${label}: unknown kind`)
  const result = definition.canWrite(user, next, stored)
  return result.ok ? allowed : denied(`${label}: ${result.reason}`)
}

/**
 * A new document of `kind` in `user`'s name that holds only the common fields and the author fields (`authorId`,
 * `createdBy`): asked of `checkWrite`, it says whether `user` may create documents of that kind at all (a
 * screen's "New" button). The full check runs again on save. Every kind's `canWrite` must answer it.
 */
export function creationProbe(user: SessionUser, kind: string): BaseDocument {
  const author = { authorId: user.id, createdBy: user.id }
  return { id: 'new', kind, schoolId: user.schoolId, updatedAt: 0, ...author } as BaseDocument
}

/** Visibility (DESIGN §5): what a pull may return to `user`, whose address-book scope is `scope`. */
export function canRead(user: SessionUser, doc: BaseDocument, scope: ReadScope = EMPTY_SCOPE): boolean {
  if (doc.schoolId !== user.schoolId) return false
  const definition = kindDefinition(doc.kind)
  return definition ? definition.canRead(user, doc, scope) : false
}

/**
 * What `user` sees of `doc`: null when they may not read it, else the document with only the fields they may
 * see (the same object when nothing is hidden). Pull and stream send this.
 */
export function readableView<T extends BaseDocument>(
  user: SessionUser,
  doc: T,
  scope: ReadScope = EMPTY_SCOPE,
): T | null {
  if (doc.schoolId !== user.schoolId) return null
  const definition = kindDefinition(doc.kind)
  if (!definition?.canRead(user, doc, scope)) return null
  return definition.project ? (definition.project(user, doc, scope) as T) : doc
}
