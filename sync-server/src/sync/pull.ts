import type { SessionUser } from '../../../domain/auth/roles.ts'
import type { CollectionName } from '../../../domain/collections.ts'
import type { WireDocument } from '../../../domain/documents.ts'
import type { ReadScope } from '../../../domain/kinds.ts'
import { readableView } from '../../../domain/permissions.ts'
import type { PullResponse } from '../../../domain/sync/sync-wire.ts'
import type { Store } from '../store/index.ts'

// When most documents are hidden from the caller, reading in larger steps saves round trips.
const MIN_SCAN = 200

/**
 * The next `limit` documents `user` (with the address-book scope `scope`) may see after `afterSeq`, in seq
 * order, each with the fields they may see. RxDB stops pulling at the first batch shorter than its limit, so hidden documents are skipped until
 * the batch is full or the end is reached; the checkpoint is the seq of the last document examined, so hidden
 * ones are never scanned again. `keep` drops more documents the same way (the timetable's term window).
 */
export async function pull(
  store: Store,
  user: SessionUser,
  collection: CollectionName,
  afterSeq: number,
  limit: number,
  scope: ReadScope,
  keep: (data: WireDocument) => boolean = () => true,
): Promise<PullResponse> {
  const scan = Math.max(limit, MIN_SCAN)
  const documents: WireDocument[] = []
  let checkpoint = afterSeq
  for (;;) {
    const batch = await store.pull(user.schoolId, collection, checkpoint, scan)
    for (const { seq, data } of batch) {
      checkpoint = seq
      const view = keep(data) ? readableView(user, data, scope) : undefined
      if (view) documents.push(view)
      if (documents.length === limit) return { documents, checkpoint: { seq } }
    }
    if (batch.length < scan) return { documents, checkpoint: { seq: checkpoint } }
  }
}
