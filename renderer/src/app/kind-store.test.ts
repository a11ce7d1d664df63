import { createPinia, setActivePinia } from 'pinia'
import { afterEach, describe, expect, it } from 'vitest'
import { watch } from 'vue'
import { testBook } from '../../../domain/org/import/testing.ts'
import { FakeSyncServer } from '../db/testing/fake-sync-server.ts'
import { ADMIN } from '../db/testing/node-database.ts'
import { configureAuth } from '../features/auth/dependencies.ts'
import { useAuthStore } from '../features/auth/store.ts'
import { testAuthDependencies } from '../features/auth/testing.ts'
import { useClassStore } from '../features/org/stores.ts'
import { waitFor } from './testing/wait-for.ts'

async function logIn() {
  const server = new FakeSyncServer({ [ADMIN.id]: ADMIN })
  const book = testBook()
  for (const doc of book.classes) server.write('org', doc as never)
  configureAuth(testAuthDependencies(server))
  setActivePinia(createPinia())
  await useAuthStore().login(server.url, ADMIN.id, 'demo-2026')
  await waitFor(() => expect(useClassStore().items).toHaveLength(book.classes.length))
  return book
}

afterEach(async () => {
  await useAuthStore().logout()
})

describe('a kind store', () => {
  it('shows a bulk write once, when it ended, not chunk by chunk', async () => {
    const book = await logIn()
    const store = useClassStore()
    const [template] = book.classes
    if (!template) throw new Error('the test book has no class')
    const lengths: number[] = []
    const stop = watch(
      () => store.items,
      (items) => lengths.push(items.length),
    )
    const copies = Array.from({ length: 1_200 }, (_, i) => ({
      ...template,
      id: `bulk-${i}`,
      name: `Bulk ${i}`,
    }))
    await store.bulkPut(copies)
    await waitFor(() => expect(store.items).toHaveLength(book.classes.length + 1_200))
    stop()
    expect(lengths).toEqual([book.classes.length + 1_200])
  })

  it('follows the replica again after a bulk write that failed', async () => {
    const book = await logIn()
    const store = useClassStore()
    await expect(store.bulkPut([{ id: 'broken' } as never])).rejects.toThrow()
    await store.insert({ ...book.classes[0], name: 'After the failure' } as never)
    await waitFor(() => expect(store.items.map((c) => c.name)).toContain('After the failure'))
  })
})
