import { map, type Observable } from 'rxjs'
import type { MangoQuerySelector } from 'rxdb'
import type { SessionUser } from '../../../domain/auth/roles.ts'
import type { CollectionName } from '../../../domain/collections.ts'
import { newId, type BaseDocument } from '../../../domain/documents.ts'
import type { PermissionResult } from '../../../domain/kinds.ts'
import { checkWrite } from '../../../domain/permissions.ts'
import { kindDefinition } from '../../../domain/registry.ts'
import { validateDocument } from '../../../domain/validation.ts'
import type { CampusCollection, CampusDatabase, StoredDocument } from './database.ts'

/** The fields a writer supplies; the envelope (`id`, `kind`, `schoolId`, `updatedAt`) is the repository's. */
export type Draft<T extends BaseDocument> = Omit<T, keyof BaseDocument>
/** A patch: a field set to `undefined` is removed (clearing an optional field). */
export type Changes<T extends BaseDocument> = { [K in keyof Draft<T>]?: Draft<T>[K] | undefined }

/** A local write refused before it reached the database: invalid document or not permitted. */
export class WriteRefusedError extends Error {
  override readonly name = 'WriteRefusedError'
  readonly reasons: string[]

  constructor(reasons: string[]) {
    super(reasons.join('; '))
    this.reasons = reasons
  }
}

export class DocumentNotFoundError extends Error {
  override readonly name = 'DocumentNotFoundError'
}

/**
 * Typed access to the documents of one kind. Every write is validated against the kind's schema and checked
 * with the same permission rule the server applies, then gets `updatedAt`; deletes are tombstones.
 */
export interface Repository<T extends BaseDocument> {
  readonly kind: T['kind']
  readonly collection: CollectionName
  /** The live documents of this kind (tombstones excluded); emits on every local or replicated change. */
  all$(): Observable<T[]>
  /** The live document `id` of this kind, null while there is none. */
  one$(id: string): Observable<T | null>
  /** The live documents of this kind whose id starts with `prefix` (read through the kind + id index). */
  withIdPrefix$(prefix: string): Observable<T[]>
  /** The live documents of this kind whose fields equal those of `fields` (the lessons of one date). */
  matching$(fields: Partial<Omit<T, 'kind'>>): Observable<T[]>
  get(id: string): Promise<T | null>
  insert(draft: Draft<T>): Promise<T>
  patch(id: string, changes: Changes<T>): Promise<T>
  remove(id: string): Promise<void>
  /** Writes a whole document state again (re-creates it when it was deleted), through the same gate. */
  restore(doc: T): Promise<T>
  /**
   * Writes many whole documents (new ones, or new states of existing ones), in chunks; `onProgress(done,
   * total)` after each chunk. Every document passes the gate before the first is written: one refused
   * document refuses them all.
   */
  bulkPut(docs: readonly BulkDocument<T>[], onProgress?: ProgressListener): Promise<void>
  /** Deletes many documents (tombstones), gated, in chunks. */
  bulkRemove(ids: readonly string[], onProgress?: ProgressListener): Promise<void>
  /** Would the server accept writing `next` over `stored`? (Hide or disable what it would refuse.) */
  permission(next: T, stored: T | null): PermissionResult
}

/** A whole document for `bulkPut`: the repository adds `schoolId` and `updatedAt`. */
export type BulkDocument<T extends BaseDocument> = Omit<T, 'schoolId' | 'updatedAt'>

export type ProgressListener = (done: number, total: number) => void

/** Documents per bulk write: large enough to be fast, small enough for the progress bar to move. */
const BULK_CHUNK = 500

/**
 * Bulk writes started before the one before them has finished: the next chunk's JavaScript and IndexedDB puts run
 * while IndexedDB commits the chunk before (docs/benchmarks.md, issue 18). Chunks still commit in order.
 */
const CHUNKS_IN_FLIGHT = 2

/**
 * `write` of each chunk in order, at most `CHUNKS_IN_FLIGHT` at once. Rejects with the first failure once every
 * write it started has settled; no chunk starts after a failure is known.
 */
async function writeOverlapped<C>(chunks: readonly C[], write: (chunk: C) => Promise<void>): Promise<void> {
  const inFlight: Promise<void>[] = []
  try {
    for (const chunk of chunks) {
      if (inFlight.length === CHUNKS_IN_FLIGHT) await inFlight.shift()
      const written = write(chunk)
      // A failure while an earlier chunk is awaited is thrown below, not reported as unhandled.
      written.catch(() => undefined)
      inFlight.push(written)
    }
    await Promise.all(inFlight)
  } finally {
    await Promise.allSettled(inFlight)
  }
}

