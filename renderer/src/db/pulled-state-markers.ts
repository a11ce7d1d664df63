import {
  META_INSTANCE_SCHEMA_TITLE,
  writeDocToDocState,
  type BulkWriteRow,
  type RxDocumentData,
  type RxStorage,
  type RxStorageBulkWriteResponse,
  type RxStorageWriteError,
  type RxStorageInstance,
  type RxStorageInstanceCreationParams,
} from 'rxdb'
import { wrapStorageInstances } from './storage-wrapper.ts'

type AnyDocument = Record<string, unknown>
type Row = RxDocumentData<AnyDocument>
type Instance<I, O> = RxStorageInstance<AnyDocument, I, O>

// The contexts RxDB 17's replication protocol writes with (replication-protocol/index.ts, downstream.ts).
const DOWNSTREAM_CONTEXT = 'replication-downstream-'
const DOWNSTREAM_META_CONTEXT = 'replication-down-write-meta'

/** Field of a replication meta row that holds no `docData`: it is the fork row's state at revision `rev`. */
export const STATE_MARKER = 'forkState'

interface PulledState {
  rev: string
  state: AnyDocument
}
/** What a replica row's `_meta` holds beside RxDB's own entries. */
interface ForkMeta {
  /** The row's state is the one a pull wrote (no local write since). */
  pulled?: 1
  /** A locally edited row: the pulled state the first local edit started from, and its revision. */
  pulledState?: PulledState
}
interface StateMarker {
  collection: string
  rev: string
}
interface LastPull {
  collection: string
  documents: Map<string, Row>
}

/**
 * RxDB's replication writes every pulled document twice: into the replica (the fork) and, as the "assumed master
 * state", into its meta instance (`docData` of the row `<id>|0`). On a pull the two are the same state, so this
 * stores the meta row without `docData`, with a marker naming the fork row's revision, and reads put the state back
 * from the fork. The first local write of a pulled document keeps that pulled state in the fork row's `_meta`
 * (`pulledState`) in the same put, so the marker still resolves after the fork row changed; the replication's
 * later meta writes (a push, a conflict, a pull of another state) store `docData` again.
 *
 * The meta instance and its fork are paired by RxDB's checkpoint key: the downstream writes the fork with the
 * context `replication-downstream-<key>` and then the meta rows with revisions `<height>-<key>`. Only a meta
 * row whose `docData` is, value by value (`===`), the fork row that downstream write just stored is marked.
 */
export function withPulledStateMarkers<Internals, Options>(
  storage: RxStorage<Internals, Options>,
): RxStorage<Internals, Options> {
  const forks = new Map<string, Instance<Internals, Options>>()
  const lastPulls = new Map<string, LastPull>()
  return wrapStorageInstances(storage, (instance, params) =>
    params.schema.title === META_INSTANCE_SCHEMA_TITLE
      ? markedMetaInstance(instance, params, forks, lastPulls)
      : trackedForkInstance(instance, params, forks, lastPulls),
  )
}

function forkKey(databaseName: string, collectionName: string, version: number): string {
  return `${databaseName}|${collectionName}|${version}`
}

function trackedForkInstance<I, O>(
  instance: Instance<I, O>,
  params: RxStorageInstanceCreationParams<AnyDocument, O>,
  forks: Map<string, Instance<I, O>>,
  lastPulls: Map<string, LastPull>,
): Instance<I, O> {
  const key = forkKey(params.databaseName, params.collectionName, params.schema.version)
  const wrapper: Instance<I, O> = Object.create(instance)
  forks.set(key, wrapper)
  wrapper.bulkWrite = async function (rows: BulkWriteRow<AnyDocument>[], context: string) {
    if (!context.startsWith(DOWNSTREAM_CONTEXT)) {
      rows.forEach(keepPulledState)
      return instance.bulkWrite.call(this, rows, context)
    }
    for (const row of rows) markPulled(row.document)
    const response = await instance.bulkWrite.call(this, rows, context)
    lastPulls.set(context.slice(DOWNSTREAM_CONTEXT.length), {
      collection: params.collectionName,
      documents: writtenDocuments(rows, response),
    })
    return response
  }
  wrapper.close = function () {
    if (forks.get(key) === wrapper) forks.delete(key)
    return instance.close.call(this)
  }
  return wrapper
}

