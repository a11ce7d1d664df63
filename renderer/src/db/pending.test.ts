// pending.ts reads RxDB's replication internals, which are no public API: these tests pin the shape it relies on
// against a real replica, so an RxDB upgrade that changes them fails here first (rxdb is pinned exactly for that:
// test/dependencies.test.ts).
import {
  getAssumedMasterState,
  getChangedDocumentsSince,
  getComposedPrimaryKeyOfDocumentData,
  getHeightOfRevision,
  writeDocToDocState,
  type RxDocumentData,
  type RxStorageInstanceReplicationState,
} from 'rxdb'
import { afterEach, describe, expect, it } from 'vitest'
import { waitFor } from '../app/testing/wait-for.ts'
import type { Subject } from '../../../domain/catalog/subject.ts'
import type { WireDocument } from '../../../domain/documents.ts'
import { createApiClient, createMemorySecretStore, login } from './api-client.ts'
import type { StoredDocument } from './database.ts'
import { advanceUpstreamCheckpoint, scanUpstream } from './pending.ts'
import { createRepository } from './repository.ts'
import { startSync } from './sync-engine.ts'
import { FakeSyncServer } from './testing/fake-sync-server.ts'
import { ADMIN, openNodeDatabase } from './testing/node-database.ts'

type ReplicationInternals = RxStorageInstanceReplicationState<StoredDocument>

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()))
})

const FROM_SERVER: WireDocument<Subject> = {
  id: 's-from-server',
  kind: 'subject',
  schoolId: 'demo',
  updatedAt: 1,
  name: '美术',
  enabled: true,
  _deleted: false,
}

/** `pendingAuditMs`: how soon the engine scans (and moves the upstream checkpoint) after a change. */
async function syncedReplica(pendingAuditMs?: number) {
  const server = new FakeSyncServer({ [ADMIN.id]: ADMIN })
  server.write('catalog', FROM_SERVER)
  const link = server.link()
  const database = await openNodeDatabase(ADMIN, server.url)
  const api = createApiClient({
    serverUrl: server.url,
    secrets: createMemorySecretStore(),
    fetch: link.fetch,
  })
  await api.setTokens(await login(server.url, { account: ADMIN.id, password: 'demo-2026' }, link.fetch))
  const engine = startSync({
    database,
    api,
    retryTime: 30,
    stream: { initialDelayMs: 10, maxDelayMs: 50 },
    pendingAuditMs,
  })
  cleanups.push(async () => {
    await engine.stop()
    await database.close()
  })
  const subjects = createRepository<Subject>(database, 'subject', ADMIN)
  const mine = await subjects.insert({ name: '书法', enabled: true })
  await waitFor(() => expect(engine.status()).toMatchObject({ phase: 'synced', pending: 0 }))
  const replication = engine.replications.get('catalog')
  const state = replication?.internalReplicationState
  if (!replication || !state) throw new Error('the catalog replication has not started')
  const stored = async (id: string) =>
    (await state.input.forkInstance.findDocumentsById([id], false))[0] as RxDocumentData<StoredDocument>
  return { server, link, api, database, engine, subjects, mine, replication, state, stored }
}

describe('the RxDB internals pending.ts reads', () => {
  it('keep the upstream checkpoint in lastCheckpointDoc.up and in the meta instance under its composed id', async () => {
    const { state } = await syncedReplica()
    const known = state.lastCheckpointDoc.up?.checkpointData
    expect(known).toBeDefined()
    const id = getComposedPrimaryKeyOfDocumentData(state.input.metaInstance.schema, {
      isCheckpoint: '1',
      itemId: 'up',
    })
    const [doc] = await state.input.metaInstance.findDocumentsById([id], false)
    expect(doc?.checkpointData).toEqual(known)
  })

  it('mark a pulled update with _meta.o = { hash of the identifier, its revision height }', async () => {
    const { server, state, stored } = await syncedReplica()
    // RxDB 17.6 writes a first pull as an insert, whose _meta its collection wrapper replaces (no marker): the
    // count then compares with the assumed master state instead. An update keeps the marker.
    const renamed: WireDocument<Subject> = { ...FROM_SERVER, name: '美术（新）' }
    server.write('catalog', renamed)
    await waitFor(async () => expect((await stored('s-from-server')).name).toBe('美术（新）'))
    const pulled = await stored('s-from-server')
    expect(pulled._meta.o).toEqual({
      hash: await state.input.hashFunction(state.input.identifier),
      _rev: getHeightOfRevision(pulled._rev),
    })
  })

  it('keep the assumed master state of an acknowledged document equal to its local state', async () => {
    const { state, mine, stored } = await syncedReplica()
    const assumed = await getAssumedMasterState(state, [mine.id])
    const local = writeDocToDocState(await stored(mine.id), false, false)
    const master = assumed[mine.id]?.docData
    if (!master) throw new Error(`no assumed master state for ${mine.id}`)
    expect(state.input.conflictHandler.isEqual(master, local, 'test')).toBe(true)
  })

  it('list a local change after the upstream checkpoint, and count it pending until acknowledged', async () => {
    const { state, link, subjects, mine, replication } = await syncedReplica()
    link.cut()
    await subjects.patch(mine.id, { name: '书法（改）' })
    const checkpoint = state.lastCheckpointDoc.up?.checkpointData
    const changed = await getChangedDocumentsSince(state.input.forkInstance, 100, checkpoint)
    expect(changed.documents.map((doc) => doc.id)).toEqual([mine.id])
    expect((await scanUpstream(replication))?.pending).toBe(1)
  })
})

