import {
  getAssumedMasterState,
  getChangedDocumentsSince,
  getComposedPrimaryKeyOfDocumentData,
  getHeightOfRevision,
  setCheckpoint,
  writeDocToDocState,
  type RxDocumentData,
  type RxStorageInstanceReplicationState,
} from 'rxdb'
import type { RxReplicationState } from 'rxdb/plugins/replication'
import { deepEqual } from '../../../domain/documents.ts'
import type { StoredDocument } from './database.ts'

type ReplicationInternals = RxStorageInstanceReplicationState<StoredDocument>
type Replication<Checkpoint> = RxReplicationState<StoredDocument, Checkpoint>

/** What one scan of the fork from the upstream checkpoint found. */
export interface UpstreamScan {
  /** Documents written locally whose current state the server has not acknowledged yet. */
  pending: number
  /** The upstream checkpoint the scan started from. */
  from: unknown
  /**
   * The checkpoint after the last document of the run of acknowledged documents the scan started with:
   * everything up to it is on the server as it is here. Undefined when the scan began with a pending document
   * or found nothing.
   */
  acknowledgedThrough: unknown
}

/** The upstream checkpoint: every fork change before it has been pushed and acknowledged (or resolved). */
async function upstreamCheckpoint(state: ReplicationInternals): Promise<unknown> {
  const known = state.lastCheckpointDoc.up
  if (known) return known.checkpointData
  const id = getComposedPrimaryKeyOfDocumentData(state.input.metaInstance.schema, {
    isCheckpoint: '1',
    itemId: 'up',
  })
  const [doc] = await state.input.metaInstance.findDocumentsById([id], false)
  return doc?.checkpointData
}

/** Written by the downstream and untouched since: its state is the server's by construction. */
function isPulledAsIs(doc: RxDocumentData<StoredDocument>, identifierHash: string): boolean {
  const origin = doc._meta.o as { hash: string; _rev: number } | undefined
  return !!origin && origin.hash === identifierHash && origin._rev === getHeightOfRevision(doc._rev)
}

/** For each document of `documents`, in order, whether the server has not acknowledged its current state. */
async function pendingFlags(
  state: ReplicationInternals,
  documents: RxDocumentData<StoredDocument>[],
  identifierHash: string,
): Promise<boolean[]> {
  const candidates = documents.filter((doc) => !isPulledAsIs(doc, identifierHash))
  const assumed = await getAssumedMasterState(
    state,
    candidates.map((doc) => doc.id),
  )
  const pending = new Set(
    candidates
      .filter((doc) => {
        const master = assumed[doc.id]
        const local = writeDocToDocState(doc, false, false)
        return !master || !state.input.conflictHandler.isEqual(master.docData, local, 'pending-count')
      })
      .map((doc) => doc.id),
  )
  return documents.map((doc) => pending.has(doc.id))
}

/**
 * Scans the documents changed since the upstream checkpoint: counts those written locally whose current state
 * the server has not acknowledged yet, and notes how far the acknowledged ones reach before the first of them.
 *
 * A document is pending when its local state differs from the state the replication meta data says the
 * server has (the "assumed master state", updated only after a push is acknowledged or a pull is stored),
 * or when the server has no state for it at all. Only documents changed since the upstream checkpoint can
 * be pending, so the scan is small once the replica is in sync and the checkpoint is kept current
 * (`advanceUpstreamCheckpoint`). Survives restarts (all of it is stored). Returns undefined before the
 * replication has started.
 */
export async function scanUpstream<Checkpoint>(
  replication: Replication<Checkpoint>,
  pageSize = 500,
): Promise<UpstreamScan | undefined> {
  const state = replication.internalReplicationState
  if (!state || replication.isStopped()) return undefined
  const identifierHash = await state.input.hashFunction(state.input.identifier)
  const from = await upstreamCheckpoint(state)
  let checkpoint = from
  let acknowledgedThrough: unknown
  let pending = 0
  for (;;) {
    const page = await getChangedDocumentsSince(state.input.forkInstance, pageSize, checkpoint)
    const documents = page.documents as RxDocumentData<StoredDocument>[]
    const flags = await pendingFlags(state, documents, identifierHash)
    const firstPending = flags.indexOf(true)
    if (pending === 0 && firstPending === -1 && documents.length > 0) {
      acknowledgedThrough = page.checkpoint
    } else if (pending === 0 && firstPending > 0) {
      // The run ends inside this page: the checkpoint after its last acknowledged document, as the storage
      // writes checkpoints.
      acknowledgedThrough = (
        await getChangedDocumentsSince(state.input.forkInstance, firstPending, checkpoint)
      ).checkpoint
    }
    pending += flags.filter(Boolean).length
    if (documents.length < pageSize) return { pending, from, acknowledgedThrough }
    checkpoint = page.checkpoint
  }
}

/**
 * Moves RxDB's upstream checkpoint past the acknowledged documents a scan found right after it, unless the
 * upstream moved the checkpoint itself since the scan began. Returns whether it moved.
 *
 * RxDB re-reads every document after that checkpoint whenever a pull hint (`'RESYNC'`) reaches its upstream,
 * and holds the downstream's stream events until it is done; its checkpoint of a bulk write is the bulk's
 * last row, while the fork orders a bulk's rows by id, so after a large pull thousands of pulled documents
 * can stay after it (docs/upstream/rxdb-upstream-bulk-checkpoint.md). Nothing is lost by moving it: every
 * document before the new checkpoint had its state on the server when scanned, and a later local change gets
 * a newer position in the fork, after the checkpoint.
 */
export async function advanceUpstreamCheckpoint<Checkpoint>(
  replication: Replication<Checkpoint>,
  scan: UpstreamScan,
): Promise<boolean> {
  const state = replication.internalReplicationState
  if (!state || replication.isStopped() || scan.acknowledgedThrough === undefined) return false
  if (!deepEqual(state.lastCheckpointDoc.up?.checkpointData, scan.from)) return false
  await setCheckpoint(state, 'up', scan.acknowledgedThrough)
  return true
}
