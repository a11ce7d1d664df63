import { firstValueFrom } from 'rxjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Location } from '../../../domain/catalog/location.ts'
import type { Subject } from '../../../domain/catalog/subject.ts'
import type { Term } from '../../../domain/catalog/term.ts'
import type { Receipt } from '../../../domain/notices/receipt.ts'
import { receipt } from '../../../domain/notices/testing.ts'
import type { CampusDatabase, StoredDocument } from './database.ts'
import { createRepository, WriteRefusedError } from './repository.ts'
import { ADMIN, openNodeDatabase, TEACHER } from './testing/node-database.ts'

let db: CampusDatabase
let now = 1_000

beforeEach(async () => {
  db = await openNodeDatabase(ADMIN)
})
afterEach(async () => {
  await db.close()
})

const clock = () => ++now
const room = { name: '301', enabled: true, editable: true, multiClass: false }

describe('repository gate', () => {
  it('inserts a valid document with its envelope', async () => {
    const subjects = createRepository<Subject>(db, 'subject', ADMIN, { clock })
    const math = await subjects.insert({ name: '数学', code: 'MATH', enabled: true })
    expect(math).toMatchObject({ kind: 'subject', schoolId: 'demo', name: '数学', updatedAt: now })
    expect(await subjects.get(math.id)).toEqual(math)
  })

  it('refuses a document its kind schema rejects, and writes nothing', async () => {
    const subjects = createRepository<Subject>(db, 'subject', ADMIN, { clock })
    await expect(subjects.insert({ name: '   ', enabled: true })).rejects.toThrow(WriteRefusedError)
    expect(await db.collection('catalog').count().exec()).toBe(0)
  })

  it('refuses what the permission rule refuses (a teacher writing a subject)', async () => {
    const subjects = createRepository<Subject>(db, 'subject', TEACHER, { clock })
    const error = await subjects.insert({ name: '数学', enabled: true }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WriteRefusedError)
    expect((error as WriteRefusedError).reasons[0]).toMatch(/only admins/)
  })

  it('checks patches against the stored state: a non-editable location may only be toggled', async () => {
    const locations = createRepository<Location>(db, 'location', ADMIN, { clock })
    const hall = await locations.insert({ ...room, name: '礼堂', editable: false })
    await expect(locations.patch(hall.id, { name: '大礼堂' })).rejects.toThrow(/not editable/)
    const disabled = await locations.patch(hall.id, { enabled: false })
    expect(disabled).toMatchObject({ name: '礼堂', enabled: false, updatedAt: now })
  })

  it('refuses a term whose periods overlap, with the kind check, and keeps the stored periods', async () => {
    const terms = createRepository<Term>(db, 'term', ADMIN, { clock })
    const first = { id: 'p1', name: '第1节', start: '08:00', end: '08:45' }
    const term = await terms.insert({
      name: '秋季学期',
      start: '2026-09-01',
      end: '2027-01-15',
      periods: [first],
    })
    const overlapping = { id: 'p2', name: '第2节', start: '08:30', end: '09:15' }
    await expect(terms.patch(term.id, { periods: [first, overlapping] })).rejects.toThrow(
      /第1节.*第2节.*overlap/,
    )
    expect((await terms.get(term.id))?.periods).toEqual([first])
    const touching = { ...overlapping, start: '08:45', end: '09:30' }
    expect((await terms.patch(term.id, { periods: [first, touching] })).periods).toHaveLength(2)
  })

  it('removes a field patched to undefined', async () => {
    const locations = createRepository<Location>(db, 'location', ADMIN, { clock })
    const lab = await locations.insert({ ...room, capacity: 40, remark: '实验室' })
    const patched = await locations.patch(lab.id, { capacity: undefined })
    expect(patched).not.toHaveProperty('capacity')
    expect(patched.remark).toBe('实验室')
  })

  it('deletes softly: the tombstone stays in storage for replication', async () => {
    const subjects = createRepository<Subject>(db, 'subject', ADMIN, { clock })
    const art = await subjects.insert({ name: '美术', enabled: true })
    await subjects.remove(art.id)
    expect(await subjects.get(art.id)).toBeNull()
    const stored = await db.collection('catalog').storageInstance.findDocumentsById([art.id], true)
    expect(stored[0]).toMatchObject({ id: art.id, _deleted: true, updatedAt: now })
  })

  it('restores a deleted document through the same gate', async () => {
    const subjects = createRepository<Subject>(db, 'subject', ADMIN, { clock })
    const music = await subjects.insert({ name: '音乐', enabled: true })
    await subjects.remove(music.id)
    await subjects.restore(music)
    expect(await subjects.get(music.id)).toMatchObject({ id: music.id, name: '音乐' })
  })

  it('lists the live documents of its kind only', async () => {
    const subjects = createRepository<Subject>(db, 'subject', ADMIN, { clock })
    const locations = createRepository<Location>(db, 'location', ADMIN, { clock })
    await subjects.insert({ name: '语文', enabled: true })
    const gone = await subjects.insert({ name: '历史', enabled: true })
    await locations.insert(room)
    await subjects.remove(gone.id)
    const names = (await firstValueFrom(subjects.all$())).map((s) => s.name)
    expect(names).toEqual(['语文'])
  })

  it('lists the live documents of its kind whose fields match, and follows their changes', async () => {
    const subjects = createRepository<Subject>(db, 'subject', ADMIN, { clock })
    const locations = createRepository<Location>(db, 'location', ADMIN, { clock })
    await subjects.insert({ name: '语文', enabled: true })
    const history = await subjects.insert({ name: '历史', enabled: false })
    await locations.insert({ ...room, enabled: false })
    const disabled = subjects.matching$({ enabled: false })
    expect((await firstValueFrom(disabled)).map((s) => s.name)).toEqual(['历史'])
    await subjects.patch(history.id, { enabled: true })
    expect(await firstValueFrom(disabled)).toEqual([])
  })

  it('answers the permission question the UI asks before showing an action', () => {
    const draft = {
      id: 'x',
      kind: 'subject',
      schoolId: 'demo',
      updatedAt: 0,
      name: 'x',
      enabled: true,
    } as const
    expect(createRepository<Subject>(db, 'subject', ADMIN).permission(draft, null).ok).toBe(true)
    expect(createRepository<Subject>(db, 'subject', TEACHER).permission(draft, null).ok).toBe(false)
  })
})

