import type { CollectionName } from '../domain/collections.ts'
import { createAccount } from '../sync-server/src/auth/accounts.ts'
import type { Store } from '../sync-server/src/store/index.ts'
import { generateLargeSchool } from './large-school.ts'

export const BENCH_SCHOOL = { id: 'bench', code: 'bench', name: '基准测试中学' }
export const BENCH_ADMIN = { account: '13700009999', password: 'bench-2026' }

const WRITE_CHUNK = 5_000

/** Writes the large school into an empty store, through the store's one write path (so every doc has a seq). */
export async function seedLargeSchool(store: Store): Promise<number> {
  await store.createSchool(BENCH_SCHOOL)
  await createAccount(store, {
    id: 'bench-admin',
    schoolId: BENCH_SCHOOL.id,
    name: '基准管理员',
    roles: ['admin'],
    phone: BENCH_ADMIN.account,
    password: BENCH_ADMIN.password,
  })
  let written = 0
  for (const [collection, docs] of Object.entries(generateLargeSchool(BENCH_SCHOOL.id))) {
    for (let i = 0; i < docs.length; i += WRITE_CHUNK) {
      const chunk = docs.slice(i, i + WRITE_CHUNK)
      await store.writeDocuments(BENCH_SCHOOL.id, collection as CollectionName, [], () => ({
        writes: chunk,
        result: null,
      }))
      written += chunk.length
    }
  }
  return written
}
