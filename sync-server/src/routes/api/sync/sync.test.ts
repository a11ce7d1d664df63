import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Term } from '../../../../../domain/catalog/term.ts'
import type { WireDocument } from '../../../../../domain/documents.ts'
import {
  ADMIN,
  bearer,
  OTHER_SCHOOL_ADMIN,
  pullAll,
  sender,
  startTestApp,
  syncClient,
  TEACHER,
  type SyncClient,
  type TestApp,
} from '../../../test-support/app.ts'
import {
  creations,
  guardian,
  location,
  schoolClass,
  subject,
  update,
} from '../../../test-support/documents.ts'
import { describeEachStore } from '../../../test-support/stores.ts'

/** 13 subjects, 18 locations, 1 term. */
const DEMO_CATALOG_SIZE = 32

describeEachStore('sync API ($name)', (factory) => {
  let server: TestApp
  let admin: SyncClient
  beforeEach(async () => {
    server = await startTestApp(factory, { listen: true })
    admin = await syncClient(server, ADMIN)
  })
  afterEach(() => server.close())

  /** The seq the catalog of the demo school has reached. */
  /** The school's latest seq: seqs count every collection's writes. */
  const schoolSeq = async () =>
    Math.max(
      ...(await Promise.all(
        ['catalog', 'org', 'courses'].map(async (c) => (await pullAll(admin, c, 1000)).seq),
      )),
    )

  describe('pull', () => {
    it('returns documents in seq order, page by page, and the same checkpoint at the end', async () => {
      const { documents, checkpoints } = await pullAll(admin, 'catalog', 10)
      expect(documents).toHaveLength(DEMO_CATALOG_SIZE)
      expect(new Set(documents.map((d) => d.id)).size).toBe(DEMO_CATALOG_SIZE)
      expect(checkpoints).toEqual([10, 20, 30, 32])
      expect(documents[0]).toMatchObject({ id: 'demo-subject-chinese', name: '语文', _deleted: false })

      const end = await admin.pullJson('catalog', DEMO_CATALOG_SIZE, 10)
      expect(end).toEqual({ documents: [], checkpoint: { seq: DEMO_CATALOG_SIZE } })
    })

    it('refuses unknown collections with 404 and callers without a token with 401', async () => {
      expect((await admin.pull('nonsense')).statusCode).toBe(404)
      expect((await admin.pull('nonsense')).json()).toEqual({
        error: 'Not Found',
        message: 'Unknown collection nonsense',
      })
      expect((await admin.push('nonsense', [])).statusCode).toBe(404)
      const anonymous = await fetch(`${server.url}/api/sync/catalog/pull?seq=0&limit=5`)
      expect(anonymous.status).toBe(401)
      expect((await admin.pull('catalog', -1)).statusCode).toBe(400)
    })

    it('takes seq and limit only as non-negative safe integers in decimal digits, else 400', async () => {
      const send = sender(server)
      const pullWith = async (query: string) => {
        const response = await send(
          'GET',
          `/api/sync/catalog/pull?${query}`,
          bearer(admin.session.accessToken),
        )
        return response.statusCode
      }
      const malformed = [
        '1e400',
        'Infinity',
        '1e22',
        '0x10',
        ' 1',
        '1 ',
        '+1',
        '-1',
        '1.5',
        '1.0',
        '',
        'NaN',
        'a',
      ]
      for (const value of [...malformed, '9007199254740992', '99999999999999999999']) {
        expect(await pullWith(`seq=${encodeURIComponent(value)}&limit=5`), `seq=${value}`).toBe(400)
      }
      for (const value of [...malformed, '0', '5001']) {
        expect(await pullWith(`seq=0&limit=${encodeURIComponent(value)}`), `limit=${value}`).toBe(400)
      }
      expect(await pullWith('seq=0&seq=1')).toBe(400)
      expect(await pullWith('')).toBe(200)
      expect(await pullWith('seq=0007&limit=5000')).toBe(200)
      const end = await send(
        'GET',
        '/api/sync/catalog/pull?seq=9007199254740991&limit=1',
        bearer(admin.session.accessToken),
      )
      expect(end.json()).toEqual({ documents: [], checkpoint: { seq: Number.MAX_SAFE_INTEGER } })
    })

    it('never returns another school’s documents', async () => {
      const other = await syncClient(server, OTHER_SCHOOL_ADMIN)
      const { documents } = await pullAll(other, 'catalog')
      expect(documents.length).toBeGreaterThan(0)
      expect(documents.every((d) => d.schoolId === 'demo2')).toBe(true)
    })

    it('fills every batch with visible documents and checkpoints the last one examined', async () => {
      const docs = Array.from({ length: 40 }, (_, i) =>
        i % 4 === 0 ? schoolClass(`class-${i}`) : guardian(`guardian-${i}`),
      )
      const start = await schoolSeq()
      expect((await admin.push('org', creations(docs))).json()).toEqual([])
      const teacher = await syncClient(server, TEACHER)

      const batches = [await teacher.pullJson('org', start, 4)]
      batches.push(await teacher.pullJson('org', batches[0]?.checkpoint.seq, 4))
      batches.push(await teacher.pullJson('org', batches[1]?.checkpoint.seq, 4))
      const lastSeq = (await pullAll(admin, 'org')).seq

      expect(batches.map((b) => b.documents.map((d) => d.id))).toEqual([
        ['class-0', 'class-4', 'class-8', 'class-12'],
        ['class-16', 'class-20', 'class-24', 'class-28'],
        ['class-32', 'class-36'],
      ])
      expect(batches[2]?.checkpoint.seq).toBe(lastSeq)
      expect(await teacher.pullJson('org', lastSeq, 4)).toEqual({
        documents: [],
        checkpoint: { seq: lastSeq },
      })
    })
  })

  describe('push', () => {
    it('writes new documents with new seqs and pulls back exactly what was pushed', async () => {
      const start = await schoolSeq()
      const docs = [subject('demo', 'n1', { code: 'n1' }), location('demo', 'n2', { capacity: 30 })]
      const response = await admin.push('catalog', creations(docs))
      expect(response.statusCode).toBe(200)
      expect(response.json()).toEqual([])
      expect(await admin.pullJson('catalog', start)).toEqual({
        documents: docs,
        checkpoint: { seq: start + 2 },
      })
    })

    it('returns the master state when the assumed state differs, and writes nothing for that row', async () => {
      const original = subject('demo', 'c1')
      await admin.push('catalog', creations([original]))
      const master = { ...original, name: '服务器改名' }
      await admin.push('catalog', [{ assumedMasterState: original, newDocumentState: master }])
      const start = await schoolSeq()

      const stale = { assumedMasterState: original, newDocumentState: { ...original, name: '本地改名' } }
      const fresh = creations([subject('demo', 'c2')])
      expect((await admin.push('catalog', [stale, ...fresh])).json()).toEqual([master])
      const { documents } = await pullAll(admin, 'catalog', 100, start)
      expect(documents.map((d) => d.id)).toEqual(['c2'])
    })

    it('ignores key order when comparing the assumed state', async () => {
      const original = subject('demo', 'k1', { code: 'k' })
      await admin.push('catalog', creations([original]))
      const reordered = Object.fromEntries(Object.entries(original).reverse()) as WireDocument
      const update = { ...original, name: '新名字' }
      expect(
        (await admin.push('catalog', [{ assumedMasterState: reordered, newDocumentState: update }])).json(),
      ).toEqual([])
      expect((await pullAll(admin, 'catalog', 1000)).documents.find((d) => d.id === 'k1')).toEqual(update)
    })

    it('conflicts when a document exists but the client assumed none', async () => {
      const stored = subject('demo', 'e1')
      await admin.push('catalog', creations([stored]))
      const response = await admin.push('catalog', creations([{ ...stored, name: '另一个' }]))
      expect(response.json()).toEqual([stored])
    })

    it('takes a row without assumedMasterState as assuming none, as stock RxDB sends a new document', async () => {
      const doc = subject('demo', 'stock-rxdb')
      const withoutAssumed = (newDocumentState: typeof doc) => [{ newDocumentState }]
      const created = await admin.push('catalog', withoutAssumed(doc))
      expect(created.statusCode).toBe(200)
      expect(created.json()).toEqual([])
      expect((await pullAll(admin, 'catalog', 1000)).documents.at(-1)).toEqual(doc)
      const again = await admin.push('catalog', withoutAssumed({ ...doc, name: '另一个' }))
      expect(again.json()).toEqual([doc])
    })

    it('accepts a document the client assumed to exist when the server has none', async () => {
      const doc = subject('demo', 'lost')
      const restored = { ...doc, name: '恢复' }
      const response = await admin.push('catalog', [{ assumedMasterState: doc, newDocumentState: restored }])
      expect(response.json()).toEqual([])
      expect((await pullAll(admin, 'catalog', 1000)).documents.at(-1)).toMatchObject({
        id: 'lost',
        name: '恢复',
      })
    })

    it('is idempotent: a re-sent row succeeds without a new seq', async () => {
      const doc = subject('demo', 'i1')
      const rows = creations([doc])
      await admin.push('catalog', rows)
      const seq = await schoolSeq()

      expect((await admin.push('catalog', rows)).json()).toEqual([])
      expect(
        (await admin.push('catalog', [{ assumedMasterState: doc, newDocumentState: doc }])).json(),
      ).toEqual([])
      expect(await schoolSeq()).toBe(seq)
    })

    it('stores deletes as tombstones that pull like any document', async () => {
      const doc = subject('demo', 'd1')
      await admin.push('catalog', creations([doc]))
      const start = await schoolSeq()
      const tombstone = { ...doc, _deleted: true }
      expect(
        (await admin.push('catalog', [{ assumedMasterState: doc, newDocumentState: tombstone }])).json(),
      ).toEqual([])
      expect((await admin.pullJson('catalog', start)).documents).toEqual([tombstone])
    })

    it('refuses a request with an invalid document (400), naming it and the rule, and writes none of it', async () => {
      const start = await schoolSeq()
      const response = await admin.push(
        'catalog',
        creations([
          subject('demo', 'good'),
          subject('demo', 'bad', { name: '' }),
          { ...subject('demo', 'x'), kind: 'class' },
        ]),
      )
      expect(response.statusCode).toBe(400)
      const { message } = response.json<{ message: string }>()
      expect(message).toContain('subject bad: name')
      expect(message).toContain('class x: kind class belongs to collection org')
      expect(await schoolSeq()).toBe(start)
    })

    it('refuses text PostgreSQL cannot store (U+0000, a lone surrogate) with 400 on every store', async () => {
      const withField = (id: string, field: string, value: unknown) =>
        Object.assign(subject('demo', id), { [field]: value })
      const start = await schoolSeq()
      const cases: [WireDocument, string][] = [
        [subject('demo', 'nul', { name: 'a\u0000b' }), 'subject nul: name holds U+0000'],
        [subject('demo', 'high', { name: 'x\ud800' }), 'subject high: name holds a lone surrogate'],
        [subject('demo', 'low', { name: '\udc00y' }), 'subject low: name holds a lone surrogate'],
        [withField('key', 'k\u0000', 1), 'subject key: a field name holds U+0000'],
        [
          withField('deep', 'extra', { list: ['ok', { inner: '\ud83d' }] }),
          'subject deep: extra/list/1/inner holds a lone surrogate',
        ],
      ]
      for (const [doc, problem] of cases) {
        const response = await admin.push('catalog', creations([doc]))
        expect(response.statusCode, doc.id).toBe(400)
        expect(response.json<{ message: string }>().message).toContain(problem)
      }
      expect(await schoolSeq()).toBe(start)
      const emoji = subject('demo', 'emoji', { name: '数学 \ud83d\udcd0' })
      expect((await admin.push('catalog', creations([emoji]))).json()).toEqual([])
      expect((await admin.pullJson('catalog', start)).documents).toEqual([emoji])
    })

    it('refuses a term whose periods overlap (400), with the rule the schema cannot express', async () => {
      const start = await schoolSeq()
      const term: WireDocument<Term> = {
        id: 'term-x',
        kind: 'term',
        schoolId: 'demo',
        updatedAt: 1,
        _deleted: false,
        name: '秋季学期',
        start: '2026-09-01',
        end: '2027-01-15',
        periods: [
          { id: 'p1', name: '第1节', start: '08:00', end: '08:45' },
          { id: 'p2', name: '第2节', start: '08:40', end: '09:25' },
        ],
      }
      const response = await admin.push('catalog', creations([term]))
      expect(response.statusCode).toBe(400)
      expect(response.json<{ message: string }>().message).toContain(
        'term term-x: periods "第1节" (08:00–08:45) and "第2节" (08:40–09:25) overlap',
      )
      expect(await schoolSeq()).toBe(start)
      const touching: WireDocument<Term> = {
        ...term,
        periods: [
          { id: 'p1', name: '第1节', start: '08:00', end: '08:45' },
          { id: 'p2', name: '第2节', start: '08:45', end: '09:30' },
        ],
      }
      expect((await admin.push('catalog', creations([touching]))).json()).toEqual([])
    })

    it('refuses a request the caller may not write (403) and writes none of it', async () => {
      const start = await schoolSeq()
      const teacher = await syncClient(server, TEACHER)
      const refused = await teacher.push('catalog', creations([subject('demo', 't1')]))
      expect(refused.statusCode).toBe(403)
      expect(refused.json<{ message: string }>().message).toContain(
        'subject t1: only admins may change subjects',
      )

      const mixed = await admin.push(
        'catalog',
        creations([subject('demo', 'ok'), subject('demo2', 'foreign')]),
      )
      expect(mixed.statusCode).toBe(403)
      expect(mixed.json<{ message: string }>().message).toContain(
        'subject foreign: belongs to another school',
      )
      expect(await schoolSeq()).toBe(start)
    })

    it('checks permissions against the stored document', async () => {
      const locked = location('demo', 'locked', { editable: false })
      await admin.push('catalog', creations([locked]))
      const renamed = { ...locked, name: '新名字' }
      const response = await admin.push('catalog', [
        { assumedMasterState: locked, newDocumentState: renamed },
      ])
      expect(response.statusCode).toBe(403)
      expect(response.json<{ message: string }>().message).toContain('is not editable')
      const disabled = { ...locked, enabled: false }
      expect(
        (await admin.push('catalog', [{ assumedMasterState: locked, newDocumentState: disabled }])).json(),
      ).toEqual([])
    })

    it('refuses the same document twice in one request', async () => {
      const response = await admin.push(
        'catalog',
        creations([subject('demo', 'twice'), subject('demo', 'twice')]),
      )
      expect(response.statusCode).toBe(400)
      expect(response.json<{ message: string }>().message).toContain('twice appears more than once')
    })
  })

  it('lets exactly one of many concurrent edits of the same document win', async () => {
    const original = subject('demo', 'contested')
    await admin.push('catalog', creations([original]))
    const clients = await Promise.all(Array.from({ length: 8 }, () => syncClient(server, ADMIN)))
    const responses = await Promise.all(
      clients.map((client, i) => client.push('catalog', [update(original, { name: `版本 ${i}` })])),
    )
    const conflicts = responses.map((r) => r.json<WireDocument[]>())
    const winners = conflicts.filter((c) => c.length === 0)
    expect(winners).toHaveLength(1)
    const stored = (await pullAll(admin, 'catalog', 1000)).documents.find((d) => d.id === 'contested')
    for (const lost of conflicts.filter((c) => c.length > 0)) expect(lost).toEqual([stored])
  })

  it('loses and repeats nothing under concurrent pushes from many clients', { timeout: 60_000 }, async () => {
    const CLIENTS = 10
    const DOCS_PER_CLIENT = 50
    const REQUESTS_PER_CLIENT = 5
    const start = await schoolSeq()
    const clients = await Promise.all(Array.from({ length: CLIENTS }, () => syncClient(server, ADMIN)))
    const pushes = clients.flatMap((client, c) =>
      Array.from({ length: REQUESTS_PER_CLIENT }, (_, r) => {
        const per = DOCS_PER_CLIENT / REQUESTS_PER_CLIENT
        const docs = Array.from({ length: per }, (_, i) => subject('demo', `c${c}-r${r}-d${i}`))
        return client.push('catalog', creations(docs))
      }),
    )

    // A reader pulling with a small limit while the writes land must still see every document once.
    const reader = await syncClient(server, ADMIN)
    const seen: string[] = []
    const checkpoints: number[] = []
    let seq = start
    let writing = true
    const written = Promise.all(pushes).finally(() => (writing = false))
    while (writing) {
      const batch = await reader.pullJson('catalog', seq, 7)
      seen.push(...batch.documents.map((d) => d.id))
      if (batch.documents.length > 0) checkpoints.push(batch.checkpoint.seq)
      seq = batch.checkpoint.seq
    }
    for (const response of await written) expect(response.json()).toEqual([])
    const rest = await pullAll(reader, 'catalog', 7, seq)
    seen.push(...rest.documents.map((d) => d.id))
    checkpoints.push(...rest.checkpoints)

    expect(seen).toHaveLength(CLIENTS * DOCS_PER_CLIENT)
    expect(new Set(seen).size).toBe(CLIENTS * DOCS_PER_CLIENT)
    expect(checkpoints).toEqual([...checkpoints].sort((a, b) => a - b))
    expect(new Set(checkpoints).size).toBe(checkpoints.length)
    const stored = await server.store.pull('demo', 'catalog', start, 10_000)
    expect(stored.map((d) => d.seq)).toEqual(
      Array.from({ length: CLIENTS * DOCS_PER_CLIENT }, (_, i) => start + i + 1),
    )
  })
})
