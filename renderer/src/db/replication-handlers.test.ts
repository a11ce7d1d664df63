import { describe, expect, it } from 'vitest'
import type { CollectionName } from '../../../domain/collections.ts'
import type { WireDocument } from '../../../domain/documents.ts'
import type { PullResponse } from '../../../domain/sync/sync-wire.ts'
import { NetworkError } from './api-client.ts'
import type { StoredDocument } from './database.ts'
import { createPullHandler, createPushSender } from './replication-handlers.ts'

const doc = (id: string): StoredDocument => ({ id, kind: 'subject', schoolId: 'demo', updatedAt: 1 })
const wire = (id: string): WireDocument<StoredDocument> => ({ ...doc(id), _deleted: false })

/** A server holding `documents` in seq order, answering pulls like `GET /api/sync/:c/pull`. */
function fakeServer(documents: WireDocument<StoredDocument>[]) {
  const calls: { path: string; init?: RequestInit }[] = []
  let failNext = false
  const api = {
    json<T>(path: string, init?: RequestInit): Promise<T> {
      calls.push({ path, init })
      if (failNext) {
        failNext = false
        return Promise.reject(new NetworkError('fetch failed'))
      }
      const query = new URLSearchParams(path.split('?')[1])
      const seq = Number(query.get('seq'))
      const page = documents.slice(seq, seq + Number(query.get('limit')))
      const response: PullResponse<StoredDocument> = {
        documents: page,
        checkpoint: { seq: seq + page.length },
      }
      return Promise.resolve((init?.method === 'POST' ? [] : response) as T)
    },
  }
  return { api, calls, failNextCall: () => (failNext = true) }
}

function pullOf(server: ReturnType<typeof fakeServer>, local: StoredDocument[] = []) {
  const restartFromZero = new Set<CollectionName>()
  const pulled: string[] = []
  const pull = createPullHandler('catalog', {
    api: server.api,
    restartFromZero,
    localDocuments: () => Promise.resolve(local),
    onPulled: (documents) => pulled.push(...documents.map((d) => d.id)),
  })
  return { pull, restartFromZero, pulled }
}

const ids = (response: PullResponse<StoredDocument>) =>
  response.documents.map((d) => (d._deleted ? `-${d.id}` : d.id))

describe('createPullHandler', () => {
  it('pulls from the checkpoint, or from 0 the first time', async () => {
    const server = fakeServer([wire('a'), wire('b'), wire('c')])
    const { pull, pulled } = pullOf(server, [doc('gone')])
    expect(ids(await pull(undefined, 2))).toEqual(['a', 'b'])
    expect(ids(await pull({ seq: 2 }, 2))).toEqual(['c'])
    expect(server.calls.map((c) => c.path)).toEqual([
      '/api/sync/catalog/pull?seq=0&limit=2',
      '/api/sync/catalog/pull?seq=2&limit=2',
    ])
    expect(pulled).toEqual(['a', 'b', 'c'])
  })

  it('restarts from 0 when asked, and ends that pull with tombstones of the local documents it did not return', async () => {
    const server = fakeServer([wire('a'), wire('b'), wire('c')])
    const { pull, restartFromZero } = pullOf(server, [doc('a'), doc('lost'), doc('c'), doc('hidden')])
    restartFromZero.add('catalog')
    expect(ids(await pull({ seq: 3 }, 2))).toEqual(['a', 'b'])
    expect(restartFromZero.has('catalog')).toBe(false)
    expect(ids(await pull({ seq: 2 }, 2))).toEqual(['c', '-lost', '-hidden'])
    expect(server.calls.map((c) => c.path)).toEqual([
      '/api/sync/catalog/pull?seq=0&limit=2',
      '/api/sync/catalog/pull?seq=2&limit=2',
    ])
    expect(ids(await pull({ seq: 3 }, 2))).toEqual([])
  })

  it('still starts from 0 when the from-zero pull fails and RxDB retries from its checkpoint', async () => {
    const server = fakeServer([wire('a')])
    const { pull, restartFromZero } = pullOf(server, [doc('a'), doc('lost')])
    restartFromZero.add('catalog')
    server.failNextCall()
    await expect(pull({ seq: 1 }, 10)).rejects.toThrow('fetch failed')
    expect(restartFromZero.has('catalog')).toBe(true)
    expect(ids(await pull({ seq: 1 }, 10))).toEqual(['a', '-lost'])
    expect(server.calls.map((c) => c.path)).toEqual([
      '/api/sync/catalog/pull?seq=0&limit=10',
      '/api/sync/catalog/pull?seq=0&limit=10',
    ])
  })

  it('never deletes anything on an ordinary pull', async () => {
    const server = fakeServer([wire('a')])
    const { pull } = pullOf(server, [doc('a'), doc('mine')])
    expect(ids(await pull(undefined, 10))).toEqual(['a'])
  })
})

describe('createPushSender', () => {
  it('posts the rows with a null assumed state for new documents', async () => {
    const server = fakeServer([])
    const send = createPushSender('org', server.api)
    const old = wire('b')
    await expect(
      send([
        { newDocumentState: wire('a') },
        { assumedMasterState: old, newDocumentState: { ...old, updatedAt: 2 } },
      ]),
    ).resolves.toEqual([])
    const [call] = server.calls
    expect(call?.path).toBe('/api/sync/org/push')
    expect(call?.init?.method).toBe('POST')
    expect(JSON.parse(String(call?.init?.body))).toEqual([
      { assumedMasterState: null, newDocumentState: wire('a') },
      { assumedMasterState: old, newDocumentState: { ...old, updatedAt: 2 } },
    ])
  })
  it('sends an assumed state without the empty attachments a schema migration added', async () => {
    const server = fakeServer([])
    const old = wire('b')
    await createPushSender(
      'org',
      server.api,
    )([{ assumedMasterState: { ...old, _attachments: {} }, newDocumentState: { ...old, updatedAt: 2 } }])
    expect(JSON.parse(String(server.calls[0]?.init?.body))).toEqual([
      { assumedMasterState: old, newDocumentState: { ...old, updatedAt: 2 } },
    ])
  })
})
