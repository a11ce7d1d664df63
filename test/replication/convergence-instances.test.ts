// The convergence scenario with its clients spread over two real server processes on one PostgreSQL database and
// one Redis (issue 16), restarted one after the other (a rolling restart) mid-way.
import { afterAll, beforeAll, describe, it } from 'vitest'
import { createStore, type Store } from '../../sync-server/src/store/index.ts'
import {
  missingServices,
  REDIS_URL,
  startInstances,
  titleWithSkipReason,
  type Deployment,
} from '../support/instances.ts'
import { seededRandom } from '../support/seeded-random.ts'
import { convergenceScenario, type SyncDeployment } from './convergence-run.ts'

const SEED = 1
const missing = missingServices()
const title = titleWithSkipReason('replication convergence (3 RxDB clients over 2 server instances)', missing)

describe.skipIf(missing.length > 0)(title, () => {
  let instances: Deployment
  let store: Store
  let deployment: SyncDeployment

  beforeAll(async () => {
    instances = await startInstances(2, REDIS_URL as string)
    store = await createStore({ kind: 'postgres', url: instances.databaseUrl })
    deployment = {
      urls: instances.instances.map((instance) => instance.url),
      store: () => store,
      restart: async () => {
        for (const instance of instances.instances) await instance.restart()
      },
    }
  }, 300_000)

  afterAll(async () => {
    await store?.close()
    await instances?.stop()
  }, 60_000)

  it(`ends with every replica equal to the store and no acknowledged write missing (seed ${SEED})`, async () => {
    await convergenceScenario(deployment, seededRandom(SEED), { rounds: 6, restartRounds: new Set([3]) })
  }, 120_000)
})