describe('repository bulk writes', () => {
  const subject = (i: number) => ({ id: `s${i}`, kind: 'subject' as const, name: `科目${i}`, enabled: true })

  it('writes and replaces many documents in chunks, reporting progress', async () => {
    const subjects = createRepository<Subject>(db, 'subject', ADMIN, { clock })
    const progress: number[] = []
    await subjects.bulkPut(
      Array.from({ length: 1200 }, (_, i) => subject(i)),
      (done) => progress.push(done),
    )
    expect(progress).toEqual([500, 1000, 1200])
    await subjects.bulkPut([{ ...subject(7), name: '物理' }])
    expect(await subjects.get('s7')).toMatchObject({ name: '物理', schoolId: 'demo' })
    expect(await db.collection('catalog').count().exec()).toBe(1200)
  })

  it('starts the next chunk while the one before is being written, two at most, committed in order', async () => {
    const catalog = db.collection('catalog')
    const bulkUpsert = catalog.bulkUpsert.bind(catalog)
    const started: string[] = []
    let inFlight = 0
    let mostInFlight = 0
    catalog.bulkUpsert = async (docs) => {
      started.push(String(docs[0]?.id))
      mostInFlight = Math.max(mostInFlight, ++inFlight)
      try {
        return await bulkUpsert(docs)
      } finally {
        inFlight--
      }
    }
    const progress: number[] = []
    await createRepository<Subject>(db, 'subject', ADMIN, { clock }).bulkPut(
      Array.from({ length: 1700 }, (_, i) => subject(i)),
      (done) => progress.push(done),
    )
    expect(mostInFlight).toBe(2)
    expect(started).toEqual(['s0', 's500', 's1000', 's1500'])
    expect(progress).toEqual([500, 1000, 1500, 1700])
    expect(await db.collection('catalog').count().exec()).toBe(1700)
  })

  it('rejects with a failed chunk once the chunks started beside it have settled', async () => {
    const catalog = db.collection('catalog')
    const bulkUpsert = catalog.bulkUpsert.bind(catalog)
    let calls = 0
    catalog.bulkUpsert = (docs) => (++calls === 2 ? Promise.reject(new Error('disk full')) : bulkUpsert(docs))
    await expect(
      createRepository<Subject>(db, 'subject', ADMIN, { clock }).bulkPut(
        Array.from({ length: 1200 }, (_, i) => subject(i)),
      ),
    ).rejects.toThrow('disk full')
    expect(calls).toBe(3)
    expect(await db.collection('catalog').count().exec()).toBe(700)
  })

  it('refuses all when one document is invalid or forbidden, and writes nothing', async () => {
    const subjects = createRepository<Subject>(db, 'subject', ADMIN, { clock })
    const many = Array.from({ length: 800 }, (_, i) => subject(i))
    await expect(subjects.bulkPut([...many, { ...subject(900), name: ' ' }])).rejects.toThrow(
      WriteRefusedError,
    )
    const asTeacher = createRepository<Subject>(db, 'subject', TEACHER, { clock })
    await expect(asTeacher.bulkPut([subject(3)])).rejects.toThrow(/only admins/)
    expect(await db.collection('catalog').count().exec()).toBe(0)
  })

  it('deletes many documents as tombstones, skipping ids it does not hold', async () => {
    const subjects = createRepository<Subject>(db, 'subject', ADMIN, { clock })
    await subjects.bulkPut([subject(1), subject(2), subject(3)])
    await subjects.bulkRemove(['s1', 's3', 'unknown'])
    expect((await firstValueFrom(subjects.all$())).map((s) => s.id)).toEqual(['s2'])
    await expect(createRepository<Subject>(db, 'subject', TEACHER).bulkRemove(['s2'])).rejects.toThrow(
      /only admins/,
    )
  })
})

describe('repository live queries', () => {
  const stored = (noticeId: string, personId: string): StoredDocument => ({ ...receipt(noticeId, personId) })

  it('follows the documents whose id starts with a prefix, and one document by id', async () => {
    // Receipts come from the server: written into the replica as replication would, past the gate.
    await db
      .collection('receipts')
      .bulkInsert([stored('n1', 'g1'), stored('n1', 'g2'), stored('n10', 'g1'), stored('n2', 'g1')])
    const receipts = createRepository<Receipt>(db, 'receipt', ADMIN)
    const ids = async () => (await firstValueFrom(receipts.withIdPrefix$('n1:'))).map((r) => r.id).sort()
    expect(await ids()).toEqual(['n1:g1', 'n1:g2'])
    await db.collection('receipts').insert(stored('n1', 'g3'))
    expect(await ids()).toEqual(['n1:g1', 'n1:g2', 'n1:g3'])
    expect(await firstValueFrom(receipts.one$('n2:g1'))).toMatchObject({ personId: 'g1', noticeId: 'n2' })
    expect(await firstValueFrom(receipts.one$('missing'))).toBeNull()
  })
})
