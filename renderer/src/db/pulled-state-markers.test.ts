// The replication's assumed master state of a pulled document lives in the replica's row, not in a second copy in
// the meta instance (pulled-state-markers.ts): these tests run the app's replication against the fake server and
// check that the state RxDB reads back is still the one it pulled, before and after local edits and a reopen.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb'
import {
  getAssumedMasterState,
  getComposedPrimaryKeyOfDocumentData,
  type RxStorageInstanceReplicationState,
} from 'rxdb'
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

/** The meta row of `id` as IndexedDB holds it, below every storage wrapper. */
async function storedMetaRow(
  state: ReplicationState,
  id: string,
): Promise<Record<string, unknown> | undefined> {
  const metaId = getComposedPrimaryKeyOfDocumentData(state.input.metaInstance.schema, {
    itemId: id,
    isCheckpoint: '0',
  })
  const { dexieTable } = await (state.input.metaInstance.internals as Promise<{
    dexieTable: { get(key: string): Promise<Record<string, unknown> | undefined> }
  }>)
  return dexieTable.get(metaId)
}

async function assumedState(state: ReplicationState, id: string): Promise<unknown> {
  return (await getAssumedMasterState(state, [id]))[id]?.docData
}

function serverCopy(server: FakeSyncServer, id: string): WireDocument | undefined {
  return server.documents('catalog').find((doc) => doc.id === id)
}

describe('the assumed master state of a pulled document', () => {
  it('is stored once, in the replica: the meta row holds a marker and reads back as the pulled state', async () => {
    const { state } = await pulledReplica()
    const row = await storedMetaRow(state, PULLED.id)
    expect(row).toBeDefined()
    expect(row).not.toHaveProperty('docData')
    expect(row).toHaveProperty(STATE_MARKER)
    expect(await assumedState(state, PULLED.id)).toEqual(PULLED)
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