/** The downstream's own rows (RxDB's collection layer cloned them and their `_meta` for this write). */
function markPulled(document: Row): void {
  const meta = document._meta as ForkMeta
  meta.pulled = 1
  if (meta.pulledState) delete meta.pulledState
}

/**
 * A local write: the row keeps the pulled state its meta row's marker may name, and loses the pulled flag. On the
 * collection layer's own clone of the row's `_meta`, as in `markPulled`: RxDB takes the next write's `previous`
 * from the documents it handed to the storage.
 */
function keepPulledState(row: BulkWriteRow<AnyDocument>): void {
  if (!row.previous) return
  const meta = row.document._meta as ForkMeta
  const kept = pulledStateBefore(row.previous)
  if (kept) meta.pulledState = kept
  if (meta.pulled) delete meta.pulled
}

function pulledStateBefore(previous: Row): PulledState | undefined {
  const meta = previous._meta as ForkMeta
  if (!meta.pulled) return meta.pulledState
  return { rev: previous._rev, state: writeDocToDocState(previous, false, false) as AnyDocument }
}

function writtenDocuments(
  rows: BulkWriteRow<AnyDocument>[],
  response: RxStorageBulkWriteResponse<AnyDocument>,
): Map<string, Row> {
  const failed = new Set(response.error.map((error) => error.documentId))
  const written = new Map<string, Row>()
  for (const row of rows) {
    const id = primaryIdOf(row.document)
    if (id !== undefined && !failed.has(id)) written.set(id, row.document)
  }
  return written
}

/** Replicated documents' primary key is `id` (DESIGN §4); a fork of another shape is simply never marked. */
function primaryIdOf(document: Row): string | undefined {
  const id = (document as AnyDocument).id
  return typeof id === 'string' ? id : undefined
}

function markedMetaInstance<I, O>(
  instance: Instance<I, O>,
  params: RxStorageInstanceCreationParams<AnyDocument, O>,
  forks: Map<string, Instance<I, O>>,
  lastPulls: Map<string, LastPull>,
): Instance<I, O> {
  const resolve = (rows: Row[]) =>
    resolveMarkers(rows, (collection) =>
      forks.get(forkKey(params.databaseName, collection, params.schema.version)),
    )
  const wrapper: Instance<I, O> = Object.create(instance)
  wrapper.bulkWrite = async function (rows: BulkWriteRow<AnyDocument>[], context: string) {
    const toWrite = context === DOWNSTREAM_META_CONTEXT ? rows.map((row) => markedRow(row, lastPulls)) : rows
    const response = await instance.bulkWrite.call(this, toWrite, context)
    return response.error.length === 0
      ? response
      : { error: await resolvedConflicts(response.error, resolve) }
  }
  wrapper.findDocumentsById = async function (ids, withDeleted) {
    return resolve(await instance.findDocumentsById.call(this, ids, withDeleted))
  }
  wrapper.query = async function (query) {
    const result = await instance.query.call(this, query)
    return { ...result, documents: await resolve(result.documents) }
  }
  const changedSince = instance.getChangedDocumentsSince
  if (changedSince)
    wrapper.getChangedDocumentsSince = async function (limit, checkpoint) {
      const result = await changedSince.call(this, limit, checkpoint)
      return { ...result, documents: await resolve(result.documents) }
    }
  return wrapper
}

/** Conflicts name the stored row: RxDB reads its `docData`. */
async function resolvedConflicts(
  errors: RxStorageWriteError<AnyDocument>[],
  resolve: (rows: Row[]) => Promise<Row[]>,
): Promise<RxStorageWriteError<AnyDocument>[]> {
  return Promise.all(
    errors.map(async (error) =>
      error.status === 409
        ? { ...error, documentInDb: (await resolve([error.documentInDb]))[0] as Row }
        : error,
    ),
  )
}

