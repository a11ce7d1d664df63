// The replication's assumed master state of a pulled document lives in the replica's row, not in a second copy in
// the meta instance (pulled-state-markers.ts): these tests run the app's replication against the fake server and
// check that the state RxDB reads back is still the one it pulled, before and after local edits and a reopen.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import {
  getAssumedMasterState,
  type RxCollection,
  getComposedPrimaryKeyOfDocumentData,
  type RxStorageInstanceReplicationState,
} from 'rxdb'
import { replicateRxCollection } from 'rxdb/plugins/replication'
import { afterEach, describe, expect, it } from 'vitest'
import { waitFor } from '../app/testing/wait-for.ts'
import type { Subject } from '../../../domain/catalog/subject.ts'
import type { WireDocument } from '../../../domain/documents.ts'
import type { PushRow } from '../../../domain/sync/sync-wire.ts'
import { createApiClient, createMemorySecretStore, login } from './api-client.ts'
import { createCampusDatabase, type CampusDatabase, type StoredDocument } from './database.ts'
import { STATE_MARKER } from './pulled-state-markers.ts'
import { getReplicaStorage } from './replica-storage.ts'
import { createRepository } from './repository.ts'
import { startSync } from './sync-engine.ts'
import { FakeSyncServer } from './testing/fake-sync-server.ts'
import { ADMIN, openNodeDatabase } from './testing/node-database.ts'

type ReplicationState = RxStorageInstanceReplicationState<StoredDocument>

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()))
})

const PULLED: WireDocument<Subject> = {
  id: 's-pulled',
  kind: 'subject',
  schoolId: 'demo',
  updatedAt: 1,
  name: '美术',
  enabled: true,
  _deleted: false,
}

/** A client of `server` syncing `database`; the rows it pushes are kept in `pushed`. */
async function syncing(server: FakeSyncServer, database: CampusDatabase) {
  const link = server.link()
  const pushed: PushRow[] = []
  const fetch: typeof link.fetch = (input, init) => {
    if (String(input).endsWith('/push') && typeof init?.body === 'string')
      pushed.push(...(JSON.parse(init.body) as PushRow[]))
    return link.fetch(input, init)
  }
  const api = createApiClient({ serverUrl: server.url, secrets: createMemorySecretStore(), fetch })
  await api.setTokens(await login(server.url, { account: ADMIN.id, password: 'demo-2026' }, fetch))
  const engine = startSync({ database, api, retryTime: 30, stream: { initialDelayMs: 10, maxDelayMs: 50 } })
  await waitFor(() => expect(engine.status()).toMatchObject({ phase: 'synced', pending: 0 }))
  const state = engine.replications.get('catalog')?.internalReplicationState as ReplicationState | undefined
  if (!state) throw new Error('the catalog replication has not started')
  const subjects = createRepository<Subject>(database, 'subject', ADMIN)
  return { link, pushed, engine, state, subjects }
}

async function pulledReplica() {
  const server = new FakeSyncServer({ [ADMIN.id]: ADMIN })
  server.write('catalog', PULLED)
  const database = await openNodeDatabase(ADMIN, server.url)
  const client = await syncing(server, database)
  cleanups.push(async () => {
    await client.engine.stop()
    await database.close()
  })
  return { server, database, ...client }
}

type StoredRow = Record<string, unknown>
interface DexieTable {
  get(key: string): Promise<StoredRow | undefined>
  toArray(): Promise<StoredRow[]>
}

/** The IndexedDB table of a storage instance, below every storage wrapper. */
async function tableOf(instance: { internals: unknown }): Promise<DexieTable> {
  return (await (instance.internals as Promise<{ dexieTable: DexieTable }>)).dexieTable
}

/** The meta row of `id` as IndexedDB holds it. */
async function storedMetaRow(state: ReplicationState, id: string): Promise<StoredRow | undefined> {
  return (await tableOf(state.input.metaInstance)).get(metaIdOf(state, id))
}

