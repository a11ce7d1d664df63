// The SQLite store's WAL checkpoints, in a worker thread of their own (`startCheckpointer`): node:sqlite is
// synchronous, so a checkpoint run by the writer's commit (SQLite's default, every 1,000 pages) stops the server's
// event loop — every stream and request — while it copies the pages into the database file and syncs it.
import { DatabaseSync } from 'node:sqlite'
import { isMainThread, Worker, workerData } from 'node:worker_threads'

export interface Checkpointer {
  stop(): Promise<void>
}

interface CheckpointerData {
  file: string
  intervalMs: number
}

/**
 * Checkpoints `file`'s WAL every `intervalMs` from another thread; the writer must not (`wal_autocheckpoint = 0`).
 * Should the thread fail, `onFailure` is called: the writer must then checkpoint again, or the WAL would grow forever.
 */
export function startCheckpointer(file: string, intervalMs: number, onFailure: () => void): Checkpointer {
  const data: CheckpointerData = { file, intervalMs }
  const worker = new Worker(new URL(import.meta.url), { workerData: data })
  worker.on('error', onFailure)
  worker.unref()
  return {
    stop: async () => {
      await worker.terminate()
    },
  }
}

function checkpointForever({ file, intervalMs }: CheckpointerData): void {
  const db = new DatabaseSync(file)
  db.exec('PRAGMA busy_timeout = 5000')
  setInterval(() => {
    // PASSIVE: copies what no reader still needs, never waits for the writer; the next one takes the rest.
    db.exec('PRAGMA wal_checkpoint(PASSIVE)')
  }, intervalMs)
}

if (!isMainThread && (workerData as Partial<CheckpointerData> | null)?.file) checkpointForever(workerData)
