// Two real server processes whose Redis restarts mid-way (issue 16): the streams of both instances are told to
// resync, and every write made before, during and after the outage reaches every reader. The Redis is the test's
// own (a `redis-server` on a free port), so the machine's shared one is never stopped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../e2e/server.ts'
import { CatalogReader, expectReadWithoutGap } from '../support/catalog-reader.ts'
import {
  missingServices,
  pushSubjects,
  startInstances,
  startOwnRedis,
  titleWithSkipReason,
  type Deployment,
  type OwnRedis,
} from '../support/instances.ts'
import { logIn, waitFor } from '../support/server-calls.ts'

const ADMIN = '13800000001'
const missing = missingServices('own')
const title = titleWithSkipReason('two server instances whose Redis restarts', missing)

describe.skipIf(missing.length > 0)(title, () => {
  let redis: OwnRedis
  let deployment: Deployment
  let a: RunningServer
  let b: RunningServer

  beforeAll(async () => {
    redis = await startOwnRedis()
    deployment = await startInstances(2, redis.url)
    ;[a, b] = deployment.instances as [RunningServer, RunningServer]
  }, 300_000)

  afterAll(async () => {
    await deployment?.stop()
    await redis?.stop()
  }, 60_000)

  it('recovers the streams by resync, and every write before, during and after the outage reaches every reader', async () => {
    const instances = [a, b]
    const tokens = await Promise.all(
      instances.map(async (server) => (await logIn(server, ADMIN)).accessToken),
    )
    const readers = await Promise.all(
      instances.map((server, i) => CatalogReader.open(server, tokens[i] as string)),
    )
    /** Three writes on each instance at once. */
    const writeOnBoth = async (phase: string) => {
      const ids = instances.map((_, i) => [0, 1, 2].map((n) => `redis-${phase}-${i}-${n}`))
      await Promise.all(instances.map((server, i) => pushSubjects(server, tokens[i] as string, ids[i] ?? [])))
      return ids.flat()
    }
    try {
      const before = await writeOnBoth('before')
      await waitFor(() => readers.every((reader) => reader.has(before)), 'the writes before on both readers')
      expect(readers.map((reader) => reader.resyncs)).toEqual([0, 0])

      await redis.stop()
      const during = await writeOnBoth('during')
      await redis.start()
      await waitFor(() => readers.every((reader) => reader.resyncs > 0), 'a resync on both readers')

      const after = await writeOnBoth('after')
      const everything = [...before, ...during, ...after]
      await waitFor(() => readers.every((reader) => reader.has(everything)), 'every write on both readers')
      for (const reader of readers) expectReadWithoutGap(reader, everything)
    } finally {
      await Promise.all(readers.map((reader) => reader.stop()))
    }
  }, 180_000)
})
