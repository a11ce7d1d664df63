import { BehaviorSubject, Subject, type Observable } from 'rxjs'
import type { RxDatabase } from 'rxdb'
import type { CollectionName } from '../../../domain/collections.ts'
import { deepEqual, newId } from '../../../domain/documents.ts'

/**
 * One edit of this user that did not survive replication, kept until the user re-applies or dismisses it.
 * - `conflict`: the server changed the same field (or deleted the document); the server's version was kept.
 * - `refused`: the server refused the write (400/403) with `message`; the local document went back to the
 *   server's state (a refused new document was removed).
 * `field` is a field name, `_deleted` for a delete, or `*` for a whole new document.
 */
export interface LostEdit {
  id: string
  collection: CollectionName
  docId: string
  kind: string
  /** A human label of the document (its name when it has one). */
  title: string
  field: string
  mine: unknown
  theirs: unknown
  cause: 'conflict' | 'refused'
  message?: string
  /** The whole local document as it was, to re-create it when the server's copy is gone. */
  document: Record<string, unknown>
  at: number
}

export type NewLostEdit = Omit<LostEdit, 'id' | 'at'>

export const WHOLE_DOCUMENT = '*'

const LOCAL_ID = 'lost-edits'
const MAX_KEPT = 500

/** The lost edits of one replica, persisted in an RxDB local document so they survive a restart. */
export interface LostEditLog {
  /** Every kept edit, newest first. */
  readonly list$: Observable<LostEdit[]>
  /** Emits the edits each `add` really added (for notifications). */
  readonly added$: Observable<LostEdit[]>
  list(): LostEdit[]
  add(edits: NewLostEdit[]): Promise<void>
  dismiss(id: string): Promise<void>
  /** Loads the persisted list; call once before use. */
  load(): Promise<void>
}

function sameEdit(a: NewLostEdit, b: NewLostEdit): boolean {
  return (
    a.collection === b.collection &&
    a.docId === b.docId &&
    a.field === b.field &&
    a.cause === b.cause &&
    deepEqual(a.mine, b.mine) &&
    deepEqual(a.theirs, b.theirs)
  )
}

/** The part of RxDatabase the log needs (its local documents). */
export type LocalDocumentStore = Pick<RxDatabase, 'upsertLocal' | 'getLocal'>

export function createLostEditLog(db: LocalDocumentStore, clock: () => number = Date.now): LostEditLog {
  const list$ = new BehaviorSubject<LostEdit[]>([])
  const added$ = new Subject<LostEdit[]>()
  // Writes are queued so two conflicts resolved at once cannot overwrite each other's entries.
  let queue: Promise<unknown> = Promise.resolve()

  function save(items: LostEdit[]): Promise<void> {
    list$.next(items)
    const write = queue.then(() => db.upsertLocal(LOCAL_ID, { items }))
    queue = write.catch(() => undefined)
    return write.then(() => undefined)
  }

  async function add(edits: NewLostEdit[]): Promise<void> {
    const current = list$.value
    const fresh = edits
      .filter((edit) => !current.some((kept) => sameEdit(kept, edit)))
      .filter((edit, i, all) => all.findIndex((other) => sameEdit(other, edit)) === i)
      .map((edit): LostEdit => ({ ...edit, id: newId(), at: clock() }))
    if (fresh.length === 0) return
    await save([...fresh, ...current].slice(0, MAX_KEPT))
    added$.next(fresh)
  }

  async function load(): Promise<void> {
    const doc = await db.getLocal<{ items: LostEdit[] }>(LOCAL_ID)
    list$.next(doc?.get('items') ?? [])
  }

  return {
    list$: list$.asObservable(),
    added$: added$.asObservable(),
    list: () => list$.value,
    add,
    dismiss: (id) => save(list$.value.filter((edit) => edit.id !== id)),
    load,
  }
}
