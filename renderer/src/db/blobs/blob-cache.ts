import {
  distinctUntilChanged,
  EMPTY,
  filter,
  fromEvent,
  map,
  merge,
  share,
  type Observable,
  type Subscription,
} from 'rxjs'
import { isSha256, type BlobRef } from '../../../../domain/blobs/blob-ref.ts'
import type { ApiClient } from '../api-client.ts'
import type { SyncStatus } from '../sync-status.ts'
import { openBlobDatabase, type BlobStorageOptions, type QueuedUpload } from './blob-database.ts'
import { sha256Hex } from './hash.ts'
import { mimeOf } from '../../../../domain/blobs/mime.ts'
import type { BlobCache } from './types.ts'
import { createUploadQueue } from './upload-queue.ts'

export interface BlobCacheOptions {
  api: Pick<ApiClient, 'request'>
  /** The session's replica name; the cache is the IndexedDB database `<name>-blobs`. */
  databaseName: string
  storage?: BlobStorageOptions
  clock?: () => number
  /** Fires when the network comes back; default the window's `online` event (none in Node). */
  online$?: Observable<unknown>
  /** Fires when the server is reachable again (see `whenSyncRecovers`), besides `online$`. */
  reconnected$?: Observable<unknown>
  /** Longest wait between two upload rounds while uploads are pending; default 30 s. */
  pollMs?: number
}

function defaultOnline(): Observable<unknown> {
  return typeof window === 'undefined' ? EMPTY : fromEvent(window, 'online')
}

/** Fires each time the replication reaches `synced` (the server answers again): a moment to upload. */
export function whenSyncRecovers(status$: Observable<Pick<SyncStatus, 'phase'>>): Observable<unknown> {
  return status$.pipe(
    map((status) => status.phase === 'synced'),
    distinctUntilChanged(),
    filter(Boolean),
  )
}

/** Opens a session's blob cache; the uploads an earlier run left queued are tried again at once. */
export function createBlobCache(options: BlobCacheOptions): BlobCache {
  const { api } = options
  const clock = options.clock ?? Date.now
  const database = openBlobDatabase(options.databaseName, options.storage)
  const queue = createUploadQueue({ database, api, clock, pollMs: options.pollMs ?? 30_000 })
  let lastQueuedAt = 0
  const downloads = new Map<string, Promise<Blob | null>>()
  const objectUrls = new Map<string, Promise<string | null>>()
  const reconnected$ = merge(options.online$ ?? defaultOnline(), options.reconnected$ ?? EMPTY).pipe(share())
  const online: Subscription = reconnected$.subscribe(() => void queue.run(true))
  const started = queue.refresh()
  // A restart is a good moment to try again, whatever the backoff said.
  void started.then(() => queue.run(true))

  async function add(bytes: Blob, name: string): Promise<BlobRef> {
    if (!name.trim() || name.length > 255)
      throw new RangeError(`A file needs a name of 1-255 characters: "${name}"`)
    const sha256 = await sha256Hex(bytes)
    const mime = mimeOf(bytes.type, name)
    // Kept with the guessed type too, so what `get` returns shows and saves as that type.
    const typed = bytes.type === mime ? bytes : bytes.slice(0, bytes.size, mime)
    const now = clock()
    // Files added in the same millisecond still upload in the order they were added.
    lastQueuedAt = Math.max(now, lastQueuedAt + 0.001)
    const upload: QueuedUpload = {
      sha256,
      name,
      mime,
      size: bytes.size,
      queuedAt: lastQueuedAt,
      attempts: 0,
      lastError: null,
      nextAttemptAt: now,
      failedAt: null,
    }
    await database.transaction('rw', database.blobs, database.uploads, async () => {
      await database.blobs.put({ sha256, bytes: typed, mime, size: bytes.size, cachedAt: now })
      // Already queued (the same file added twice): keep its place and its history.
      if (!(await database.uploads.get(sha256))) await database.uploads.add(upload)
    })
    await queue.refresh()
    void queue.run(false)
    return { sha256, name, size: bytes.size, mime }
  }

  async function download(sha256: string): Promise<Blob | null> {
    const stored = await database.blobs.get(sha256)
    if (stored) return stored.bytes
    const response = await api.request(`/api/blobs/${sha256}`).catch(() => null)
    if (!response?.ok) return null
    const bytes = await response.blob()
    const mime = mimeOf(bytes.type, '')
    await database.blobs.put({ sha256, bytes, mime, size: bytes.size, cachedAt: clock() })
    return bytes
  }

  function get(sha256: string): Promise<Blob | null> {
    if (!isSha256(sha256)) return Promise.resolve(null)
    const running = downloads.get(sha256)
    if (running) return running
    const started = download(sha256)
      .catch(() => null)
      .finally(() => downloads.delete(sha256))
    downloads.set(sha256, started)
    return started
  }

  function objectUrl(sha256: string): Promise<string | null> {
    const known = objectUrls.get(sha256)
    if (known) return known
    const made = get(sha256).then((bytes) => {
      // Not kept when missing: the next ask may find the blob online.
      if (!bytes) objectUrls.delete(sha256)
      return bytes ? URL.createObjectURL(bytes) : null
    })
    objectUrls.set(sha256, made)
    return made
  }

  async function close(): Promise<void> {
    online.unsubscribe()
    await started.catch(() => undefined)
    await queue.stop()
    const urls = await Promise.all(objectUrls.values())
    urls.forEach((url) => url && URL.revokeObjectURL(url))
    objectUrls.clear()
    database.close()
  }

  async function remove(): Promise<void> {
    await close()
    await database.delete()
  }

  return {
    add,
    get,
    objectUrl,
    pendingUploads$: queue.pending$.asObservable(),
    waitingUploads$: queue.pendingHashes$.asObservable(),
    uploadProblem$: queue.roundError$.asObservable(),
    failedUploads$: queue.failed$.asObservable(),
    reconnected$,
    retryUpload: queue.retry,
    dismissUpload: queue.dismiss,
    flush: () => started.then(() => queue.run(true)),
    close,
    remove,
  }
}