function metaIdOf(state: ReplicationState, id: string): string {
  return getComposedPrimaryKeyOfDocumentData(state.input.metaInstance.schema, {
    itemId: id,
    isCheckpoint: '0',
  })
}

async function assumedState(state: ReplicationState, id: string): Promise<unknown> {
  return (await getAssumedMasterState(state, [id]))[id]?.docData
}

function serverCopy(server: FakeSyncServer, id: string): WireDocument | undefined {
  return server.documents('catalog').find((doc) => doc.id === id)
}

describe('the assumed master state of a pulled document', () => {
  it('is stored once, in the replica: a first pull stores no meta row, and the state reads back', async () => {
    const { state } = await pulledReplica()
    expect(await storedMetaRow(state, PULLED.id)).toBeUndefined()
    expect(await assumedState(state, PULLED.id)).toEqual(PULLED)
  })

  it('costs a first sync one put per document: every replica row, no meta row but the checkpoints', async () => {
    const server = new FakeSyncServer({ [ADMIN.id]: ADMIN })
    const pulled = ['s-1', 's-2', 's-3'].map((id, index) => ({ ...PULLED, id, name: `科目${index}` }))
    pulled.forEach((doc) => server.write('catalog', doc))
    const database = await openNodeDatabase(ADMIN, server.url)
    const { engine, state } = await syncing(server, database)
    cleanups.push(async () => {
      await engine.stop()
      await database.close()
    })
    const forkIds = (await (await tableOf(state.input.forkInstance)).toArray()).map((row) => row.id)
    expect(forkIds).toEqual(expect.arrayContaining(pulled.map((doc) => doc.id)))
    const metaRows = await (await tableOf(state.input.metaInstance)).toArray()
    expect(metaRows.map((row) => row.isCheckpoint)).toEqual(metaRows.map(() => '1'))
    for (const doc of pulled) expect(await assumedState(state, doc.id)).toEqual(doc)
  })

  it('of a later pull is stored as a marker to the replica row, and reads back as that state', async () => {
    const { server, state } = await pulledReplica()
    const changed = { ...PULLED, updatedAt: 2, name: '美术（新）' }
    server.write('catalog', changed)
    await waitFor(async () => expect(await assumedState(state, PULLED.id)).toEqual(changed))
    const row = await storedMetaRow(state, PULLED.id)
    expect(row).not.toHaveProperty('docData')
    expect(row).toHaveProperty(STATE_MARKER)
  })

  it('that is not stored conflicts with a meta write that assumes no state, as a stored one does', async () => {
    const { state } = await pulledReplica()
    const [unstored] = await state.input.metaInstance.findDocumentsById([metaIdOf(state, PULLED.id)], true)
    if (!unstored) throw new Error('the pulled state does not read back')
    const { error } = await state.input.metaInstance.bulkWrite(
      [{ document: { ...unstored, docData: { ...PULLED, name: '别的' } } }],
      'test-write-without-previous',
    )
    expect(error).toMatchObject([{ status: 409, documentInDb: { docData: PULLED, _rev: unstored._rev } }])
    expect(await storedMetaRow(state, PULLED.id)).toBeUndefined()
  })

  it("is not another replication's: a second replication of the replica pushes the pulled document", async () => {
    // Shared by several windows (`multiInstance`), the new meta instance is not read as empty: only the checkpoint
    // key tells its rows apart.
    const server = new FakeSyncServer({ [ADMIN.id]: ADMIN })
    server.write('catalog', PULLED)
    const database = await createCampusDatabase({
      storage: getReplicaStorage({ indexedDB, IDBKeyRange }),
      name: 'pulled-state-markers-shared',
      multiInstance: true,
    })
    const { engine } = await syncing(server, database)
    cleanups.push(async () => {
      await engine.stop()
      await database.close()
    })
    const pushed: unknown[] = []
    const other = replicateRxCollection({
      collection: database.collection('catalog') as unknown as RxCollection,
      replicationIdentifier: 'another-server',
      live: false,
      push: {
        handler: async (rows) => {
          pushed.push(...rows.map((row) => row.newDocumentState))
          return []
        },
      },
    })
    await other.awaitInitialReplication()
    await other.cancel()
    expect(pushed).toEqual([expect.objectContaining({ id: PULLED.id, name: PULLED.name })])
  })

  it('is what the first local edit pushes as assumedMasterState: the server takes the edit, no conflict', async () => {
    const { server, state, pushed, subjects } = await pulledReplica()
    await subjects.patch(PULLED.id, { name: '美术（改）' })
    await waitFor(() => expect(serverCopy(server, PULLED.id)).toMatchObject({ name: '美术（改）' }))
    const push = pushed.find((row) => row.newDocumentState.id === PULLED.id)
    expect(push?.assumedMasterState).toEqual(PULLED)
    expect(await assumedState(state, PULLED.id)).toMatchObject({ name: '美术（改）' })
  })

  it('still reads back after local edits made offline, and after a reopen of the replica', async () => {
    const { server, database, link, engine, state, subjects } = await pulledReplica()
    link.cut()
    await subjects.patch(PULLED.id, { name: '美术（一）' })
    await subjects.patch(PULLED.id, { name: '美术（二）' })
    expect(await assumedState(state, PULLED.id)).toEqual(PULLED)
    await engine.stop()
    await database.close()

    const reopened = await createCampusDatabase({
      storage: getReplicaStorage({ indexedDB, IDBKeyRange }),
      name: database.name,
    })
    const client = await syncing(server, reopened)
    cleanups.push(async () => {
      await client.engine.stop()
      await reopened.close()
    })
    await waitFor(() => expect(serverCopy(server, PULLED.id)).toMatchObject({ name: '美术（二）' }))
    expect(client.pushed.find((row) => row.newDocumentState.id === PULLED.id)?.assumedMasterState).toEqual(
      PULLED,
    )
  })

  it('lets the server detect a change it made meanwhile: the edit is a conflict, merged without losses', async () => {
    const { server, database, link, pushed, subjects } = await pulledReplica()
    link.cut()
    server.write('catalog', { ...PULLED, updatedAt: 2, enabled: false } as WireDocument<Subject>)
    await subjects.patch(PULLED.id, { name: '美术（改）' })
    link.online = true
    await waitFor(() =>
      expect(serverCopy(server, PULLED.id)).toMatchObject({ name: '美术（改）', enabled: false }),
    )
    expect(pushed.find((row) => row.newDocumentState.id === PULLED.id)?.assumedMasterState).toEqual(PULLED)
    expect(await database.lostEdits.list()).toEqual([])
  })

  it('of a deletion stays in the meta row: cleanup purges the replica row, and the id can come back', async () => {
    const { server, state, subjects } = await pulledReplica()
    const deleted = { ...PULLED, updatedAt: 2, _deleted: true }
    server.write('catalog', deleted)
    await waitFor(async () => expect(await assumedState(state, PULLED.id)).toEqual(deleted))
    expect(await storedMetaRow(state, PULLED.id)).toMatchObject({ docData: deleted })
    await state.input.forkInstance.cleanup(0)
    expect(await state.input.forkInstance.findDocumentsById([PULLED.id], true)).toEqual([])
    expect(await assumedState(state, PULLED.id)).toEqual(deleted)

    const recreated = { ...PULLED, updatedAt: 3, name: '美术（新）' }
    server.write('catalog', recreated)
    await waitFor(async () => expect(await assumedState(state, PULLED.id)).toEqual(recreated))
    await subjects.patch(PULLED.id, { name: '美术（改）' })
    await waitFor(() => expect(serverCopy(server, PULLED.id)).toMatchObject({ name: '美术（改）' }))
  })
})
