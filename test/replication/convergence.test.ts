import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Subject } from '../../domain/catalog/subject.ts'
import type { WireDocument } from '../../domain/documents.ts'
import { createRepository, type Repository } from '../../renderer/src/db/index.ts'
import { DEMO_PASSWORD } from '../../sync-server/src/seed/demo.ts'
import { STORE_FACTORIES, type TestStore } from '../../sync-server/src/test-support/stores.ts'
import {
  eventually,
  replicaDocuments,
  serverDocuments,
  startClient,
  startRestartableServer,
  type Client,
  type RestartableServer,
} from './harness.ts'
import { seededRandom } from '../support/seeded-random.ts'

const ADMIN = '13800000001'

interface Pc {
  client: Client
  subjects: Repository<Subject>
  /** Documents only this PC writes, with the last state it wrote (null: deleted): the server must end with these. */
  own: Map<string, Omit<Subject, 'updatedAt'> | null>
}

let storage: TestStore
let server: RestartableServer
let pcs: Pc[] = []

async function startPc(name: string): Promise<Pc> {
  const client = await startClient(server.url, name, ADMIN, DEMO_PASSWORD)
  return {
    client,
    subjects: createRepository<Subject>(client.database, 'subject', client.user),
    own: new Map(),
  }
}

async function allInSync(): Promise<void> {
  await eventually(
    async () => {
      await Promise.all(pcs.map((pc) => pc.client.engine.awaitInSync()))
      const expected = live(await serverDocuments(server.store(), 'demo', 'catalog'))
      const replicas = await Promise.all(pcs.map((pc) => replicaDocuments(pc.client, 'catalog')))
      return replicas.every((replica) => sameDocuments(replica, expected))
    },
    30_000,
    'every replica to equal the server',
  )
}

function live(docs: Map<string, WireDocument>): Map<string, WireDocument> {
  return new Map([...docs].filter(([, doc]) => !doc._deleted))
}

function sameDocuments(a: Map<string, WireDocument>, b: Map<string, WireDocument>): boolean {
  return (
    a.size === b.size &&
    [...a].every(([id, doc]) => JSON.stringify(sorted(doc)) === JSON.stringify(sorted(b.get(id))))
  )
}

function sorted(doc: WireDocument | undefined): unknown {
  return doc && Object.fromEntries(Object.entries(doc).sort(([x], [y]) => x.localeCompare(y)))
}

/**
 * The seeds the randomised run replays: `CONVERGENCE_SEED=n` picks one (to replay a failure), `CONVERGENCE_SEEDS=a-b`
 * a range (a long hunt); by default a handful, to keep CI quick.
 */
const CONVERGENCE_SEEDS = seedsFrom(process.env.CONVERGENCE_SEED, process.env.CONVERGENCE_SEEDS)
const ROUNDS = Number(process.env.ROUNDS ?? 30)
const STEPS_PER_ROUND = 8
const SERVER_RESTART_ROUNDS = new Set([3, 15])
const LINK_CHANGE_CHANCE = 0.3
const SHARED_SUBJECT = 'demo-subject-math'

function seedsFrom(one: string | undefined, range: string | undefined): number[] {
  if (one) return [Number(one)]
  const [first, last] = (range ?? '1-3').split('-').map(Number) as [number, number]
  return Array.from({ length: last - first + 1 }, (_, i) => first + i)
}

/**
 * Every PC writes at once (so several pushes are in flight and each PC's stream brings the others' changes while it
 * pushes), links are cut and restored between steps and the server restarts twice.
 */
