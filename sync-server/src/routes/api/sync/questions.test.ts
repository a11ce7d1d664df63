import { afterEach, beforeEach, expect, it } from 'vitest'
import type { WireDocument } from '../../../../../domain/documents.ts'
import type { HomeworkDefinition } from '../../../../../domain/homework/definition.ts'
import { question } from '../../../../../domain/questions/testing.ts'
import type { Question } from '../../../../../domain/questions/types.ts'
import {
  ADMIN,
  GUARDIAN,
  pullAll,
  startTestApp,
  syncClient,
  TEACHER,
  type SyncClient,
  type TestApp,
} from '../../../test-support/app.ts'
import { creations, update } from '../../../test-support/documents.ts'
import { describeEachStore } from '../../../test-support/stores.ts'

const OTHER_TEACHER = '13800000004'

function wire<T extends Question | HomeworkDefinition>(doc: T): WireDocument<T> {
  return { ...doc, _deleted: false }
}

describeEachStore('questions and homework through the sync API ($name)', (factory) => {
  let server: TestApp
  let author: SyncClient
  let draft: WireDocument<Question>
  let published: WireDocument<Question>

  beforeEach(async () => {
    server = await startTestApp(factory, { listen: true })
    author = await syncClient(server, TEACHER)
    const authorId = author.session.user.id
    draft = wire(question({ id: 'q-draft', lineageId: 'q-draft', schoolId: 'demo', authorId }))
    published = wire(
      question({ id: 'q-pub', lineageId: 'q-pub', schoolId: 'demo', authorId, status: 'published' }),
    )
    expect((await author.push('questions', creations([draft, published]))).json()).toEqual([])
  })
  afterEach(() => server.close())

  const ids = async (client: SyncClient, collection = 'questions') =>
    (await pullAll(client, collection)).documents.map((doc) => doc.id).sort()

  it('shows drafts to their author and admins, published questions to all staff, none to families', async () => {
    expect(await ids(author)).toEqual(['q-draft', 'q-pub'])
    expect(await ids(await syncClient(server, ADMIN))).toEqual(['q-draft', 'q-pub'])
    expect(await ids(await syncClient(server, OTHER_TEACHER))).toEqual(['q-pub'])
    expect(await ids(await syncClient(server, GUARDIAN))).toEqual([])
  })

  it('keeps an incomplete draft, refuses to publish it, naming the rule', async () => {
    const twoCorrect = wire({
      ...draft,
      id: 'q-bad',
      lineageId: 'q-bad',
      options: draft.options?.map((option) => ({ ...option, correct: true })),
    })
    expect((await author.push('questions', creations([twoCorrect]))).json()).toEqual([])
    const response = await author.push('questions', [update(twoCorrect, { status: 'published' })])
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({
      message: expect.stringContaining(
        'question q-bad: a single-choice question needs exactly one correct option (it has 2)',
      ),
    })
  })

  it('keeps published questions read-only and other teachers’ drafts theirs', async () => {
    const edit = await author.push('questions', [update(published, { stem: '<p>2+2=?</p>' })])
    expect(edit.statusCode).toBe(403)
    expect(edit.json()).toMatchObject({
      message: expect.stringContaining('a published question is read-only'),
    })
    expect((await author.push('questions', [update(published, { _deleted: true })])).statusCode).toBe(403)

    const other = await syncClient(server, OTHER_TEACHER)
    const takeOver = await other.push('questions', [update(draft, { stem: '<p>mine</p>' })])
    expect(takeOver.statusCode).toBe(403)
    expect((await author.push('questions', [update(draft, { _deleted: true })])).json()).toEqual([])
  })

  it('lets another teacher derive a new version of a published question as their own draft', async () => {
    const other = await syncClient(server, OTHER_TEACHER)
    const version = wire({
      ...published,
      id: 'q-pub-v2',
      authorId: other.session.user.id,
      status: 'draft' as const,
      version: 2,
      previousId: published.id,
    })
    expect((await other.push('questions', creations([version]))).json()).toEqual([])
    expect(await ids(other)).toEqual(['q-pub', 'q-pub-v2'])
  })

  it('accepts a complete homework definition only when every section has a question', async () => {
    const chapter = { id: 's1', title: '第一章', items: [], sections: [] }
    const definition: WireDocument<HomeworkDefinition> = {
      id: 'd1',
      kind: 'definition',
      schoolId: 'demo',
      updatedAt: 1,
      _deleted: false,
      title: '第三单元练习',
      subjectId: draft.subjectId,
      scored: true,
      status: 'complete',
      authorId: author.session.user.id,
      createdAt: 1,
      sections: [chapter],
    }
    const refused = await author.push('homework', creations([definition]))
    expect(refused.statusCode).toBe(400)
    expect(refused.json()).toMatchObject({
      message: expect.stringContaining('section "第一章" has no question'),
    })

    const filled = {
      ...definition,
      sections: [{ ...chapter, items: [{ questionId: 'q-pub', score: 5 }] }],
    }
    expect((await author.push('homework', creations([filled]))).json()).toEqual([])
    expect(await ids(await syncClient(server, OTHER_TEACHER), 'homework')).toEqual(['d1'])
    expect(await ids(await syncClient(server, GUARDIAN), 'homework')).toEqual([])
  })
})
