import type { WithDeleted } from 'rxdb'
import type { CollectionName } from '../../../domain/collections.ts'
import type { WireDocument } from '../../../domain/documents.ts'
import type { PullResponse, PushRow, SeqCheckpoint } from '../../../domain/sync/sync-wire.ts'
import type { ApiClient } from './api-client.ts'
import type { StoredDocument } from './database.ts'
import { withoutEmptyAttachments } from './migrated-states.ts'
import type { PushSender, ReplicaPushRow } from './push.ts'
import type { TermWindowMove } from './term-window.ts'

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
  /** The window's move to follow before this pull, if it moved (`TermWindow.takeMove`). */
  takeWindowMove?(): TermWindowMove | undefined
}

/** A window move being followed: the added terms' lessons pulled from seq 0 up to `seq`, then the rest. */
interface CatchUp {
  query: string | undefined
  seq: number
  keeps(doc: StoredDocument): boolean
}

/**
 * RxDB's pull handler of collection `name`: `GET /api/sync/:c/pull` from the checkpoint, or from 0 when asked.
 * A from-zero pull ends by handing RxDB, as deletes made on the server, the local documents it did not return.
 */
export function createPullHandler(name: CollectionName, options: PullHandlerOptions): PullHandler {
  const { api, restartFromZero } = options
  /** The ids a from-zero pull has returned so far; undefined when none is under way. */
  let seen: Set<string> | undefined
  let catchUp: CatchUp | undefined

  /** Tombstones of the live local documents that `keep` refuses. */
  async function tombstonesOf(keep: (doc: StoredDocument) => boolean): Promise<Doc[]> {
    const local = await options.localDocuments()
    return local.filter((doc) => !keep(doc)).map((doc) => ({ ...doc, _deleted: true }))
  }

  async function pullFrom(seq: number, batchSize: number, query: string) {
    const extra = query ? `&${query}` : ''
    const result = await api.json<PullResponse<StoredDocument>>(
      `/api/sync/${name}/pull?seq=${seq}&limit=${batchSize}${extra}`,
    )
    options.onPulled(result.documents)
    return result
  }

  function follow(move: TermWindowMove | undefined): void {
    if (!move) return
    if (move.fromZero || seen) {
      restartFromZero.add(name)
      return
    }
    catchUp = { query: move.catchUpQuery, seq: 0, keeps: move.keeps }
  }

  /**
   * One pull of a window move: the added terms' lessons from seq 0, batch by batch with RxDB's checkpoint left
   * where it was, then `finishCatchUp`.
   */
  async function pullCatchingUp(
    following: CatchUp,
    checkpoint: SeqCheckpoint | undefined,
    batchSize: number,
    query: string,
  ): Promise<PullResponse<StoredDocument>> {
    if (!following.query) return finishCatchUp(following, checkpoint, batchSize, query)
    const added = await pullFrom(following.seq, batchSize, following.query)
    if (added.documents.length === batchSize) {
      following.seq = added.checkpoint.seq
      return { documents: added.documents, checkpoint: checkpoint ?? { seq: 0 } }
    }
    const rest = await finishCatchUp(following, checkpoint, batchSize, query)
    const changedSince = new Set(rest.documents.map((doc) => doc.id))
    const addedOnly = added.documents.filter((doc) => !changedSince.has(doc.id))
    return { ...rest, documents: [...addedOnly, ...rest.documents] }
  }

  /**
   * The end of a window move: the window's changes since RxDB's checkpoint, and the lessons the window no longer
   * keeps, handed to RxDB as deletes made on the server (they leave without being pushed).
   */
  async function finishCatchUp(
    following: CatchUp,
    checkpoint: SeqCheckpoint | undefined,
    batchSize: number,
    query: string,
  ): Promise<PullResponse<StoredDocument>> {
    const rest = await pullFrom(checkpoint?.seq ?? 0, batchSize, query)
    const tombstones = await tombstonesOf(following.keeps)
    if (catchUp === following) catchUp = undefined
    await options.onResynced?.(query)
    return { ...rest, documents: [...rest.documents, ...tombstones] }
  }

  return async (checkpoint, batchSize) => {
    // Before deciding where to start: a window that moved while this waited is followed now.
    const query = (await options.query?.()) ?? ''
    follow(options.takeWindowMove?.())
    const fromZero = restartFromZero.delete(name)
    if (fromZero) catchUp = undefined
    if (catchUp) return pullCatchingUp(catchUp, checkpoint, batchSize, query)
    const seq = fromZero ? 0 : (checkpoint?.seq ?? 0)
    const result = await pullFrom(seq, batchSize, query).catch((error: unknown) => {
      // RxDB retries with its own checkpoint: the retry must still start from 0.
      if (fromZero) restartFromZero.add(name)
      throw error
    })
    if (fromZero) seen = new Set()
    if (!seen) return result
    for (const doc of result.documents) seen.add(doc.id)
    if (result.documents.length === batchSize) return result
    // The from-zero pull is complete (RxDB stops at a short batch): what it did not return, the user may no
    // longer see. Handed to RxDB as deletes made on the server, those documents leave the replica without
    // being pushed; RxDB keeps one that has a local change not yet pushed.
    const returned = seen
    const tombstones = await tombstonesOf((doc) => returned.has(doc.id))
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