async function randomEdits(random: () => number): Promise<void> {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T
  const step = async (pc: Pc, n: number) => {
    const ownIds = [...pc.own].filter(([, state]) => state).map(([id]) => id)
    const roll = random()
    if (roll < 0.4 || ownIds.length === 0) {
      const doc = await pc.subjects.insert({ name: `${pc.client.name}-${n}`, enabled: true })
      pc.own.set(doc.id, withoutTime(doc))
    } else if (roll < 0.7) {
      const id = pick(ownIds)
      const doc = await pc.subjects.patch(id, {
        name: `${pc.client.name}-${n}-renamed`,
        code: `c${n}`,
        enabled: random() < 0.5,
      })
      pc.own.set(id, withoutTime(doc))
    } else if (roll < 0.85) {
      const id = pick(ownIds)
      await pc.subjects.remove(id)
      pc.own.set(id, null)
    } else {
      // Everybody edits one shared subject too: these conflict, merge or are reported, never break sync.
      await pc.subjects.patch(SHARED_SUBJECT, { code: `${pc.client.name}-${n}` })
    }
  }
  for (let round = 0; round < ROUNDS; round++) {
    if (SERVER_RESTART_ROUNDS.has(round)) await server.restart()
    for (let n = 0; n < STEPS_PER_ROUND; n++) {
      await Promise.all(pcs.map((pc) => step(pc, round * 100 + n)))
      if (random() < LINK_CHANGE_CHANCE) {
        const { link } = pick(pcs).client
        ;(random() < 0.5 ? link.cut : link.restore)()
      }
    }
    await new Promise((r) => setTimeout(r, 20))
  }
}

async function expectEveryAcknowledgedWriteOnServer(): Promise<void> {
  const onServer = await serverDocuments(server.store(), 'demo', 'catalog')
  for (const pc of pcs) {
    expect(pc.own.size).toBeGreaterThan(0)
    for (const [id, state] of pc.own) {
      const stored = onServer.get(id)
      if (state === null) expect(stored?._deleted, `${id} deleted by ${pc.client.name}`).toBe(true)
      else
        expect(
          { ...stored, updatedAt: undefined, _deleted: undefined },
          `${id} of ${pc.client.name}`,
        ).toEqual(state)
    }
  }
  expect(onServer.get(SHARED_SUBJECT)?._deleted).toBe(false)
}

describe.each(STORE_FACTORIES)(
  'replication convergence (3 RxDB clients, real server on $name)',
  (factory) => {
    beforeEach(async () => {
      // The factory owns the data (a temp SQLite file or a PostgreSQL schema); the server opens its own store on it.
      storage = await factory.create()
      server = await startRestartableServer(storage.config)
      pcs = []
    })

    afterEach(async () => {
      await Promise.all(pcs.map((pc) => pc.client.close()))
      await server.close()
      await storage.dispose()
    })

    it.each(CONVERGENCE_SEEDS)(
      'ends with every replica equal to the server and no acknowledged write missing (seed %i)',
      async (seed) => {
        pcs = await Promise.all(['pc-a', 'pc-b', 'pc-c'].map(startPc))
        await allInSync()
        await randomEdits(seededRandom(seed))
        pcs.forEach((pc) => pc.client.link.restore())
        await allInSync()
        await expectEveryAcknowledgedWriteOnServer()
      },
      120_000,
    )

    it('merges concurrent edits of different fields and reports the losing edit of the same field', async () => {
      pcs = await Promise.all(['pc-a', 'pc-b'].map(startPc))
      await allInSync()
      const [a, b] = pcs as [Pc, Pc]
      a.client.link.cut()
      b.client.link.cut()
      await a.subjects.patch('demo-subject-math', { name: '数学（A改）' })
      await b.subjects.patch('demo-subject-math', { name: '数学（B改）', code: 'math-b' })
      await a.subjects.patch('demo-subject-art', { enabled: false })
      await b.subjects.patch('demo-subject-art', { code: 'art-b' })

      b.client.link.restore()
      await b.client.engine.awaitInSync()
      a.client.link.restore()
      await allInSync()

      const math = await a.subjects.get('demo-subject-math')
      expect(math).toMatchObject({ name: '数学（B改）', code: 'math-b' })
      expect(await b.subjects.get('demo-subject-art')).toMatchObject({ enabled: false, code: 'art-b' })
      const lost = a.client.database.lostEdits.list()
      expect(lost).toEqual([
        expect.objectContaining({
          docId: 'demo-subject-math',
          field: 'name',
          mine: '数学（A改）',
          theirs: '数学（B改）',
          cause: 'conflict',
        }),
      ])
      expect(b.client.database.lostEdits.list()).toEqual([])
    }, 60_000)
  },
)

function withoutTime(doc: Subject): Omit<Subject, 'updatedAt'> {
  const { updatedAt: _updatedAt, ...rest } = doc
  return rest
}
