import type { SessionUser } from '../../../domain/auth/roles.ts'
import type { BaseDocument } from '../../../domain/documents.ts'
import type { CampusDatabase } from './database.ts'
import { WHOLE_DOCUMENT, type LostEdit } from './lost-edits.ts'
import { createRepository, type Changes } from './repository.ts'

/**
 * "Re-apply my value": writes the user's lost value again as a new local edit (through the repository's
 * validation and permission gate), then forgets the lost edit. A document the server deleted meanwhile is
 * re-created from the user's copy. The write replicates like any other edit.
 */
export async function reapplyLostEdit(db: CampusDatabase, user: SessionUser, edit: LostEdit): Promise<void> {
  const repository = createRepository<BaseDocument>(db, edit.kind, user)
  const current = await repository.get(edit.docId)
  const document = edit.document as unknown as BaseDocument
  if (edit.field === '_deleted' && edit.mine === true) {
    if (current) await repository.remove(edit.docId)
  } else if (edit.field === WHOLE_DOCUMENT || edit.field === '_deleted' || !current) {
    await repository.restore(document)
  } else {
    await repository.patch(edit.docId, { [edit.field]: edit.mine } as Changes<BaseDocument>)
  }
  await db.lostEdits.dismiss(edit.id)
}
