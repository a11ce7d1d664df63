// The randomised convergence scenario (3 RxDB clients writing at once, links cut, server restarts), shared by the
// one-server test and its variant spread over several server instances.
import { expect } from 'vitest'
import type { Subject } from '../../domain/catalog/subject.ts'
import type { WireDocument } from '../../domain/documents.ts'
import { createRepository, type Repository } from '../../renderer/src/db/index.ts'
import { DEMO_PASSWORD } from '../../sync-server/src/seed/demo.ts'
import type { Store } from '../../sync-server/src/store/index.ts'
import { eventually, replicaDocuments, serverDocuments, startClient, type Client } from './harness.ts'

const ADMIN = '13800000001'
const STEPS_PER_ROUND = 8
const LINK_CHANGE_CHANCE = 0.3
const SHARED_SUBJECT = 'demo-subject-math'

/** The servers the clients talk to: one, or several instances sharing one store. */
export interface SyncDeployment {
  /** The clients are spread over these, in turn. */
  urls: readonly string[]
  /** The shared store, as the servers hold it now. */
  store(): Store
  restart(): Promise<void>
}

export interface ScenarioOptions {
  rounds: number
  /** The rounds the deployment restarts before. */
  restartRounds: ReadonlySet<number>
}

export interface Pc {
  client: Client
  subjects: Repository<Subject>
  /** Documents only this PC writes, with the last state it wrote (null: deleted): the server must end with these. */
  own: Map<string, Omit<Subject, 'updatedAt'> | null>
}

export async function startPc(url: string, name: string): Promise<Pc> {
  const client = await startClient(url, name, ADMIN, DEMO_PASSWORD)
  return {
    client,
    subjects: createRepository<Subject>(client.database, 'subject', client.user),
    own: new Map(),
  }
}

export async function allInSync(deployment: SyncDeployment, pcs: readonly Pc[]): Promise<void> {
  let differences: string[] = []
  try {
    await eventually(
      async () => {
        await Promise.all(pcs.map((pc) => pc.client.engine.awaitInSync()))
        const expected = live(await serverDocuments(deployment.store(), 'demo', 'catalog'))
        const replicas = await Promise.all(pcs.map((pc) => replicaDocuments(pc.client, 'catalog')))
        differences = replicas.flatMap((replica, i) =>
          documentDifferences(replica, expected).map((difference) => `pc ${i}: ${difference}`),
        )
        return differences.length === 0
      },
      30_000,
      'every replica to equal the server',
    )
  } catch (error) {
    // Which documents still differ tells a slow machine from a replica that will never catch up.
    const statuses = pcs.map((pc, i) => `pc ${i}: ${JSON.stringify(pc.client.engine.status())}`)
    throw new Error(
      `${(error as Error).message}; still different: ${differences.slice(0, 10).join('; ')}; ${statuses.join('; ')}`,
      { cause: error },
    )
  }
}

function live(docs: Map<string, WireDocument>): Map<string, WireDocument> {
  return new Map([...docs].filter(([, doc]) => !doc._deleted))
}

/** How `replica` differs from `expected`, a line per document: missing, extra, or both versions. */
function documentDifferences(
  replica: Map<string, WireDocument>,
  expected: Map<string, WireDocument>,
): string[] {
  const text = (doc: WireDocument | undefined) => JSON.stringify(sorted(doc))
  const ids = new Set([...replica.keys(), ...expected.keys()])
  return [...ids].flatMap((id) => {
    const [has, wanted] = [text(replica.get(id)), text(expected.get(id))]
    return has === wanted ? [] : [`${id} is ${has ?? 'missing'}, the server has ${wanted ?? 'none'}`]
  })
}

function sorted(doc: WireDocument | undefined): unknown {
  return doc && Object.fromEntries(Object.entries(doc).sort(([x], [y]) => x.localeCompare(y)))
}

/**
 * Three PCs, spread over the deployment's servers, write at once (so several pushes are in flight and each PC's
 * stream brings the others' changes while it pushes), links are cut and restored between steps and the deployment
 * restarts before the chosen rounds. Ends with every replica equal to the server and no acknowledged write missing.
 */
export async function convergenceScenario(
  deployment: SyncDeployment,
  random: () => number,
  options: ScenarioOptions,
): Promise<void> {
  const { urls } = deployment
  const pcs = await Promise.all(
    ['pc-a', 'pc-b', 'pc-c'].map((name, i) => startPc(urls[i % urls.length] as string, name)),
  )
  try {
    await allInSync(deployment, pcs)
    await randomEdits(deployment, pcs, random, options)
    pcs.forEach((pc) => pc.client.link.restore())
    await allInSync(deployment, pcs)
    await expectEveryAcknowledgedWriteOnServer(deployment, pcs)
  } finally {
    await Promise.all(pcs.map((pc) => pc.client.close()))
  }
}

async function randomEdits(
  deployment: SyncDeployment,
  pcs: readonly Pc[],
  random: () => number,
  { rounds, restartRounds }: ScenarioOptions,
): Promise<void> {
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
  for (let round = 0; round < rounds; round++) {
    if (restartRounds.has(round)) await deployment.restart()
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

async function expectEveryAcknowledgedWriteOnServer(
  deployment: SyncDeployment,
  pcs: readonly Pc[],
): Promise<void> {
  const onServer = await serverDocuments(deployment.store(), 'demo', 'catalog')
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

function withoutTime(doc: Subject): Omit<Subject, 'updatedAt'> {
  const { updatedAt: _updatedAt, ...rest } = doc
  return rest
}
