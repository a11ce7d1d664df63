import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { firstValueFrom, Subject } from 'rxjs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { waitFor } from '../../app/testing/wait-for.ts'
import type { SyncPhase } from '../sync-status.ts'
import { createBlobCache, whenSyncRecovers, type BlobCacheOptions } from './blob-cache.ts'
import { sha256Hex } from './hash.ts'
import { FakeBlobServer } from './testing.ts'
import type { BlobCache } from './types.ts'

const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
const opened: BlobCache[] = []

afterEach(async () => {
  await Promise.all(opened.splice(0).map((cache) => cache.close()))
})

interface Pc {
  indexedDB: IDBFactory
  online$: Subject<void>
  now: number
  open(overrides?: Partial<BlobCacheOptions>): BlobCache
}

/** One PC: its own IndexedDB, `online` events and clock; `open` starts the app (again) on it. */
function pc(server: FakeBlobServer): Pc {
  const machine: Pc = {
    indexedDB: new IDBFactory(),
    online$: new Subject<void>(),
    now: 1_000_000,
    open(overrides = {}) {
      const cache = createBlobCache({
        api: server.api,
        databaseName: 'cd_test_demo_u-admin',
        storage: { indexedDB: machine.indexedDB, IDBKeyRange },
        clock: () => machine.now,
        online$: machine.online$,
        pollMs: 20,
        ...overrides,
      })
      opened.push(cache)
      return cache
    },
  }
  return machine
}

function pending(cache: BlobCache): Promise<number> {
  return firstValueFrom(cache.pendingUploads$)
}

const bytesOf = (text: string) => new TextEncoder().encode(text)

