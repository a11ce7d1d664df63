import { afterEach, beforeEach, expect, it } from 'vitest'
import type { WireDocument } from '../../../../../domain/documents.ts'
import type { Lesson } from '../../../../../domain/timetable/lesson.ts'
import type { PullResponse } from '../../../../../domain/sync/sync-wire.ts'
import {
  ADMIN,
  bearer,
  sender,
  startTestApp,
  syncClient,
  type SyncClient,
  type TestApp,
} from '../../../test-support/app.ts'
import { creations } from '../../../test-support/documents.ts'
import { describeEachStore } from '../../../test-support/stores.ts'

function lesson(id: string, termId: string, fields: Partial<Lesson> = {}): WireDocument<Lesson> {
  return {
    id,
    kind: 'lesson',
    schoolId: 'demo',
    updatedAt: 1,
    termId,
    date: '2026-09-07',
    periodId: 'p1',
    teacherId: 'demo-staff-li',
    subjectId: 'demo-subject-chinese',
    classId: 'demo-class-g7-1',
    locationId: 'room-1',
    _deleted: false,
    ...fields,
  }
}

describeEachStore('the term window of the timetable pull ($name)', (factory) => {
  let server: TestApp
  let admin: SyncClient
  beforeEach(async () => {
    server = await startTestApp(factory)
    admin = await syncClient(server, ADMIN)
  })
  afterEach(() => server.close())

  const get = (query: string, collection = 'timetable') =>
    sender(server)('GET', `/api/sync/${collection}/pull?${query}`, bearer(admin.session.accessToken))

  /** Pulls from `seq` to the end with `terms`, in batches of `limit`. */
  async function pullWindow(terms: string, seq = 0, limit = 2) {
    const ids: string[] = []
    for (;;) {
      const response = await get(`seq=${seq}&limit=${limit}&terms=${terms}`)
      expect(response.statusCode).toBe(200)
      const batch = response.json<PullResponse>()
      ids.push(...batch.documents.map((doc) => doc.id))
      seq = batch.checkpoint.seq
      if (batch.documents.length < limit) return { ids, seq }
    }
  }

  async function write(docs: WireDocument[]) {
    const response = await admin.push('timetable', creations(docs))
    expect(response.json()).toEqual([])
  }

  it('sends only the lessons of the terms asked for, and skips the others without a gap', async () => {
    await write([
      lesson('old-1', 'old'),
      lesson('now-1', 'now'),
      lesson('old-2', 'old'),
      lesson('next-1', 'next'),
    ])
    await write([lesson('old-3', 'old'), lesson('now-2', 'now')])

    const windowed = await pullWindow('now,next')
    expect(windowed.ids).toEqual(['now-1', 'next-1', 'now-2'])
    const everything = await pullWindow('now,next,old', 0, 100)
    expect(everything.ids).toHaveLength(6)
    // The checkpoint passes the skipped lessons: they are not scanned again...
    expect(windowed.seq).toBe(everything.seq)
    // ...so a client that widens its window pulls again from 0 and then has every lesson of the new window.
    const widened = await pullWindow('now,old')
    expect(widened.ids).toEqual(['old-1', 'now-1', 'old-2', 'old-3', 'now-2'])
  })

  it('sends deletions of the window and nothing of other terms; without terms, every lesson', async () => {
    await write([lesson('old-1', 'old'), lesson('now-1', 'now')])
    const { seq } = await pullWindow('now')
    const [oldLesson, nowLesson] = [lesson('old-1', 'old'), lesson('now-1', 'now')]
    const deletions = [oldLesson, nowLesson].map((doc) => ({
      assumedMasterState: doc,
      newDocumentState: { ...doc, _deleted: true },
    }))
    expect((await admin.push('timetable', deletions)).json()).toEqual([])

    const after = await get(`seq=${seq}&limit=10&terms=now`)
    expect(after.json<PullResponse>().documents).toMatchObject([{ id: 'now-1', _deleted: true }])
    expect((await get('seq=0&limit=10&terms=')).json<PullResponse>().documents).toEqual([])
    expect((await admin.pullJson('timetable', 0, 10)).documents.map((doc) => doc.id)).toEqual([
      'old-1',
      'now-1',
    ])
  })

  it('keeps plan entries, which are not windowed', async () => {
    const entry = {
      id: 'entry-1',
      kind: 'plan_entry',
      schoolId: 'demo',
      updatedAt: 1,
      termId: 'old',
      weekday: 1,
      periodId: 'p1',
      teacherId: 'demo-staff-li',
      subjectId: 'demo-subject-chinese',
      classId: 'demo-class-g7-1',
      locationId: 'room-1',
      _deleted: false,
    }
    await write([entry, lesson('old-1', 'old')])
    expect((await pullWindow('now')).ids).toEqual(['entry-1'])
  })

  it('refuses terms on other collections and too many terms with a clear 400', async () => {
    const catalog = await get('seq=0&limit=10&terms=now', 'catalog')
    expect(catalog.statusCode).toBe(400)
    expect(catalog.json()).toMatchObject({ message: 'terms applies to the timetable pull only, not catalog' })
    const many = Array.from({ length: 51 }, (_, i) => `t${i}`).join(',')
    const tooMany = await get(`seq=0&limit=10&terms=${many}`)
    expect(tooMany.statusCode).toBe(400)
    expect(tooMany.json()).toMatchObject({ message: 'terms holds more than 50 term ids' })
  })
})
