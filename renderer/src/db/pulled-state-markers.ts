import {
  createRevision,
  getComposedPrimaryKeyOfDocumentData,
  META_INSTANCE_SCHEMA_TITLE,
  writeDocToDocState,
  type BulkWriteRow,
  type RxDocumentData,
  type RxJsonSchema,
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
  /** As `ForkMeta.pulledBy`, and the pulled row's `lwt`, for the meta row that was not stored. */
  by?: string
  lwt?: number
}
/** What a replica row's `_meta` holds beside RxDB's own entries. */
interface ForkMeta {
  /** The row's state is the one a pull wrote (no local write since). */
  pulled?: 1
  /** The checkpoint key of the replication whose pull wrote the row: its meta row may be unstored. */
  pulledBy?: string
  /** A locally edited row: the pulled state the first local edit started from, and its revision. */
  pulledState?: PulledState
  lwt: number
}
interface StateMarker {
  collection: string
  rev: string
}
interface LastPull {
  collection: string
  /** The replica schema's `properties` (see `OpenForks`). */
  properties: object
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
 * A document's first pull (no meta row yet, so RxDB writes it with revision `1-<checkpoint key>`) stores no meta
 * row at all: the replica row names the replication that pulled it (`pulledBy`), and the meta instance's reads by
 * id put that row back (`unstoredMetaRow`). So a first sync costs one IndexedDB put per document.
 *
 * The meta instance and its fork are paired by RxDB's checkpoint key: the downstream writes the fork with the
 * context `replication-downstream-<key>` and then the meta rows with revisions `<height>-<key>`. Only a meta
 * row whose `docData` is, value by value (`===`), the fork row that downstream write just stored is marked.
 */
export function withPulledStateMarkers<Internals, Options>(
  storage: RxStorage<Internals, Options>,
): RxStorage<Internals, Options> {
  const forks: OpenForks<Internals, Options> = { byKey: new Map(), bySchema: new WeakMap() }
  const lastPulls = new Map<string, LastPull>()
  return wrapStorageInstances(storage, (instance, params) =>
    params.schema.title === META_INSTANCE_SCHEMA_TITLE
      ? markedMetaInstance(instance, params, forks, lastPulls)
      : trackedForkInstance(instance, params, forks, lastPulls),
  )
}

/**
 * The open replica instances, by name and by their schema's `properties`: RxDB builds a replication's meta schema
 * around the very same object (`docData.properties`, `getRxReplicationMetaInstanceSchema`), so it pairs a meta
 * instance with its replica before either names the other.
 */
interface OpenForks<I, O> {
  byKey: Map<string, Instance<I, O>>
  bySchema: WeakMap<object, Instance<I, O>>
}

function forkKey(databaseName: string, collectionName: string, version: number): string {
  return `${databaseName}|${collectionName}|${version}`
}

function trackedForkInstance<I, O>(
  instance: Instance<I, O>,
  params: RxStorageInstanceCreationParams<AnyDocument, O>,
  forks: OpenForks<I, O>,
  lastPulls: Map<string, LastPull>,
): Instance<I, O> {
  const key = forkKey(params.databaseName, params.collectionName, params.schema.version)
  const wrapper: Instance<I, O> = Object.create(instance)
  forks.byKey.set(key, wrapper)
  forks.bySchema.set(params.schema.properties, wrapper)
  wrapper.bulkWrite = async function (rows: BulkWriteRow<AnyDocument>[], context: string) {
    if (!context.startsWith(DOWNSTREAM_CONTEXT)) {
      rows.forEach(keepPulledState)
      return instance.bulkWrite.call(this, rows, context)
    }
    const checkpointKey = context.slice(DOWNSTREAM_CONTEXT.length)
    for (const row of rows) markPulled(row.document, checkpointKey)
    const response = await instance.bulkWrite.call(this, rows, context)
    lastPulls.set(checkpointKey, {
      collection: params.collectionName,
      properties: params.schema.properties,
      documents: writtenDocuments(rows, response),
    })
    return response
  }
  wrapper.close = function () {
    if (forks.byKey.get(key) === wrapper) forks.byKey.delete(key)
    if (forks.bySchema.get(params.schema.properties) === wrapper)
      forks.bySchema.delete(params.schema.properties)
    return instance.close.call(this)
  }
  return wrapper
}

/** The downstream's own rows (RxDB's downstream cloned them and their `_meta` for this write). */
function markPulled(document: Row, checkpointKey: string): void {
  const meta = document._meta as ForkMeta
  meta.pulled = 1
  meta.pulledBy = checkpointKey
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
  if (meta.pulledBy) delete meta.pulledBy
}

function pulledStateBefore(previous: Row): PulledState | undefined {
  const meta = previous._meta as ForkMeta
  if (!meta.pulled) return meta.pulledState
  const state = writeDocToDocState(previous, false, false) as AnyDocument
  const unstored = meta.pulledBy ? { by: meta.pulledBy, lwt: meta.lwt } : {}
  return { rev: previous._rev, state, ...unstored }
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
  forks: OpenForks<I, O>,
  lastPulls: Map<string, LastPull>,
): Instance<I, O> {
  const resolve = (rows: Row[]) =>
    resolveMarkers(rows, (collection) =>
      forks.byKey.get(forkKey(params.databaseName, collection, params.schema.version)),
    )
  const ownKey = new OwnCheckpointKey(params.schema, (ids) => instance.findDocumentsById(ids, false))
  const readUnstored = async (ids: string[], stored: Row[]): Promise<Row[]> => {
    const fork = forks.bySchema.get(replicatedProperties(params.schema))
    const key = fork ? await ownKey.get() : undefined
    if (!fork || !key) return []
    return unstoredMetaRows(fork, params.schema, key, missingItemIds(ids, stored))
  }
  const wrapper: Instance<I, O> = Object.create(instance)
  wrapper.findDocumentsById = async function (ids, withDeleted) {
    const stored = await resolve(await instance.findDocumentsById.call(this, ids, withDeleted))
    return [...stored, ...(await readUnstored(ids, stored))]
  }
  wrapper.bulkWrite = async function (rows: BulkWriteRow<AnyDocument>[], context: string) {
    ownKey.learn(rows)
    const toStore = context === DOWNSTREAM_META_CONTEXT ? rowsToStore(rows, lastPulls, params.schema) : rows
    const { accepted, conflicts } = await checkedAgainstUnstored(toStore, context, (ids) =>
      wrapper.findDocumentsById(ids, true),
    )
    if (accepted.length === 0) return { error: conflicts }
    const response = await instance.bulkWrite.call(this, accepted, context)
    const errors = response.error.length === 0 ? [] : await resolvedConflicts(response.error, resolve)
    return { error: [...conflicts, ...errors] }
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

/** The replica schema's `properties`, which RxDB's meta schema holds as `docData.properties`. */
function replicatedProperties(metaSchema: RxJsonSchema<Row>): object {
  const docData = (metaSchema.properties as Record<string, { properties?: object }>).docData
  return docData?.properties ?? {}
}

/**
 * The checkpoint key of the one replication that writes a meta instance: in the revision of every row it writes,
 * and of its stored checkpoints. Until either exists, no pull has stored anything: there is no unstored row to read.
 */
class OwnCheckpointKey {
  private key: string | undefined
  private readonly schema: RxJsonSchema<Row>
  private readonly readStored: (ids: string[]) => Promise<Row[]>

  constructor(schema: RxJsonSchema<Row>, readStored: (ids: string[]) => Promise<Row[]>) {
    this.schema = schema
    this.readStored = readStored
  }

  learn(rows: BulkWriteRow<AnyDocument>[]): void {
    this.key ??= rows.map((row) => checkpointKeyOf(row.document._rev)).find(Boolean)
  }

  async get(): Promise<string | undefined> {
    if (this.key) return this.key
    const ids = ['down', 'up'].map((itemId) =>
      getComposedPrimaryKeyOfDocumentData(this.schema, { itemId, isCheckpoint: '1' }),
    )
    this.key ??= (await this.readStored(ids)).map((row) => checkpointKeyOf(row._rev)).find(Boolean)
    return this.key
  }
}

function missingItemIds(ids: string[], stored: Row[]): string[] {
  const found = new Set(stored.map((row) => String((row as AnyDocument).id)))
  return ids.filter((id) => !found.has(id) && id.endsWith('|0')).map((id) => id.slice(0, -2))
}

async function unstoredMetaRows<I, O>(
  fork: Instance<I, O>,
  schema: RxJsonSchema<Row>,
  checkpointKey: string,
  itemIds: string[],
): Promise<Row[]> {
  if (itemIds.length === 0) return []
  const forkRows = await fork.findDocumentsById(itemIds, true)
  return forkRows.flatMap((forkRow) => unstoredMetaRow(forkRow, schema, checkpointKey) ?? [])
}

/**
 * The meta row RxDB wrote for a document's first pull and this storage did not store: the pulled state (the replica
 * row's own, or the one a local edit kept), revision `1-<checkpoint key>` (`createRevision` of a row without
 * `previous`) and the pulled row's `lwt` — every field as RxDB would read the stored row.
 */
function unstoredMetaRow(forkRow: Row, schema: RxJsonSchema<Row>, checkpointKey: string): Row | undefined {
  const meta = forkRow._meta as ForkMeta
  const pulled =
    meta.pulled && meta.pulledBy === checkpointKey
      ? { state: writeDocToDocState(forkRow, false, false) as AnyDocument, lwt: meta.lwt }
      : meta.pulledState?.by === checkpointKey
        ? { state: meta.pulledState.state, lwt: meta.pulledState.lwt ?? 0 }
        : undefined
  const itemId = primaryIdOf(forkRow)
  if (!pulled || itemId === undefined) return undefined
  const row = { itemId, isCheckpoint: '0', docData: pulled.state }
  return {
    ...row,
    id: getComposedPrimaryKeyOfDocumentData(schema, row),
    _attachments: {},
    _deleted: false,
    _rev: createRevision(checkpointKey),
    _meta: { lwt: pulled.lwt },
  } as unknown as Row
}

/**
 * A write without `previous` where an unstored row reads is a conflict, as it is where a row is stored: the storage
 * below, holding none, would take it as an insert. A write whose `previous` is an unstored row needs no check here:
 * the storage below takes it as an insert too, and an unstored row's revision is always `1-<checkpoint key>`, the
 * one such a `previous` carries.
 */
async function checkedAgainstUnstored(
  rows: BulkWriteRow<AnyDocument>[],
  context: string,
  read: (ids: string[]) => Promise<Row[]>,
): Promise<{ accepted: BulkWriteRow<AnyDocument>[]; conflicts: RxStorageWriteError<AnyDocument>[] }> {
  const inserts = rows.filter((row) => !row.previous && (row.document as AnyDocument).isCheckpoint === '0')
  if (inserts.length === 0) return { accepted: rows, conflicts: [] }
  const current = new Map(
    (await read(inserts.map(metaIdOf))).map((row) => [String((row as AnyDocument).id), row]),
  )
  const accepted: BulkWriteRow<AnyDocument>[] = []
  const conflicts: RxStorageWriteError<AnyDocument>[] = []
  for (const row of rows) {
    const documentInDb = row.previous ? undefined : current.get(metaIdOf(row))
    if (documentInDb)
      conflicts.push({
        status: 409,
        isError: true,
        documentId: metaIdOf(row),
        writeRow: row,
        documentInDb,
        context,
      })
    else accepted.push(row)
  }
  return { accepted, conflicts }
}

function metaIdOf(row: BulkWriteRow<AnyDocument>): string {
  return String((row.document as AnyDocument).id)
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
 * The downstream's meta rows as they are stored. A pulled, undeleted state that the fork row the same pull just wrote
 * holds is stored without `docData`, with a marker naming that fork row's revision — or, for a document's first
 * pull, not at all (the fork row names the pull, see `unstoredMetaRow`). A deletion's state is stored whole: RxDB's
 * cleanup may purge a deleted fork row, and the meta row keeps that state after it.
 */
function rowsToStore(
  rows: BulkWriteRow<AnyDocument>[],
  lastPulls: Map<string, LastPull>,
  metaSchema: RxJsonSchema<Row>,
): BulkWriteRow<AnyDocument>[] {
  const checkpointKey = rows[0] ? checkpointKeyOf(rows[0].document._rev) : ''
  const pull = lastPulls.get(checkpointKey)
  // One fork write, one meta write: a later meta write without a fork write before it must not match these rows.
  lastPulls.delete(checkpointKey)
  if (!pull) return rows
  // Unstored only where this meta instance's reads find the replica that pull wrote.
  const readsBack = pull.properties === replicatedProperties(metaSchema)
  return rows.flatMap((row) => {
    const forkRow = pull.documents.get(String((row.document as AnyDocument).itemId))
    const state = (row.document as AnyDocument).docData as AnyDocument | undefined
    if (!forkRow || !state || state._deleted || !isStateOf(state, forkRow)) return [row]
    if (readsBack && !row.previous && (forkRow._meta as ForkMeta).pulledBy === checkpointKey) return []
    return [markedRow(row, pull.collection, forkRow)]
  })
}

function markedRow(
  row: BulkWriteRow<AnyDocument>,
  collection: string,
  forkRow: Row,
): BulkWriteRow<AnyDocument> {
  const { docData: _stateInFork, ...marked } = row.document as AnyDocument
  const marker: StateMarker = { collection, rev: forkRow._rev }
  return { previous: row.previous, document: { ...marked, [STATE_MARKER]: marker } as unknown as Row }
}

/** Meta revisions are `<height>-<checkpoint key>` (RxDB's `getMetaWriteRow`, `setCheckpoint`). */
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
