// What the question bank specs share: demo accounts, questions pushed through the sync API as their author
// would push them (DESIGN §5: the server checks them as any push), and opening the question bank.
import { expect, type Page } from '@playwright/test'
import { expectSynced, logIn } from './app.ts'

export const PASSWORD = 'demo-2026'
export const ADMIN = '13800000001'

export interface Author {
  account: string
  id: string
}

export const LI: Author = { account: '13800000002', id: 'demo-staff-li' }
export const LIU: Author = { account: '13800000004', id: 'demo-staff-liu' }

/** A question as a spec writes it: its subject by name, the day it was created as `YYYY-MM-DD` if it matters. */
export interface SeededQuestion {
  id: string
  type: string
  stem: string
  subject: string
  status: 'draft' | 'published'
  createdAt?: string
  version?: number
  lineageId?: string
  previousId?: string
  [field: string]: unknown
}

export async function apiLogin(serverUrl: string, account: string): Promise<string> {
  const response = await fetch(`${serverUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ account, password: PASSWORD }),
  })
  if (!response.ok) throw new Error(`login ${account}: ${response.status}`)
  return ((await response.json()) as { accessToken: string }).accessToken
}

async function subjectIds(serverUrl: string, token: string): Promise<Map<string, string>> {
  const response = await fetch(`${serverUrl}/api/sync/catalog/pull?seq=0&limit=1000`, {
    headers: { Authorization: `Bearer ${token}` },
  })
  const { documents } = (await response.json()) as { documents: { id: string; kind: string; name: string }[] }
  return new Map(documents.filter((doc) => doc.kind === 'subject').map((doc) => [doc.name, doc.id]))
}

/** Without a creation day, questions are created a minute apart, the first one newest. */
export async function pushQuestions(
  serverUrl: string,
  author: Author,
  questions: SeededQuestion[],
): Promise<void> {
  const token = await apiLogin(serverUrl, author.account)
  const subjects = await subjectIds(serverUrl, token)
  const now = Date.now()
  const rows = questions.map(({ subject, createdAt, version, lineageId, ...fields }, index) => ({
    assumedMasterState: null,
    newDocumentState: {
      kind: 'question',
      schoolId: 'demo',
      updatedAt: now,
      _deleted: false,
      subjectId: subjects.get(subject),
      authorId: author.id,
      createdAt: createdAt ? new Date(`${createdAt}T09:00:00`).getTime() : now - index * 60_000,
      version: version ?? 1,
      lineageId: lineageId ?? fields.id,
      images: [],
      attachments: [],
      ...fields,
    },
  }))
  const response = await fetch(`${serverUrl}/api/sync/questions/push`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(rows),
  })
  if (!response.ok) throw new Error(`push: ${response.status} ${await response.text()}`)
  expect(await response.json()).toEqual([])
}

export async function openQuestionBank(page: Page, account: string): Promise<void> {
  await logIn(page, account, PASSWORD)
  await expectSynced(page)
  await page.getByTestId('menu-questions').click()
  await expect(page.getByTestId('question-bank-page')).toBeVisible()
}
