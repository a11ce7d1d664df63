import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildApp } from '../sync-server/src/app.ts'
import { createStore, SQLITE_FILE_NAME, type Store } from '../sync-server/src/store/index.ts'

export interface BenchServer {
  url: string
  store: Store
  close(): Promise<void>
}

/** A real sync server on a loopback port over a fresh SQLite file, filled by `seed` before it listens. */
export async function startBenchServer(
  seed: (store: Store) => Promise<unknown>,
  rendererDir?: string,
): Promise<BenchServer> {
  const dir = mkdtempSync(join(tmpdir(), 'campus-desk-bench-'))
  const store = await createStore({ kind: 'sqlite', file: join(dir, SQLITE_FILE_NAME) })
  await seed(store)
  const app = await buildApp({ store, rendererDir, shutdownGraceMs: 100 }, { logger: false })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  return {
    url,
    store,
    close: async () => {
      await app.close()
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
