import { deepEqual, type WireDocument } from '../documents.ts'

/** One of the user's edits that could not be kept because the server changed the same thing. */
export interface LostEdit {
  field: string
  mine: unknown
  theirs: unknown
}

export interface MergeResult<T extends WireDocument> {
  merged: T
  lost: LostEdit[]
}

type Fields = Record<string, unknown>

// Identity and informational fields are never edits; `_deleted` is handled on its own.
const NOT_EDITS = new Set(['id', 'updatedAt', '_deleted'])

function changedFields(from: Fields | undefined, to: Fields, other: Fields): string[] {
  const names = new Set([...Object.keys(to), ...Object.keys(other), ...Object.keys(from ?? {})])
  return [...names].filter((f) => !NOT_EDITS.has(f) && (!from || !deepEqual(from[f], to[f])))
}

/**
 * Three-way merge used by the replication conflict handler (DESIGN §5). Fields changed only locally are kept,
 * fields changed only on the server are taken; where both changed a field differently the server's value wins
 * and the local value is reported in `lost`, so the user can re-apply it. Without a common base every field
 * that differs counts as changed on both sides. A delete on one side against an edit on the other keeps the
 * server's state and reports what was lost.
 */
export function mergeDocuments<T extends WireDocument>(
  base: T | undefined,
  mine: T,
  theirs: T,
): MergeResult<T> {
  const baseFields = base as Fields | undefined
  const mineFields = mine as Fields
  const theirsFields = theirs as Fields
  const mineChanged = changedFields(baseFields, mineFields, theirsFields).filter(
    (f) => !deepEqual(mineFields[f], theirsFields[f]),
  )
  const theirsChanged = new Set(changedFields(baseFields, theirsFields, mineFields))
  const lostValue = (field: string): LostEdit => ({
    field,
    mine: mineFields[field],
    theirs: theirsFields[field],
  })

  if (theirs._deleted) {
    return { merged: theirs, lost: mine._deleted ? [] : mineChanged.map(lostValue) }
  }
  if (mine._deleted) {
    if (theirsChanged.size > 0) return { merged: theirs, lost: [lostValue('_deleted')] }
    return { merged: { ...theirs, _deleted: true }, lost: [] }
  }
  const merged: Fields = { ...theirsFields }
  const lost: LostEdit[] = []
  for (const field of mineChanged) {
    if (theirsChanged.has(field)) lost.push(lostValue(field))
    else merged[field] = mineFields[field]
  }
  merged.updatedAt = Math.max(mine.updatedAt, theirs.updatedAt)
  const withoutRemoved = Object.entries(merged).filter(([, value]) => value !== undefined)
  return { merged: Object.fromEntries(withoutRemoved) as unknown as T, lost }
}
