import type { RxConflictHandler, RxConflictHandlerInput } from 'rxdb'
import type { CollectionName } from '../../../domain/collections.ts'
import { deepEqual, type WireDocument } from '../../../domain/documents.ts'
import { mergeDocuments, type LostEdit as MergeLoss } from '../../../domain/sync/merge.ts'
import { WHOLE_DOCUMENT, type LostEditLog, type NewLostEdit } from './lost-edits.ts'
import { withoutEmptyAttachments } from './migrated-states.ts'

/** The books' key of a document of a collection. */
const documentKey = (collection: CollectionName, id: string) => `${collection}/${id}`

/**
 * Rows the server refused (400/403) on push, waiting for the conflict handler. The push handler reports a
 * refused row to RxDB as a conflict whose master state is the server's state, and notes here why; the
 * conflict handler then keeps the server's state instead of merging, and records the user's loss.
 */
export class RefusalBook {
  private readonly refusals = new Map<string, { state: WireDocument; message: string }>()

  add(collection: CollectionName, state: WireDocument, message: string): void {
    this.refusals.set(documentKey(collection, state.id), { state, message })
  }

  /** The refusal of exactly this document state, removed from the book; undefined when there is none. */
  take(collection: CollectionName, state: WireDocument): string | undefined {
    const key = documentKey(collection, state.id)
    const refusal = this.refusals.get(key)
    if (!refusal || !deepEqual(refusal.state, state)) return undefined
    this.refusals.delete(key)
    return refusal.message
  }
}

/**
 * Document states pushed without an answer (the connection broke): the server may have written them. When a
 * later push of the document meets one of them as the server's state, that "conflict" is this replica's own
 * earlier write, not another's: the conflict handler then merges against it, so a local change made after it (a
 * delete after an edit whose answer was lost) is kept instead of losing to the replica's own edit.
 */
export class UnansweredPushBook {
  private readonly states = new Map<string, WireDocument[]>()

  /** `states` were sent to `collection` and no answer came. */
  unanswered(collection: CollectionName, states: readonly WireDocument[]): void {
    for (const state of states) {
      const key = documentKey(collection, state.id)
      this.states.set(key, [...(this.states.get(key) ?? []), state])
    }
  }

  /** The server answered a push of document `id` without a conflict: it holds that push's state now. */
  answered(collection: CollectionName, id: string): void {
    this.states.delete(documentKey(collection, id))
  }

  /** Is `master` a state this replica pushed without an answer? */
  isOwn(collection: CollectionName, master: WireDocument): boolean {
    const sent = this.states.get(documentKey(collection, master.id)) ?? []
    return sent.some((state) => deepEqual(withoutEmptyAttachments(state), withoutEmptyAttachments(master)))
  }
}

export interface ConflictHandlerDeps {
  refusals: RefusalBook
  lostEdits: LostEditLog
  unanswered: UnansweredPushBook
}

function titleOf(doc: WireDocument): string {
  const name: unknown = (doc as unknown as Record<string, unknown>).name
  return typeof name === 'string' && name ? name : doc.id
}

/** `kept` is the state that stays: the record is named as the user will now find it. */
function toLostEdits(
  collection: CollectionName,
  mine: WireDocument,
  kept: WireDocument,
  losses: MergeLoss[],
  refusal?: string,
): NewLostEdit[] {
  const { _deleted: _ignored, ...document } = mine
  return losses.map((loss) => ({
    collection,
    docId: mine.id,
    kind: mine.kind,
    title: titleOf(kept._deleted ? mine : kept),
    field: loss.field,
    mine: loss.mine,
    theirs: loss.theirs,
    cause: refusal === undefined ? 'conflict' : 'refused',
    ...(refusal === undefined ? {} : { message: refusal }),
    document,
  }))
}

/** What a refused write loses: the new document as a whole, or each field (or the delete) it changed. */
function refusedLosses(input: RxConflictHandlerInput<WireDocument>): MergeLoss[] {
  if (!input.assumedMasterState) {
    return [{ field: WHOLE_DOCUMENT, mine: input.newDocumentState, theirs: null }]
  }
  // Without a base every differing field counts as changed on both sides: exactly the refused changes.
  return mergeDocuments(undefined, input.newDocumentState, input.realMasterState).lost
}

/**
 * The RxDB conflict handler of one collection (DESIGN §5): a three-way merge against `assumedMasterState`;
 * where both sides changed a field the server's value wins and the user's value is recorded as a lost edit.
 */
export function createConflictHandler(
  collection: CollectionName,
  deps: ConflictHandlerDeps,
): RxConflictHandler<WireDocument> {
  return {
    isEqual: (a, b) => deepEqual(withoutEmptyAttachments(a), withoutEmptyAttachments(b)),
    async resolve(input) {
      const mine = input.newDocumentState
      const refusal = deps.refusals.take(collection, mine)
      if (refusal !== undefined) {
        await deps.lostEdits.add(
          toLostEdits(collection, mine, input.realMasterState, refusedLosses(input), refusal),
        )
        return input.realMasterState
      }
      const master = input.realMasterState
      const base = deps.unanswered.isOwn(collection, master) ? master : input.assumedMasterState
      const { merged, lost } = mergeDocuments(base, mine, master)
      if (lost.length > 0) await deps.lostEdits.add(toLostEdits(collection, mine, merged, lost))
      return merged
    },
  }
}
