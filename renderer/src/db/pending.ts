import {
  getAssumedMasterState,
  getChangedDocumentsSince,
  getComposedPrimaryKeyOfDocumentData,
  getHeightOfRevision,
  writeDocToDocState,
  type RxDocumentData,
  type RxStorageInstanceReplicationState,
} from 'rxdb'
import type { RxReplicationState } from 'rxdb/plugins/replication'
import type { StoredDocument } from './database.ts'

type ReplicationInternals = RxStorageInstanceReplicationState<StoredDocument>

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

/**
 * Counts the documents written locally whose current state the server has not acknowledged yet.
 *
 * A document is pending when its local state differs from the state the replication meta data says the
 * server has (the "assumed master state", updated only after a push is acknowledged or a pull is stored),
 * or when the server has no state for it at all. Only documents changed since the upstream checkpoint can
 * be pending, so the scan is small once the replica is in sync. Survives restarts (all of it is stored).
 * Returns undefined before the replication has started.
 */
export async function countPendingChanges<Checkpoint>(
  replication: RxReplicationState<StoredDocument, Checkpoint>,
  pageSize = 500,
): Promise<number | undefined> {
  const state = replication.internalReplicationState
  if (!state || replication.isStopped()) return undefined
  const identifierHash = await state.input.hashFunction(state.input.identifier)
  let checkpoint = await upstreamCheckpoint(state)
  let pending = 0
  for (;;) {
    const page = await getChangedDocumentsSince(state.input.forkInstance, pageSize, checkpoint)
    const documents = page.documents as RxDocumentData<StoredDocument>[]
    const candidates = documents.filter((doc) => !isPulledAsIs(doc, identifierHash))
    const assumed = await getAssumedMasterState(
      state,
      candidates.map((doc) => doc.id),
    )
    pending += candidates.filter((doc) => {
      const master = assumed[doc.id]
      const local = writeDocToDocState(doc, false, false)
      return !master || !state.input.conflictHandler.isEqual(master.docData, local, 'pending-count')
    }).length
    if (documents.length < pageSize) return pending
    checkpoint = page.checkpoint
  }
}
