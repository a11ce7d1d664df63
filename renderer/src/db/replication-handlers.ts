import type { WithDeleted } from 'rxdb'
import type { CollectionName } from '../../../domain/collections.ts'
import type { WireDocument } from '../../../domain/documents.ts'
import type { PullResponse, PushRow, SeqCheckpoint } from '../../../domain/sync/sync-wire.ts'
import type { ApiClient } from './api-client.ts'
import type { StoredDocument } from './database.ts'
import { withoutEmptyAttachments } from './migrated-states.ts'
import type { PushSender, ReplicaPushRow } from './push.ts'

type Doc = WithDeleted<StoredDocument>
export type PullHandler = (
  checkpoint: SeqCheckpoint | undefined,
  batchSize: number,
) => Promise<PullResponse<StoredDocument>>

export interface PullHandlerOptions {
  api: Pick<ApiClient, 'json'>
  /** Collections whose next pull starts from seq 0 (a server `resync` with `fromZero`); shared with the engine. */
  restartFromZero: Set<CollectionName>
  /** The live documents of the collection in the local replica. */
  localDocuments(): Promise<StoredDocument[]>
  /** Told of every batch the server returned. */
  onPulled(documents: readonly StoredDocument[]): void
  /** More parameters of every pull (the timetable's `terms=` window), read before each pull. */
  query?(): Promise<string>
  /** A from-zero pull with `query` has returned everything (the replica now holds that window). */
  onResynced?(query: string): Promise<void>
}

/**
 * RxDB's pull handler of collection `name`: `GET /api/sync/:c/pull` from the checkpoint, or from 0 when asked.
 * A from-zero pull ends by handing RxDB, as deletes made on the server, the local documents it did not return.
 */
export function createPullHandler(name: CollectionName, options: PullHandlerOptions): PullHandler {
  const { api, restartFromZero } = options
  /** The ids a from-zero pull has returned so far; undefined when none is under way. */
  let seen: Set<string> | undefined

  /** Tombstones of the live local documents whose ids are not in `seen`. */
  async function tombstonesOfUnseen(seen: ReadonlySet<string>): Promise<Doc[]> {
    const local = await options.localDocuments()
    return local.filter((doc) => !seen.has(doc.id)).map((doc) => ({ ...doc, _deleted: true }))
  }

  return async (checkpoint, batchSize) => {
    // Before deciding where to start: a window that moved while this waited asks for a pull from 0.
    const query = (await options.query?.()) ?? ''
    const fromZero = restartFromZero.delete(name)
    const seq = fromZero ? 0 : (checkpoint?.seq ?? 0)
    const extra = query ? `&${query}` : ''
    const result = await api
      .json<PullResponse<StoredDocument>>(`/api/sync/${name}/pull?seq=${seq}&limit=${batchSize}${extra}`)
      .catch((error: unknown) => {
        // RxDB retries with its own checkpoint: the retry must still start from 0.
        if (fromZero) restartFromZero.add(name)
        throw error
      })
    options.onPulled(result.documents)
    if (fromZero) seen = new Set()
    if (!seen) return result
    for (const doc of result.documents) seen.add(doc.id)
    if (result.documents.length === batchSize) return result
    // The from-zero pull is complete (RxDB stops at a short batch): what it did not return, the user may no
    // longer see. Handed to RxDB as deletes made on the server, those documents leave the replica without
    // being pushed; RxDB keeps one that has a local change not yet pushed.
    const tombstones = await tombstonesOfUnseen(seen)
    seen = undefined
    await options.onResynced?.(query)
    return { ...result, documents: [...result.documents, ...tombstones] }
  }
}

/** Sends push rows of collection `name` to `POST /api/sync/:c/push`; resolves with the documents in conflict. */
export function createPushSender(name: CollectionName, api: Pick<ApiClient, 'json'>): PushSender {
  return (rows: ReplicaPushRow[]) => {
    // RxDB leaves `assumedMasterState` undefined for a new document; the protocol says null.
    const body: PushRow[] = rows.map((row) => ({
      ...row,
      assumedMasterState: row.assumedMasterState ? withoutEmptyAttachments(row.assumedMasterState) : null,
    }))
    return api.json<WireDocument[]>(`/api/sync/${name}/push`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    })
  }
}
