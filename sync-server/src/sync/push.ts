import type { SessionUser } from '../../../domain/auth/roles.ts'
import type { CollectionName } from '../../../domain/collections.ts'
import { deepEqual, withTombstoneFlag, type WireDocument } from '../../../domain/documents.ts'
import { checkWrite } from '../../../domain/permissions.ts'
import type { PushRow } from '../../../domain/sync/sync-wire.ts'
import { validateDocument } from '../../../domain/validation.ts'
import { badRequest, forbidden } from '../errors.ts'
import type { RelatedQuery, Store, WritePlan } from '../store/index.ts'
import { courseRules } from './course-rules.ts'
import { planConflicts } from './plan-conflicts.ts'

/**
 * A rule across the documents of a school (e.g. no double booking): the live documents a push must be checked
 * against, read in the write's transaction so that concurrent pushes cannot both pass, and the rule itself.
 */
export interface CrossDocumentCheck {
  /** What to read for these pushed documents; empty when none of them is concerned. */
  related(pushed: readonly WireDocument[]): RelatedQuery[]
  /** What is wrong with writing `writes` over `related` (the stored versions of `writes` among them). */
  problems(writes: readonly WireDocument[], related: readonly WireDocument[]): string[]
  /** What of the pushed documents (every row, conflicting ones too) `user` may not write, given `related` (403). */
  forbidden?(user: SessionUser, pushed: readonly WireDocument[], related: readonly WireDocument[]): string[]
}

const CROSS_DOCUMENT_CHECKS: Partial<Record<CollectionName, CrossDocumentCheck>> = {
  timetable: planConflicts,
  courses: courseRules,
}

// The same form as the stored documents, so comparing them with the rows is meaningful.
function withTombstoneFlags({ assumedMasterState, newDocumentState }: PushRow): PushRow {
  return {
    assumedMasterState: assumedMasterState && withTombstoneFlag(assumedMasterState),
    newDocumentState: withTombstoneFlag(newDocumentState),
  }
}

/**
 * A rule of a collection's writes that needs more than the two documents (the server's clock, the writer's
 * classes): what is forbidden (403) and what is invalid (400) in writing `next` over `stored`.
 */
export type RowRule = (
  next: WireDocument,
  stored: WireDocument | null,
) => { forbidden: string[]; invalid: string[] }

function refuseIfAny(errors: string[], toError: (message: string) => Error): void {
  if (errors.length > 0) throw toError(`push refused, nothing was written: ${errors.join('; ')}`)
}

function assertValid(collection: CollectionName, rows: readonly PushRow[]): void {
  const errors = rows.flatMap(({ newDocumentState }) => {
    const result = validateDocument(collection, newDocumentState)
    return result.ok ? [] : result.errors
  })
  refuseIfAny(errors, badRequest)
  const seen = new Set<string>()
  const repeated = new Set<string>()
  for (const { newDocumentState } of rows)
    (seen.has(newDocumentState.id) ? repeated : seen).add(newDocumentState.id)
  refuseIfAny(
    [...repeated].map((id) => `document ${id} appears more than once in one push`),
    badRequest,
  )
}

function assertPermitted(
  user: SessionUser,
  rows: readonly PushRow[],
  stored: ReadonlyMap<string, WireDocument>,
): void {
  const errors = rows.flatMap(({ newDocumentState: next }) => {
    const result = checkWrite(user, next, stored.get(next.id) ?? null)
    return result.ok ? [] : [result.reason]
  })
  refuseIfAny(errors, forbidden)
}

/** Only rows that would be written: a row in conflict goes back to its client, which merges and pushes again. */
function assertRule(
  rule: RowRule,
  writes: readonly WireDocument[],
  stored: ReadonlyMap<string, WireDocument>,
) {
  const problems = writes.map((next) => rule(next, stored.get(next.id) ?? null))
  refuseIfAny(
    problems.flatMap((p) => p.forbidden),
    forbidden,
  )
  refuseIfAny(
    problems.flatMap((p) => p.invalid),
    badRequest,
  )
}

/**
 * A row conflicts when the server's copy is not the one the client started from. When the server has no copy
 * at all there is nothing of anyone's to overwrite, so the client's state is accepted even if it assumed one
 * (e.g. a server restored from an older backup): refusing would leave that document stuck on the client.
 */
function isConflict(master: WireDocument | null, assumed: WireDocument | null): boolean {
  return master !== null && (assumed === null || !deepEqual(master, assumed))
}

/** Decides a push against the stored documents: throws when any row is refused, else writes and conflicts. */
export function planPush(
  user: SessionUser,
  rows: readonly PushRow[],
  stored: ReadonlyMap<string, WireDocument>,
  rule?: RowRule,
): WritePlan<WireDocument[]> {
  assertPermitted(user, rows, stored)
  const writes: WireDocument[] = []
  const conflicts: WireDocument[] = []
  for (const { assumedMasterState, newDocumentState } of rows) {
    const master = stored.get(newDocumentState.id) ?? null
    // A re-sent row (its response was lost) already is the master state: success, no new seq.
    if (master && deepEqual(master, newDocumentState)) continue
    if (isConflict(master, assumedMasterState)) conflicts.push(master as WireDocument)
    else writes.push(newDocumentState)
  }
  if (rule) assertRule(rule, writes, stored)
  return { writes, result: conflicts }
}

/**
 * Applies a push for `user`: every row is validated and permission-checked before anything is written, and
 * the rows to write must pass the collection's `rule` and cross-document check (if any); the rows that do not
 * conflict are written, each with the next seq; the master states in conflict are returned.
 */
export function push(
  store: Store,
  user: SessionUser,
  collection: CollectionName,
  pushed: readonly PushRow[],
  rule?: RowRule,
): Promise<WireDocument[]> {
  assertValid(collection, pushed)
  const rows = pushed.map(withTombstoneFlags)
  const ids = rows.map((row) => row.newDocumentState.id)
  const check = CROSS_DOCUMENT_CHECKS[collection]
  const related = check?.related(rows.map((row) => row.newDocumentState)) ?? []
  return store.writeDocuments(
    user.schoolId,
    collection,
    ids,
    (stored, relatedDocs) => {
      const plan = planPush(user, rows, stored, rule)
      if (check && related.length > 0) {
        const pushedDocs = rows.map((row) => row.newDocumentState)
        refuseIfAny(check.forbidden?.(user, pushedDocs, relatedDocs) ?? [], forbidden)
        refuseIfAny(check.problems(plan.writes, relatedDocs), badRequest)
      }
      return plan
    },
    related,
  )
}
