import type { BaseDocument, WireDocument } from '../documents.ts'

// The replication routes (DESIGN §5), as both ends read them.

export interface SeqCheckpoint {
  seq: number
}

/** `GET /api/sync/:collection/pull?seq=&limit=`; `D` narrows the documents for a reader that knows more. */
export interface PullResponse<D extends BaseDocument = BaseDocument> {
  documents: WireDocument<D>[]
  checkpoint: SeqCheckpoint
}

/**
 * One row of `POST /api/sync/:collection/push`, which answers with the master documents in conflict. The server
 * also takes a row without `assumedMasterState` (stock RxDB leaves it out for a new document) as null.
 */
export interface PushRow {
  assumedMasterState: WireDocument | null
  newDocumentState: WireDocument
}