export interface RepositoryOptions {
  clock?: () => number
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

/** The document's own fields, without RxDB's `_deleted`, `_attachments`, `_rev` or `_meta`. */
function plain<T extends BaseDocument>(data: object): T {
  return Object.fromEntries(Object.entries(data).filter(([key]) => !key.startsWith('_'))) as unknown as T
}

export function createRepository<T extends BaseDocument>(
  db: CampusDatabase,
  kind: T['kind'],
  user: SessionUser,
  options: RepositoryOptions = {},
): Repository<T> {
  const definition = kindDefinition(kind)
  if (!definition) throw new Error(`unknown kind ${kind}`)
  const collectionName = definition.collection
  const collection: CampusCollection = db.collection(collectionName)
  const clock = options.clock ?? Date.now

  function permission(next: T, stored: T | null): PermissionResult {
    return checkWrite(user, next, stored)
  }

  /** The gate every local write passes: the kind's schema, then the permission rule. */
  function gate(next: T & { _deleted?: boolean }, stored: T | null): void {
    const validation = validateDocument(collectionName, next)
    if (!validation.ok) throw new WriteRefusedError(validation.errors)
    const tombstone = next._deleted ? { _deleted: true } : {}
    const allowed = permission({ ...plain<T>(next), ...tombstone }, stored)
    if (!allowed.ok) throw new WriteRefusedError([allowed.reason])
  }

  async function findDoc(id: string) {
    const doc = await collection.findOne(id).exec()
    if (!doc || doc.kind !== kind) throw new DocumentNotFoundError(`${kind} ${id} not found`)
    return doc
  }

  /** Applies `change` to the latest stored state (retried by RxDB on concurrent writes), gated. */
  async function modify(id: string, change: (stored: T) => T & { _deleted?: boolean }): Promise<T> {
    const doc = await findDoc(id)
    const written = await doc.incrementalModify((data) => {
      const stored = plain<T>(data)
      const next = withoutUndefined({ ...change(stored), updatedAt: clock() })
      gate(next, stored)
      return next as unknown as typeof data
    })
    return written.toJSON() as unknown as T
  }

  async function insert(draft: Draft<T>): Promise<T> {
    const next = withoutUndefined({
      ...draft,
      id: newId(),
      kind,
      schoolId: user.schoolId,
      updatedAt: clock(),
    }) as unknown as T
    gate(next, null)
    await collection.insert(next as unknown as StoredDocument)
    return next
  }

  async function restore(doc: T): Promise<T> {
    const current = await collection.findOne(doc.id).exec()
    if (current) return modify(doc.id, () => ({ ...doc, _deleted: false }))
    const next = withoutUndefined({ ...doc, kind, schoolId: user.schoolId, updatedAt: clock() })
    gate(next, null)
    await collection.insert(next as unknown as StoredDocument)
    return next
  }

  function chunksOf<I>(items: readonly I[]): I[][] {
    const chunks: I[][] = []
    for (let i = 0; i < items.length; i += BULK_CHUNK) chunks.push(items.slice(i, i + BULK_CHUNK))
    return chunks
  }

  /** The stored documents of this kind among `ids`. */
  async function storedOf(ids: readonly string[]): Promise<Map<string, T>> {
    const found = await collection.findByIds([...ids]).exec()
    const stored = new Map<string, T>()
    for (const [id, doc] of found) if (doc.kind === kind) stored.set(id, plain<T>(doc.toJSON()))
    return stored
  }

  function throwIfAnyFailed({ error }: { error: { status: number; documentId: string }[] }): void {
    const [first] = error
    if (first)
      throw new Error(`${error.length} documents were not written (${first.status} ${first.documentId})`)
  }

  /** Gates every item first (one refused: nothing is written), then writes them chunk by chunk. */
  async function gatedInChunks<I, W>(
    items: readonly I[],
    idOf: (item: I) => string,
    prepare: (item: I, stored: T | null) => W | null,
    write: (chunk: W[]) => Promise<void>,
    onProgress?: ProgressListener,
  ): Promise<void> {
    const prepared: W[] = []
    for (const chunk of chunksOf(items)) {
      const stored = await storedOf(chunk.map(idOf))
      for (const item of chunk) {
        const next = prepare(item, stored.get(idOf(item)) ?? null)
        if (next !== null) prepared.push(next)
      }
    }
    let done = 0
    await writeOverlapped(chunksOf(prepared), async (chunk) => {
      await write(chunk)
      done += chunk.length
      onProgress?.(done, prepared.length)
    })
  }

  function bulkPut(docs: readonly BulkDocument<T>[], onProgress?: ProgressListener): Promise<void> {
    return gatedInChunks(
      docs,
      (doc) => doc.id,
      (doc, stored) => {
        const next = withoutUndefined({ ...doc, kind, schoolId: user.schoolId, updatedAt: clock() }) as T
        gate(next, stored)
        return next
      },
      async (chunk) => throwIfAnyFailed(await collection.bulkUpsert(chunk as unknown as StoredDocument[])),
      onProgress,
    )
  }

  function bulkRemove(ids: readonly string[], onProgress?: ProgressListener): Promise<void> {
    return gatedInChunks(
      ids,
      (id) => id,
      (id, stored) => {
        if (!stored) return null
        gate({ ...stored, _deleted: true }, stored)
        return id
      },
      async (chunk) => throwIfAnyFailed(await collection.bulkRemove(chunk)),
      onProgress,
    )
  }

  function live(selector: MangoQuerySelector<StoredDocument>): Observable<T[]> {
    return collection
      .find({ selector })
      .$.pipe(map((docs) => docs.map((doc) => doc.toJSON() as unknown as T)))
  }

  return {
    kind,
    collection: collectionName,
    all$: () => live({ kind }),
    one$: (id) =>
      collection
        .findOne(id)
        .$.pipe(map((doc) => (doc && doc.kind === kind ? (doc.toJSON() as unknown as T) : null))),
    // The character after the prefix's last one bounds the range: ids sort by UTF-16 code units.
    withIdPrefix$: (prefix) => live({ kind, id: { $gte: prefix, $lt: `${prefix}\uffff` } }),
    matching$: (fields) => live({ ...fields, kind } as MangoQuerySelector<StoredDocument>),
    get: async (id) => {
      const doc = await collection.findOne(id).exec()
      return doc && doc.kind === kind ? (doc.toJSON() as unknown as T) : null
    },
    insert,
    patch: (id, changes) => modify(id, (stored) => ({ ...stored, ...changes }) as T),
    remove: async (id) => {
      await modify(id, (stored) => ({ ...stored, _deleted: true }))
    },
    restore,
    bulkPut,
    bulkRemove,
    permission,
  }
}
