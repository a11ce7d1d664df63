import type { Subject } from '../domain/catalog/subject.ts'
import type { CollectionName } from '../domain/collections.ts'
import type { WireDocument } from '../domain/documents.ts'
import type { Question } from '../domain/questions/types.ts'
import { validateDocument } from '../domain/validation.ts'
import { createAccount } from '../sync-server/src/auth/accounts.ts'
import { DEMO_PASSWORD, seedDemo } from '../sync-server/src/seed/demo.ts'
import type { Store } from '../sync-server/src/store/index.ts'
import { generateLargeSchool } from './large-school.ts'
import { generateQuestions } from './questions.ts'

export const BENCH_SCHOOL = { id: 'bench', code: 'bench', name: '基准测试中学' }
export const BENCH_ADMIN = { account: '13700009999', password: 'bench-2026' }

const WRITE_CHUNK = 5_000

/** Through the store's one write path (so every doc has a seq), in chunks of one transaction each. */
export async function writeInChunks(
  store: Store,
  schoolId: string,
  collection: CollectionName,
  docs: readonly WireDocument[],
): Promise<number> {
  for (let i = 0; i < docs.length; i += WRITE_CHUNK) {
    const chunk = docs.slice(i, i + WRITE_CHUNK)
    await store.writeDocuments(schoolId, collection, [], () => ({ writes: chunk, result: null }))
  }
  return docs.length
}

/** Writes the large school into an empty store. */
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
    written += await writeInChunks(store, BENCH_SCHOOL.id, collection as CollectionName, docs)
  }
  return written
}

/** 李老师 of the demo school (`sync-server/src/seed/demo.ts`): the author of the seeded questions. */
export const DEMO_TEACHER = { id: 'demo-staff-li', account: '13800000002', password: DEMO_PASSWORD }
const DEMO_SCHOOL_ID = 'demo'

export interface DemoQuestions {
  questions: Question[]
  /** The demo school's subject of that name. */
  subjectId(name: string): string
}

/**
 * The demo school with `count` questions of its subjects, all by the demo teacher (so he sees every one of
 * them, drafts included), each checked as the server checks a push.
 */
export async function seedDemoQuestions(store: Store, count: number): Promise<DemoQuestions> {
  await seedDemo(store)
  const subjects = await store.findDocuments(DEMO_SCHOOL_ID, [{ collection: 'catalog', kind: 'subject' }])
  const subjectIds = new Map((subjects as WireDocument<Subject>[]).map((doc) => [doc.name, doc.id]))
  const subjectId = (name: string) => {
    const id = subjectIds.get(name)
    if (!id) throw new Error(`the demo school has no subject ${name}`)
    return id
  }
  const questions = generateQuestions(count, {
    schoolId: DEMO_SCHOOL_ID,
    subjectId,
    authorId: () => DEMO_TEACHER.id,
  })
  const docs = questions.map((question): WireDocument<Question> => ({ ...question, _deleted: false }))
  const invalid = docs.flatMap((doc) => {
    const result = validateDocument('questions', doc)
    return result.ok ? [] : result.errors
  })
  if (invalid.length) throw new Error(`generated questions are invalid: ${invalid.slice(0, 5).join('; ')}`)
  await writeInChunks(store, DEMO_SCHOOL_ID, 'questions', docs)
  return { questions, subjectId }
}
