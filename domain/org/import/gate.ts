import type { SessionUser } from '../../auth/roles.ts'
import type { BaseDocument } from '../../documents.ts'
import { checkWrite } from '../../permissions.ts'
import { validateDocument } from '../../validation.ts'
import { WRITE_ORDER, type AddressBook, type ImportWrites } from './report.ts'

/**
 * The repository's gate (schema, then permission) run over every document of every kind before the first
 * `bulkPut`: `bulkPut` is all-or-nothing for one kind only, an import writes several. The reasons of all
 * refusals, empty when everything would be accepted.
 */
export function refusedWrites(
  writes: ImportWrites,
  book: AddressBook,
  user: SessionUser,
  now: number,
): string[] {
  const stored = new Map<string, BaseDocument>()
  for (const docs of Object.values(book) as (readonly BaseDocument[])[]) {
    for (const doc of docs) stored.set(doc.id, doc)
  }
  const reasons: string[] = []
  for (const kind of WRITE_ORDER) {
    for (const put of writes[kind]) {
      const doc = { ...put, schoolId: user.schoolId, updatedAt: now }
      const validation = validateDocument('org', doc)
      if (!validation.ok) reasons.push(...validation.errors)
      const allowed = checkWrite(user, doc, stored.get(doc.id) ?? null)
      if (!allowed.ok) reasons.push(allowed.reason)
    }
  }
  return reasons
}
