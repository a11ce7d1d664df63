// Three real server processes on one PostgreSQL database and one Redis (issue 16): tokens and commits cross every
// instance, and neither an instance killed mid-push nor a commit it never published costs a reader a write or a seq.
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../e2e/server.ts'
import { createStore } from '../../sync-server/src/store/index.ts'
import { subject } from '../../sync-server/src/test-support/documents.ts'
import { SseClient, type SseMessage } from '../../sync-server/src/test-support/sse.ts'
import { CatalogReader, expectReadWithoutGap } from '../support/catalog-reader.ts'
import {
  missingServices,
  pushSubject,
  pushSubjects,
  REDIS_URL,
  startInstances,
  titleWithSkipReason,
  spansOf,
  type Deployment,
} from '../support/instances.ts'
import { logIn, waitFor } from '../support/server-calls.ts'

const ADMIN = '13800000001'
const missing = missingServices()
const title = titleWithSkipReason('three server instances on PostgreSQL + Redis', missing)

type Change = { collection: string; documents: { id: string }[]; checkpoint: { seq: number } }

/** The catalog changes of a stream that carry documents whose id starts with `prefix`. */
function changesOf(stream: SseClient, prefix: string): Change[] {
  const ours = (m: SseMessage) =>
    m.event === 'change' && (m.data as Change).documents.some((d) => d.id.startsWith(prefix))
  return stream.messages.filter(ours).map((m) => m.data as Change)
}

/** The ids of the catalog documents in the shared database whose id starts with `prefix`. */
async function storedIds(databaseUrl: string, prefix: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const { rows } = await client.query<{ id: string }>(
      "SELECT id FROM documents WHERE school_id = 'demo' AND collection = 'catalog' AND id LIKE $1 ORDER BY seq",
      [`${prefix}%`],
    )
    return rows.map((row) => row.id)
  } finally {
    await client.end()
  }
}

describe.skipIf(missing.length > 0)(title, () => {
  let deployment: Deployment
  let a: RunningServer
  let b: RunningServer
  let c: RunningServer

  beforeAll(async () => {
    deployment = await startInstances(3, REDIS_URL as string)
    ;[a, b, c] = deployment.instances as [RunningServer, RunningServer, RunningServer]
  }, 300_000)

  afterAll(() => deployment?.stop(), 60_000)

  it('accepts on every instance the access token any other gave out', async () => {
    for (const [issuer, checker] of [
      [a, b],
      [b, c],
      [c, a],
    ] as const) {
      const { accessToken } = await logIn(issuer, ADMIN)
      const response = await fetch(`${checker.url}/api/sync/catalog/pull?seq=0&limit=1`, {
        headers: { authorization: `Bearer ${accessToken}` },
      })
      expect(response.status).toBe(200)
    }
  })

  it('streams the writes pushed at once on all three to a stream on each, in seq order, no gap, no duplicate', async () => {
    const instances = [a, b, c]
    const tokens = await Promise.all(
      instances.map(async (server) => (await logIn(server, ADMIN)).accessToken),
    )
    const streams = await Promise.all(
      instances.map(async (server, i) => {
        const { client } = await SseClient.connect(`${server.url}/api/sync/stream`, tokens[i])
        if (!client) throw new Error(`no stream on ${server.url}`)
        return client
      }),
    )
    try {
      const idsByInstance = instances.map((_, i) => Array.from({ length: 15 }, (_, n) => `three-${i}-${n}`))
      await Promise.all(
        instances.map((server, i) => pushSubjects(server, tokens[i] as string, idsByInstance[i] ?? [])),
      )
      const everyId = idsByInstance.flat()
      for (const stream of streams) {
        await waitFor(
          () => changesOf(stream, 'three-').flatMap((change) => change.documents).length >= everyId.length,
          `${everyId.length} documents on every stream`,
        )
        const changes = changesOf(stream, 'three-')
        const ids = changes.flatMap((change) => change.documents.map((d) => d.id))
        expect(ids).toHaveLength(everyId.length)
        expect([...ids].sort()).toEqual([...everyId].sort())
        expect(spansOf(changes)).toEqual(changes.slice(1).map((change) => change.documents.length))
        for (const own of idsByInstance) expect(ids.filter((id) => own.includes(id))).toEqual(own)
        expect(stream.messages.some((m) => m.event === 'resync')).toBe(false)
      }
    } finally {
      streams.forEach((stream) => stream.close())
    }
  }, 120_000)

  it('brings a commit whose instance never published it to every reader, by resync after the wait', async () => {
    const readers = await Promise.all(
      [a, b].map(async (server) => CatalogReader.open(server, (await logIn(server, ADMIN)).accessToken)),
    )
    // A fourth instance that commits and dies before publishing: a store of its own, with no change bus.
    const silent = await createStore({ kind: 'postgres', url: deployment.databaseUrl })
    try {
      const unpublished = subject('demo', 'unpublished-0')
      await silent.writeDocuments('demo', 'catalog', [unpublished.id], () => ({
        writes: [unpublished],
        result: null,
      }))
      const published = await pushSubjects(b, (await logIn(b, ADMIN)).accessToken, ['unpublished-1'])
      const ids = [unpublished.id, ...published]
      await waitFor(() => readers.every((reader) => reader.has(ids)), 'both commits on both readers')
      for (const reader of readers) {
        expectReadWithoutGap(reader, ids)
        expect(reader.resyncs).toBeGreaterThan(0)
      }
    } finally {
      await Promise.all(readers.map((reader) => reader.stop()))
      await silent.close()
    }
  }, 120_000)

  it('loses no acknowledged write when an instance is killed during pushes, and readers see no seq gap', async () => {
    const readers = await Promise.all(
      [a, b].map(async (server) => CatalogReader.open(server, (await logIn(server, ADMIN)).accessToken)),
    )
    const [tokenA, tokenC] = await Promise.all([logIn(a, ADMIN), logIn(c, ADMIN)]).then((l) =>
      l.map((login) => login.accessToken),
    )
    const acknowledged: string[] = []
    let killed = false
    const pushUntil = async (server: RunningServer, token: string, prefix: string, done: () => boolean) => {
      for (let n = 0; !done(); n++) {
        const id = `${prefix}-${n}`
        const status = await pushSubject(server, token, id).catch(() => 0)
        if (status !== 200) return
        acknowledged.push(id)
      }
    }
    try {
      const onC = pushUntil(c, tokenC as string, 'killed-c', () => false)
      let afterKill = 0
      const onA = pushUntil(a, tokenA as string, 'killed-a', () => killed && ++afterKill > 10)
      await waitFor(
        () => acknowledged.filter((id) => id.startsWith('killed-c')).length >= 10,
        '10 pushes on C',
      )
      await c.kill()
      killed = true
      await Promise.all([onC, onA])

      const stored = await storedIds(deployment.databaseUrl, 'killed-')
      expect(stored).toEqual(expect.arrayContaining(acknowledged))
      await waitFor(() => readers.every((reader) => reader.has(stored)), 'every stored write on both readers')
      for (const reader of readers) expectReadWithoutGap(reader, stored)
    } finally {
      await Promise.all(readers.map((reader) => reader.stop()))
    }
  }, 180_000)
})