describe('moving the upstream checkpoint', () => {
  /** Subjects the server writes in one bulk, highest id first: RxDB's checkpoint of the bulk is its last row. */
  const bulk = ['s-bulk-3', 's-bulk-2', 's-bulk-1'].map((id): WireDocument<Subject> => ({
    ...FROM_SERVER,
    id,
    name: id,
  }))

  async function afterCheckpoint(state: ReplicationInternals): Promise<string[]> {
    const { documents } = await getChangedDocumentsSince(
      state.input.forkInstance,
      100,
      state.lastCheckpointDoc.up?.checkpointData,
    )
    return documents.map((doc) => doc.id)
  }

  it('moves it through the acknowledged documents up to the first local change not yet acknowledged', async () => {
    // No scan by the engine after the start: this test scans by hand.
    const { server, link, subjects, mine, replication, state, stored } = await syncedReplica(60_000)
    server.writeAll('catalog', bulk)
    await waitFor(async () => expect(await stored('s-bulk-1')).toBeDefined())
    await waitFor(async () => expect(await afterCheckpoint(state)).toEqual(['s-bulk-2', 's-bulk-3']))
    link.cut()
    await subjects.patch(mine.id, { name: '书法（改）' })

    const scan = await scanUpstream(replication)
    expect(scan?.pending).toBe(1)
    if (!scan) throw new Error('no scan')
    expect(await advanceUpstreamCheckpoint(replication, scan)).toBe(true)
    expect(await afterCheckpoint(state)).toEqual([mine.id])
  })

  it('leaves it where it is when the upstream moved it during the scan', async () => {
    const { server, replication, state, stored } = await syncedReplica(60_000)
    server.writeAll('catalog', bulk)
    await waitFor(async () => expect(await stored('s-bulk-1')).toBeDefined())
    const scan = await scanUpstream(replication)
    if (!scan) throw new Error('no scan')
    expect(await advanceUpstreamCheckpoint(replication, { ...scan, from: { id: 'elsewhere', lwt: 0 } })).toBe(
      false,
    )
    expect(await afterCheckpoint(state)).toEqual(['s-bulk-2', 's-bulk-3'])
  })

  it('never moves it past a change made offline: a replica reopened later still pushes it', async () => {
    const { server, link, database, engine, subjects, mine, state, stored } = await syncedReplica(5)
    server.writeAll('catalog', bulk)
    await waitFor(async () => expect(await stored('s-bulk-1')).toBeDefined())
    link.cut()
    await subjects.patch(mine.id, { name: '书法（改）' })
    await waitFor(() => expect(engine.status().pending).toBe(1))
    // The engine has scanned and moved the checkpoint as far as it may.
    await waitFor(async () => expect(await afterCheckpoint(state)).toEqual([mine.id]))
    await engine.stop()

    const reopenedLink = server.link()
    const reopenedApi = createApiClient({
      serverUrl: server.url,
      secrets: createMemorySecretStore(),
      fetch: reopenedLink.fetch,
    })
    await reopenedApi.setTokens(
      await login(server.url, { account: ADMIN.id, password: 'demo-2026' }, reopenedLink.fetch),
    )
    const reopened = startSync({
      database,
      api: reopenedApi,
      retryTime: 30,
      stream: { initialDelayMs: 10, maxDelayMs: 50 },
    })
    await waitFor(() =>
      expect(server.documents('catalog').find((doc) => doc.id === mine.id)).toMatchObject({
        name: '书法（改）',
      }),
    )
    await reopened.stop()
  })
})