/**
 * A pulled state's meta row, without `docData` when the fork row the same pull just wrote holds that state. Not a
 * deletion's: RxDB's cleanup may purge a deleted fork row, and the meta row keeps that state after it.
 */
function markedRow(
  row: BulkWriteRow<AnyDocument>,
  lastPulls: Map<string, LastPull>,
): BulkWriteRow<AnyDocument> {
  const document = row.document as AnyDocument
  const pull = lastPulls.get(checkpointKeyOf(row.document._rev))
  const forkRow = pull?.documents.get(String(document.itemId))
  const state = document.docData as AnyDocument | undefined
  if (!pull || !forkRow || !state || state._deleted || !isStateOf(state, forkRow)) return row
  const { docData: _stateInFork, ...marked } = document
  const marker: StateMarker = { collection: pull.collection, rev: forkRow._rev }
  return { previous: row.previous, document: { ...marked, [STATE_MARKER]: marker } as unknown as Row }
}

/** Meta revisions are `<height>-<checkpoint key>` (RxDB's `getMetaWriteRow`). */
function checkpointKeyOf(rev: string): string {
  return rev.slice(rev.indexOf('-') + 1)
}

const NOT_STATE = new Set(['_meta', '_rev', '_attachments'])

/** The fork row's fields, apart from its storage bookkeeping, are exactly those of `state`, value for value. */
function isStateOf(state: AnyDocument, forkRow: Row): boolean {
  const fork = forkRow as AnyDocument
  let stateFields = 0
  for (const field in state) {
    if (state[field] !== fork[field]) return false
    stateFields += 1
  }
  let forkFields = 0
  for (const field in fork) if (!NOT_STATE.has(field)) forkFields += 1
  return stateFields === forkFields
}

async function resolveMarkers<I, O>(
  rows: Row[],
  forkOf: (collection: string) => Instance<I, O> | undefined,
): Promise<Row[]> {
  const marked = rows.filter((row) => STATE_MARKER in row)
  if (marked.length === 0) return rows
  const forkRows = await readForkRows(marked, forkOf)
  return rows.map((row) => (STATE_MARKER in row ? resolved(row, forkRows) : row))
}

async function readForkRows<I, O>(
  marked: Row[],
  forkOf: (collection: string) => Instance<I, O> | undefined,
): Promise<Map<string, Row>> {
  const idsByCollection = new Map<string, string[]>()
  for (const row of marked) {
    const { collection } = markerOf(row)
    const ids = idsByCollection.get(collection) ?? []
    ids.push(String((row as AnyDocument).itemId))
    idsByCollection.set(collection, ids)
  }
  const forkRows = new Map<string, Row>()
  for (const [collection, ids] of idsByCollection) {
    const fork = forkOf(collection)
    if (!fork)
      throw new Error(`the replica collection ${collection} is not open: its pulled states cannot be read`)
    for (const row of await fork.findDocumentsById(ids, true))
      forkRows.set(`${collection}|${primaryIdOf(row)}`, row)
  }
  return forkRows
}

function markerOf(row: Row): StateMarker {
  return (row as AnyDocument)[STATE_MARKER] as StateMarker
}

/**
 * The meta row as RxDB wrote it: `docData` is the fork row's state at the marker's revision, or the pulled state a
 * local write kept. Marked rows name undeleted states and a local deletion is pushed before RxDB's cleanup purges
 * it, so the fork row is there; if not, the row is read without `docData`.
 */
function resolved(row: Row, forkRows: Map<string, Row>): Row {
  const { [STATE_MARKER]: _marker, ...metaRow } = row as AnyDocument
  const marker = markerOf(row)
  const forkRow = forkRows.get(`${marker.collection}|${String(metaRow.itemId)}`)
  const state = forkRow ? stateAt(forkRow, marker.rev) : undefined
  return (state ? { ...metaRow, docData: state } : metaRow) as Row
}

function stateAt(forkRow: Row, rev: string): AnyDocument | undefined {
  if (forkRow._rev === rev) return writeDocToDocState(forkRow, false, false) as AnyDocument
  const kept = (forkRow._meta as ForkMeta).pulledState
  return kept?.rev === rev ? kept.state : undefined
}
