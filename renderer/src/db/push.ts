import type { RxReplicationWriteToMasterRow } from 'rxdb'
import type { CollectionName } from '../../../domain/collections.ts'
import { deepEqual, type WireDocument } from '../../../domain/documents.ts'
import { ApiError } from './api-client.ts'
import type { RefusalBook, UnansweredPushBook } from './conflict-handler.ts'

/** A push row as RxDB hands it over (`assumedMasterState` undefined for a new document). */
export type ReplicaPushRow = RxReplicationWriteToMasterRow<WireDocument>
/** Sends rows to `POST /api/sync/:collection/push`; resolves with the master documents in conflict. */
export type PushSender = (rows: ReplicaPushRow[]) => Promise<WireDocument[]>

interface Refused {
  row: ReplicaPushRow
  message: string
}

interface PushOutcome {
  conflicts: WireDocument[]
  refused: Refused[]
}

/** 400 (invalid document) and 403 (not permitted) refuse the request as a whole; nothing was written. */
export function isRefusal(error: unknown): error is ApiError {
  return error instanceof ApiError && (error.status === 400 || error.status === 403)
}

/**
 * Pushes `rows`; when the server refuses the request, splits it in halves until the refused rows stand
 * alone, so the rows it accepts are still written (log₂ n extra requests per refused row).
 */
export async function pushIsolatingRefusals(rows: ReplicaPushRow[], send: PushSender): Promise<PushOutcome> {
  if (rows.length === 0) return { conflicts: [], refused: [] }
  try {
    return { conflicts: await send(rows), refused: [] }
  } catch (error) {
    if (!isRefusal(error)) throw error
    const [only] = rows
    if (rows.length === 1 && only) return { conflicts: [], refused: [{ row: only, message: error.message }] }
    const middle = Math.ceil(rows.length / 2)
    const first = await pushIsolatingRefusals(rows.slice(0, middle), send)
    const second = await pushIsolatingRefusals(rows.slice(middle), send)
    return {
      conflicts: [...first.conflicts, ...second.conflicts],
      refused: [...first.refused, ...second.refused],
    }
  }
}

/** The server's state of a refused row as far as this replica knows it; a tombstone for a new document. */
function masterStateOf(row: ReplicaPushRow): WireDocument {
  return row.assumedMasterState ?? { ...row.newDocumentState, _deleted: true }
}

/**
 * The RxDB push handler of one collection. Rows that change nothing are not sent (RxDB re-sends a resolved
 * conflict that equals the server's state). A refused row is noted in `refusals` and answered to RxDB as a
 * conflict with the server's state, so the conflict handler restores that state and records the lost edit,
 * and the row is not retried forever. States sent without an answer are noted in `unanswered` until a push of
 * the document is answered without a conflict.
 */
export function createPushHandler(
  collection: CollectionName,
  send: PushSender,
  { refusals, unanswered }: { refusals: RefusalBook; unanswered: UnansweredPushBook },
) {
  return async (rows: ReplicaPushRow[]): Promise<WireDocument[]> => {
    const changing = rows.filter((row) => !deepEqual(row.assumedMasterState, row.newDocumentState))
    const { conflicts, refused } = await pushIsolatingRefusals(changing, send).catch((error: unknown) => {
      unanswered.unanswered(
        collection,
        changing.map((row) => row.newDocumentState),
      )
      throw error
    })
    const inConflict = new Set(conflicts.map((master) => master.id))
    for (const { newDocumentState } of changing)
      if (!inConflict.has(newDocumentState.id)) unanswered.answered(collection, newDocumentState.id)
    for (const { row, message } of refused) {
      refusals.add(collection, row.newDocumentState, message)
      conflicts.push(masterStateOf(row))
    }
    return conflicts
  }
}
