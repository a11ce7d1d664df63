import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { waitFor } from '../../app/testing/wait-for.ts'
import { openBlobDatabase } from './blob-database.ts'
import { FakeBlobServer } from './testing.ts'
import { createUploadQueue } from './upload-queue.ts'

afterEach(() => {
  vi.restoreAllMocks()
})

describe('upload queue', () => {
  it('reports a round the file store broke off, tries again, and clears the report once a round ends well', async () => {
    const database = openBlobDatabase('cd_test_demo_u-admin', { indexedDB: new IDBFactory(), IDBKeyRange })
    const queue = createUploadQueue({
      database,
      api: new FakeBlobServer().api,
      clock: () => 1000,
      pollMs: 20,
    })
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined)

    database.close()
    await queue.run(true)
    expect(queue.roundError$.value).toMatch(/closed/i)
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('upload queue: a round failed'))

    await database.open()
    await waitFor(() => expect(queue.roundError$.value).toBeNull())
    await queue.stop()
    database.close()
  })
})
