import { describe, expect, it } from 'vitest'
import type { CollectionName } from '../../../domain/collections.ts'
import type { WireDocument } from '../../../domain/documents.ts'
import type { PullResponse } from '../../../domain/sync/sync-wire.ts'
import { inTermWindow, parseTermWindow } from '../../../domain/sync/term-window.ts'
import { NetworkError } from './api-client.ts'
import type { StoredDocument } from './database.ts'
import { createPullHandler, createPushSender, type PullHandlerOptions } from './replication-handlers.ts'
import type { TermWindowMove } from './term-window.ts'

const doc = (id: string): StoredDocument => ({ id, kind: 'subject', schoolId: 'demo', updatedAt: 1 })
const wire = (id: string): WireDocument<StoredDocument> => ({ ...doc(id), _deleted: false })

/**
 * A server holding `documents` at seq 1, 2, …, answering pulls like `GET /api/sync/:c/pull`: lessons outside a
 * `terms` window are skipped, and a short page's checkpoint passes them.
 */
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
      const terms = query.get('terms')
      const window = terms === null ? undefined : parseTermWindow(terms)
      const limit = Number(query.get('limit'))
      const page = documents
        .map((document, index) => ({ document, seq: index + 1 }))
        .filter(
          ({ document, seq }) =>
            seq > Number(query.get('seq')) && (!window || inTermWindow(document, window)),
        )
        .slice(0, limit)
      const response: PullResponse<StoredDocument> = {
        documents: page.map((row) => row.document),
        checkpoint: { seq: page.length === limit ? (page.at(-1)?.seq ?? 0) : documents.length },
      }
      return Promise.resolve((init?.method === 'POST' ? [] : response) as T)
    },
  }
  return { api, calls, failNextCall: () => (failNext = true) }
}

function pullOf(
  server: ReturnType<typeof fakeServer>,
  local: StoredDocument[] = [],
  more: Partial<PullHandlerOptions> = {},
) {
  const restartFromZero = new Set<CollectionName>()
  const pulled: string[] = []
  const pull = createPullHandler('catalog', {
    api: server.api,
    restartFromZero,
    localDocuments: () => Promise.resolve(local),
    onPulled: (documents) => pulled.push(...documents.map((d) => d.id)),
    ...more,
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

describe('createPullHandler following a move of the term window', () => {
  const lesson = (id: string, termId: string): StoredDocument => ({ ...doc(id), kind: 'lesson', termId })
  const onServer = (document: StoredDocument) => ({ ...document, _deleted: false })
  /** Terms A and OLD on the server; the replica held A and X (no longer in the window) up to seq 5. */
  function movedFromAXToAOld() {
    const server = fakeServer(
      [lesson('a1', 'A'), lesson('o1', 'OLD'), lesson('a2', 'A'), lesson('o2', 'OLD'), lesson('o3', 'OLD')]
        .concat(doc('s'))
        .map(onServer),
    )
    const local = [lesson('a1', 'A'), lesson('a2', 'A'), lesson('x1', 'X'), doc('s')]
    const resynced: string[] = []
    let move: TermWindowMove | undefined = {
      fromZero: false,
      catchUpQuery: 'terms=OLD',
      keeps: (document) => inTermWindow(document, new Set(['A', 'OLD'])),
    }
    const handler = pullOf(server, local, {
      query: () => Promise.resolve('terms=A,OLD'),
      takeWindowMove: () => {
        const taken = move
        move = undefined
        return taken
      },
      onResynced: (query) => Promise.resolve(void resynced.push(query)),
    })
    return { server, resynced, ...handler }
  }
  const paths = (server: ReturnType<typeof fakeServer>) => server.calls.map((c) => c.path.replace(/.*\?/, ''))

  it('pulls the added terms from 0 with the checkpoint left alone, then the window since it, and drops what left', async () => {
    const { pull, server, resynced } = movedFromAXToAOld()
    expect(await pull({ seq: 5 }, 3)).toEqual({
      documents: ['o1', 'o2', 'o3'].map((id) => onServer(lesson(id, 'OLD'))),
      checkpoint: { seq: 5 },
    })
    expect(resynced).toEqual([])
    // 's' (not a lesson) comes with the added terms and again since the checkpoint: handed over once.
    const last = await pull({ seq: 5 }, 3)
    expect(ids(last)).toEqual(['s', '-x1'])
    expect(last.checkpoint).toEqual({ seq: 6 })
    expect(paths(server)).toEqual([
      'seq=0&limit=3&terms=OLD',
      'seq=5&limit=3&terms=OLD',
      'seq=5&limit=3&terms=A,OLD',
    ])
    expect(resynced).toEqual(['terms=A,OLD'])
    expect(ids(await pull({ seq: 6 }, 3))).toEqual([])
  })

  it('goes on where it was after a failed pull', async () => {
    const { pull, server } = movedFromAXToAOld()
    await pull({ seq: 5 }, 3)
    server.failNextCall()
    await expect(pull({ seq: 5 }, 3)).rejects.toThrow('fetch failed')
    expect(ids(await pull({ seq: 5 }, 3))).toEqual(['s', '-x1'])
    expect(paths(server).slice(1)).toEqual([
      'seq=5&limit=3&terms=OLD',
      'seq=5&limit=3&terms=OLD',
      'seq=5&limit=3&terms=A,OLD',
    ])
  })

  it('gives way to a pull from 0 the server asked for', async () => {
    const { pull, server, restartFromZero } = movedFromAXToAOld()
    await pull({ seq: 5 }, 3)
    restartFromZero.add('catalog')
    expect(ids(await pull({ seq: 5 }, 10))).toEqual(['a1', 'o1', 'a2', 'o2', 'o3', 's', '-x1'])
    expect(paths(server)).toEqual(['seq=0&limit=3&terms=OLD', 'seq=0&limit=10&terms=A,OLD'])
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
