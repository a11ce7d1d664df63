import { afterEach, beforeEach, expect, it } from 'vitest'
import { describeEachStore, type TestStore } from '../../sync-server/src/test-support/stores.ts'
import { startRestartableServer, type RestartableServer } from './harness.ts'
import { allInSync, convergenceScenario, startPc, type Pc, type SyncDeployment } from './convergence-run.ts'
import { seededRandom } from '../support/seeded-random.ts'

let storage: TestStore
let server: RestartableServer
let deployment: SyncDeployment
let pcs: Pc[] = []

/**
 * The seeds the randomised run replays: `CONVERGENCE_SEED=n` picks one (to replay a failure), `CONVERGENCE_SEEDS=a-b`
 * a range (a long hunt); by default a handful, to keep CI quick.
 */
const CONVERGENCE_SEEDS = seedsFrom(process.env.CONVERGENCE_SEED, process.env.CONVERGENCE_SEEDS)
const ROUNDS = Number(process.env.ROUNDS ?? 30)
const SERVER_RESTART_ROUNDS = new Set([3, 15])

function seedsFrom(one: string | undefined, range: string | undefined): number[] {
  if (one) return [Number(one)]
  const [first, last] = (range ?? '1-3').split('-').map(Number) as [number, number]
  return Array.from({ length: last - first + 1 }, (_, i) => first + i)
}

describeEachStore('replication convergence (3 RxDB clients, real server on $name)', (factory) => {
  beforeEach(async () => {
    // The factory owns the data (a temp SQLite file or a PostgreSQL schema); the server opens its own store on it.
    storage = await factory.create()
    server = await startRestartableServer(storage.config)
    deployment = { urls: [server.url], store: () => server.store(), restart: () => server.restart() }
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
      await convergenceScenario(deployment, seededRandom(seed), {
        rounds: ROUNDS,
        restartRounds: SERVER_RESTART_ROUNDS,
      })
    },
    120_000,
  )

  it('merges concurrent edits of different fields and reports the losing edit of the same field', async () => {
    pcs = await Promise.all(['pc-a', 'pc-b'].map((name) => startPc(server.url, name)))
    await allInSync(deployment, pcs)
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
    await allInSync(deployment, pcs)

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
})
