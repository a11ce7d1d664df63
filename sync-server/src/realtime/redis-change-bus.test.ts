import { Redis } from 'ioredis'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { WireDocument } from '../../../domain/documents.ts'
import type { CommittedChange } from '../store/index.ts'
import { subject } from '../test-support/documents.ts'
import { SQLITE_FACTORY, type TestStore } from '../test-support/stores.ts'
import { RedisChangeBus } from './redis-change-bus.ts'

const REDIS_URL = process.env.TEST_REDIS_URL

/** Polls `condition` until it holds; the limit is only there to end a test that fails. */
async function waitFor(condition: () => boolean, what: string, limitMs = 20_000): Promise<void> {
  const until = Date.now() + limitMs
  while (!condition()) {
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const seqsOf = (changes: CommittedChange[]) => changes.flatMap((c) => c.documents.map((d) => d.seq))

describe.skipIf(!REDIS_URL)(
  `RedisChangeBus${REDIS_URL ? '' : ': skipped, TEST_REDIS_URL is not set'}`,
  () => {
    const url = REDIS_URL as string
    let testStore: TestStore
    let prefix: string
    let raw: Redis
    const buses: RedisChangeBus[] = []

    const write = (ids: string[]) =>
      testStore.store.writeDocuments('s1', 'catalog', ids, () => ({
        writes: ids.map((id) => subject('s1', id)) as WireDocument[],
        result: undefined,
      }))

    /**
     * A second instance: hears only what comes through Redis. `startsEmpty`: its orders start at seq 0 whatever
     * the store holds, as if it had been opened before those commits.
     */
    async function listeningBus({ missingWaitMs = 20_000, startsEmpty = false } = {}) {
      const { store } = testStore
      const reads: number[] = []
      const busStore = {
        pull: (...args: Parameters<typeof store.pull>) => {
          reads.push(args[2])
          return store.pull(...args)
        },
        lastSeqs: async () => (startsEmpty ? new Map<string, number>() : store.lastSeqs()),
      }
      const bus = await RedisChangeBus.open(busStore, { url, prefix, missingWaitMs })
      buses.push(bus)
      const changes: CommittedChange[] = []
      const missed: (string | undefined)[] = []
      bus.subscribe((change) => changes.push(change))
      bus.onMissed((schoolId) => missed.push(schoolId))
      return { bus, changes, missed, reads }
    }

    const pointer = (fromSeq: number, toSeq = fromSeq) =>
      JSON.stringify({ instance: 'other', schoolId: 's1', collection: 'catalog', fromSeq, toSeq })

    beforeEach(async () => {
      testStore = await SQLITE_FACTORY.create()
      prefix = `test-${crypto.randomUUID()}:`
      raw = new Redis(url)
    })
    afterEach(async () => {
      await Promise.all(buses.splice(0).map((bus) => bus.close()))
      raw.disconnect()
      await testStore.dispose()
    })

    it('hands the commits of another instance to its listeners, read from the store, in seq order', async () => {
      const writer = await RedisChangeBus.open(testStore.store, { url, prefix })
      buses.push(writer)
      const stop = testStore.store.onCommit((change) => writer.publish(change))
      const reader = await listeningBus()
      for (let i = 0; i < 30; i++) await write([`a${i}`, `b${i}`])
      stop()
      await waitFor(() => seqsOf(reader.changes).length === 60, '60 documents')
      expect(seqsOf(reader.changes)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1))
      const ids = reader.changes.flatMap((change) => change.documents.map((d) => d.data.id))
      expect(ids.slice(0, 4)).toEqual(['a0', 'b0', 'a1', 'b1'])
      expect(reader.missed).toEqual([])
    })

    it('puts pointers that arrive out of order back in seq order, once each', async () => {
      await write(['a', 'b'])
      await write(['c'])
      await write(['d'])
      const { changes } = await listeningBus({ startsEmpty: true })
      for (const message of [pointer(4), pointer(3), pointer(4), pointer(1, 2)])
        await raw.publish(`${prefix}changes`, message)
      await waitFor(() => seqsOf(changes).length === 4, 'four documents')
      expect(changes.flatMap((c) => c.documents.map((d) => d.data.id))).toEqual(['a', 'b', 'c', 'd'])
    })

    it('reads the ranges that waited for the school delivery before them with one query per collection run', async () => {
      await write(['a', 'b'])
      await write(['c'])
      await write(['d'])
      await testStore.store.writeDocuments('s1', 'org', ['e'], () => ({
        writes: [subject('s1', 'e')] as WireDocument[],
        result: undefined,
      }))
      await write(['f'])
      const { changes, reads } = await listeningBus({ startsEmpty: true })
      for (const message of [pointer(6), pointer(4), pointer(3), pointer(1, 2)])
        await raw.publish(`${prefix}changes`, message)
      await raw.publish(`${prefix}changes`, JSON.stringify({ ...JSON.parse(pointer(5)), collection: 'org' }))
      await waitFor(() => seqsOf(changes).length === 6, 'six documents')
      expect(changes.map((c) => [c.collection, c.documents.map((d) => d.data.id)])).toEqual([
        ['catalog', ['a', 'b', 'c', 'd']],
        ['org', ['e']],
        ['catalog', ['f']],
      ])
      expect(reads).toEqual([0, 4, 5])
    })

    it('gives up on seqs that never come, after telling its listeners they were missed', async () => {
      const { changes, missed } = await listeningBus({ missingWaitMs: 300 })
      await write(['a'])
      await write(['b'])
      await raw.publish(`${prefix}changes`, pointer(2))
      await waitFor(() => changes.length === 1, 'the change after the gap')
      expect(missed).toEqual(['s1'])
      expect(seqsOf(changes)).toEqual([2])
    })

    it('reports every school missed when its Redis connection comes back, then carries on', async () => {
      const { changes, missed } = await listeningBus()
      const clients = (await raw.client('LIST')) as string
      const ids = clients
        .split('\n')
        .filter((line) => line.includes(`name=${prefix}changes`) && line.includes('sub=1'))
        .map((line) => /\bid=(\d+)/.exec(line)?.[1])
      expect(ids).toHaveLength(1)
      await raw.client('KILL', 'ID', ids[0] as string)
      await waitFor(() => missed.length === 1, 'the reconnect')
      expect(missed).toEqual([undefined])
      await write(['after'])
      await raw.publish(`${prefix}changes`, pointer(1))
      await waitFor(() => changes.length === 1, 'a change after the reconnect')
      expect(seqsOf(changes)).toEqual([1])
    })
  },
)