describe('blob cache', () => {
  it('hashes with SHA-256 in lower-case hex', async () => {
    expect(await sha256Hex(new Blob(['abc']))).toBe(ABC_SHA256)
  })

  it('returns the reference at once offline and uploads it exactly once when the network is back', async () => {
    const server = new FakeBlobServer()
    server.online = false
    const machine = pc(server)
    const cache = machine.open()
    const ref = await cache.add(new Blob(['abc'], { type: 'image/png' }), 'diagram.png')
    expect(ref).toEqual({ sha256: ABC_SHA256, name: 'diagram.png', size: 3, mime: 'image/png' })
    expect(await pending(cache)).toBe(1)
    expect(await firstValueFrom(cache.waitingUploads$)).toEqual([ABC_SHA256])
    expect(await cache.get(ABC_SHA256)).not.toBeNull()

    server.online = true
    machine.online$.next()
    await waitFor(async () => expect(await pending(cache)).toBe(0))
    expect(await firstValueFrom(cache.waitingUploads$)).toEqual([])
    expect(server.requests.map((r) => r.method)).toEqual(['CHECK', 'PUT'])
    const put = server.requests[1]
    expect(put?.contentType).toBe('image/png')
    expect(put?.body).toEqual(bytesOf('abc'))
    expect(server.kept.get(ABC_SHA256)?.mime).toBe('image/png')

    await cache.flush()
    expect(server.requests).toHaveLength(2)
  })

  it('guesses the type from the name when the bytes have none', async () => {
    const server = new FakeBlobServer()
    const cache = pc(server).open()
    expect((await cache.add(new Blob(['x']), 'Lesson.PDF')).mime).toBe('application/pdf')
    expect((await cache.add(new Blob(['y']), 'notes')).mime).toBe('application/octet-stream')
    const pdf = (await cache.add(new Blob(['x']), 'Lesson.PDF')).sha256
    expect((await cache.get(pdf))?.type).toBe('application/pdf')
  })

  it('refuses a file without a usable name and keeps nothing', async () => {
    const server = new FakeBlobServer()
    const cache = pc(server).open()
    await expect(cache.add(new Blob(['abc']), '  ')).rejects.toThrow(RangeError)
    await expect(cache.add(new Blob(['abc']), 'x'.repeat(256))).rejects.toThrow(/1-255/)
    expect(await pending(cache)).toBe(0)
    expect(server.requests).toEqual([])
  })

  it('resumes the queue after a restart', async () => {
    const server = new FakeBlobServer()
    server.online = false
    const machine = pc(server)
    const first = machine.open()
    await first.add(new Blob(['abc'], { type: 'text/plain' }), 'a.txt')
    await first.add(new Blob(['second'], { type: 'text/plain' }), 'b.txt')
    await first.close()

    server.online = true
    const second = machine.open()
    await waitFor(async () => expect(await pending(second)).toBe(0))
    expect(server.kept.size).toBe(2)
    expect(server.count('PUT')).toBe(2)
    expect(server.requests[1]?.sha256).toBe(ABC_SHA256)
  })

  it('drops an upload in flight when closed and sends it again after the restart', async () => {
    const server = new FakeBlobServer()
    server.stall = true
    const machine = pc(server)
    const first = machine.open()
    await first.add(new Blob(['abc']), 'a.txt')
    await waitFor(() => expect(server.count('PUT')).toBe(1))
    await first.close()
    expect(server.kept.size).toBe(0)

    server.stall = false
    const second = machine.open()
    await waitFor(async () => expect(await pending(second)).toBe(0))
    expect(server.count('PUT')).toBe(2)
    expect(server.kept.has(ABC_SHA256)).toBe(true)
  })

  it('counts the queue left by an earlier run', async () => {
    const server = new FakeBlobServer()
    server.online = false
    const machine = pc(server)
    const first = machine.open()
    await first.add(new Blob(['abc']), 'a.txt')
    await first.close()
    const second = machine.open()
    await waitFor(async () => expect(await pending(second)).toBe(1))
  })

  it('skips the upload when the server has the blob already', async () => {
    const server = new FakeBlobServer()
    server.put(ABC_SHA256, bytesOf('abc'), 'text/plain')
    const cache = pc(server).open()
    await cache.add(new Blob(['abc']), 'a.txt')
    await waitFor(async () => expect(await pending(cache)).toBe(0))
    expect(server.requests.map((r) => r.method)).toEqual(['CHECK'])
  })

  it('marks a blob the server refuses as failed and does not retry it by itself', async () => {
    const server = new FakeBlobServer()
    server.maxSize = 2
    const machine = pc(server)
    const cache = machine.open()
    await cache.add(new Blob(['abc']), 'big.bin')
    await waitFor(async () => expect(await firstValueFrom(cache.failedUploads$)).toHaveLength(1))
    expect(await firstValueFrom(cache.failedUploads$)).toEqual([
      expect.objectContaining({ sha256: ABC_SHA256, name: 'big.bin', error: 'too_large' }),
    ])
    expect(await pending(cache)).toBe(0)

    machine.now += 3_600_000
    machine.online$.next()
    await cache.flush()
    expect(server.count('PUT')).toBe(1)

    server.maxSize = 10
    await cache.retryUpload(ABC_SHA256)
    await waitFor(() => expect(server.kept.has(ABC_SHA256)).toBe(true))
    await waitFor(async () => expect(await firstValueFrom(cache.failedUploads$)).toEqual([]))
  })

  it('lets the user give up a refused upload', async () => {
    const server = new FakeBlobServer()
    server.maxSize = 0
    const cache = pc(server).open()
    await cache.add(new Blob(['abc']), 'big.bin')
    await waitFor(async () => expect(await firstValueFrom(cache.failedUploads$)).toHaveLength(1))
    await cache.dismissUpload(ABC_SHA256)
    expect(await firstValueFrom(cache.failedUploads$)).toEqual([])
    expect(await cache.get(ABC_SHA256)).not.toBeNull()
  })

  it('backs off while the server is down instead of hammering it', async () => {
    const server = new FakeBlobServer()
    server.outage = true
    const machine = pc(server)
    const cache = machine.open()
    await cache.add(new Blob(['abc']), 'a.txt')
    await waitFor(() => expect(server.count('CHECK')).toBe(1))
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(server.count('CHECK')).toBe(1)

    machine.now += 2_000
    await waitFor(() => expect(server.count('CHECK')).toBe(2))
    machine.now += 2_000
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(server.count('CHECK')).toBe(2)

    server.outage = false
    machine.now += 2_000
    await waitFor(async () => expect(await pending(cache)).toBe(0))
    expect(server.count('PUT')).toBe(1)
  })

  it('uploads one blob at a time in the order they were added', async () => {
    const server = new FakeBlobServer()
    server.online = false
    const machine = pc(server)
    const cache = machine.open()
    const texts = ['one', 'two', 'three']
    for (const text of texts) {
      machine.now += 1
      await cache.add(new Blob([text]), `${text}.txt`)
    }
    server.online = true
    await Promise.all([cache.flush(), cache.flush(), cache.flush()])
    const puts = server.requests.filter((r) => r.method === 'PUT')
    expect(puts.map((r) => new TextDecoder().decode(r.body))).toEqual(texts)
    expect(server.requests.map((r) => r.method)).toEqual(['CHECK', 'PUT', 'CHECK', 'PUT', 'CHECK', 'PUT'])
  })

  it('downloads a blob once, keeps it, and shares one request between concurrent gets', async () => {
    const server = new FakeBlobServer()
    server.put(ABC_SHA256, bytesOf('abc'), 'image/png')
    const cache = pc(server).open()
    const [a, b] = await Promise.all([cache.get(ABC_SHA256), cache.get(ABC_SHA256)])
    expect(server.count('GET')).toBe(1)
    expect(await a?.text()).toBe('abc')
    expect(b?.type).toBe('image/png')

    server.online = false
    expect(await (await cache.get(ABC_SHA256))?.text()).toBe('abc')
    expect(server.count('GET')).toBe(1)
  })

  it('answers null for a blob neither this PC nor the reachable server has', async () => {
    const server = new FakeBlobServer()
    const cache = pc(server).open()
    expect(await cache.get(ABC_SHA256)).toBeNull()
    expect(await cache.get('not-a-hash')).toBeNull()
    server.online = false
    expect(await cache.objectUrl(ABC_SHA256)).toBeNull()

    server.online = true
    server.put(ABC_SHA256, bytesOf('abc'), 'text/plain')
    expect(await cache.objectUrl(ABC_SHA256)).toMatch(/^blob:/)
  })

  it('tells its screens when the server may be reachable again, online or when sync recovers', async () => {
    const server = new FakeBlobServer()
    const machine = pc(server)
    const recovered$ = new Subject<void>()
    const cache = machine.open({ reconnected$: recovered$ })
    let told = 0
    cache.reconnected$.subscribe(() => (told += 1))
    machine.online$.next()
    recovered$.next()
    expect(told).toBe(2)
  })

  it('makes one object URL per blob and revokes it on close', async () => {
    const server = new FakeBlobServer()
    const cache = pc(server).open()
    await cache.add(new Blob(['abc']), 'a.txt')
    const revoke = vi.spyOn(URL, 'revokeObjectURL')
    const [first, second] = await Promise.all([cache.objectUrl(ABC_SHA256), cache.objectUrl(ABC_SHA256)])
    expect(first).toMatch(/^blob:/)
    expect(second).toBe(first)
    await cache.close()
    expect(revoke).toHaveBeenCalledWith(first)
    revoke.mockRestore()
  })

  it('removes its database from this PC', async () => {
    const server = new FakeBlobServer()
    server.online = false
    const machine = pc(server)
    const cache = machine.open()
    await cache.add(new Blob(['abc']), 'a.txt')
    expect((await machine.indexedDB.databases()).map((db) => db.name)).toContain('cd_test_demo_u-admin-blobs')
    await cache.remove()
    expect(await machine.indexedDB.databases()).toEqual([])
    const reopened = machine.open()
    expect(await reopened.get(ABC_SHA256)).toBeNull()
    expect(await pending(reopened)).toBe(0)
  })
})

describe('whenSyncRecovers', () => {
  it('fires each time the replication gets back to synced', () => {
    const phases = new Subject<{ phase: SyncPhase }>()
    const fired = vi.fn()
    whenSyncRecovers(phases).subscribe(fired)
    for (const phase of ['connecting', 'synced', 'syncing', 'synced', 'synced', 'offline', 'synced'] as const)
      phases.next({ phase })
    expect(fired).toHaveBeenCalledTimes(3)
  })
})
