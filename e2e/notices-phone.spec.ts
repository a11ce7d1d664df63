// Notices on the phone (DESIGN §7.1, NTC): a guardian's inbox fills in live, the notice opens as read, the form
// answers in the phone's language; the author's receipts show it. The notice is pushed as the desktop would.
import { mkdirSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { LOCALES, SCREENSHOTS, shoot } from './app.ts'
import { DEMO_PASSWORD as PASSWORD, openInbox } from './notice-pages.ts'
import { startServer, type RunningServer } from './server.ts'

const TEACHER = '13800000002'
const CLASS = 'demo-class-g7-1'

interface Session {
  accessToken: string
  user: { id: string }
}

async function apiLogin(server: RunningServer, account: string): Promise<Session> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account, password: PASSWORD }),
  })
  return (await response.json()) as Session
}

/** Pushes a notice to class 初一(1)班 as 李老师, as the desktop's replication would. */
async function sendNotice(server: RunningServer, teacher: Session, id: string, title: string): Promise<void> {
  const notice = {
    id,
    kind: 'notice',
    schoolId: 'demo',
    updatedAt: Date.now(),
    authorId: teacher.user.id,
    title,
    body: '<p>本周五上午 9:00 在学校门口集合，请穿<strong>运动鞋</strong>。</p><ul><li>自带午餐</li><li>雨天改期</li></ul>',
    links: [{ title: '活动安排', url: 'https://example.com/trip' }],
    attachments: [],
    questions: [
      { id: 'go', type: 'single', title: '是否参加', options: ['参加', '不参加'], required: true },
      { id: 'food', type: 'multiple', title: '午餐', options: ['米饭', '面条'], required: false },
      { id: 'note', type: 'text', title: '备注', required: false },
    ],
    audience: { classIds: [CLASS] },
    ccStaffIds: [],
    status: 'sent',
    reminders: 0,
    _deleted: false,
  }
  const response = await fetch(`${server.url}/api/sync/notices/push`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${teacher.accessToken}` },
    body: JSON.stringify([{ assumedMasterState: null, newDocumentState: notice }]),
  })
  expect(response.status).toBe(200)
}

async function receiptOf(server: RunningServer, teacher: Session, personId: string) {
  const response = await fetch(`${server.url}/api/sync/receipts/pull?seq=0&limit=100`, {
    headers: { authorization: `Bearer ${teacher.accessToken}` },
  })
  const { documents } = (await response.json()) as {
    documents: { personId: string; readAt?: number; answers?: object }[]
  }
  return documents.find((doc) => doc.personId === personId)
}

let server: RunningServer
test.beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  server = await startServer()
})
test.afterAll(async () => server.stop())

for (const [index, locale] of LOCALES.entries()) {
  test(`a guardian sees a notice arrive, reads it and answers its form (${locale})`, async ({ browser }) => {
    const teacher = await apiLogin(server, TEACHER)
    const page = await openInbox(browser, server, locale)
    if (index === 0) {
      await expect(page.getByTestId('m-inbox-empty')).toBeVisible()
      await shoot(page, `notices-phone-empty-${locale}`)
    }

    const id = `e2e-notice-${locale}`
    await sendNotice(server, teacher, id, `春游通知 ${locale}`)
    const item = page.locator(`[data-test="m-notice-item"][data-id="${id}"]`)
    await expect(item).toBeVisible()
    await expect(item).toHaveClass(/unread/)
    await expect(page.getByTestId('m-new-notice')).toBeVisible()
    await expect(item.locator('.concerns')).toContainText('陈小明')
    await shoot(page, `notices-phone-inbox-${locale}`)

    await item.click()
    await expect(page.getByTestId('m-notice-title')).toHaveText(`春游通知 ${locale}`)
    await expect(page.getByTestId('m-notice-body').locator('strong')).toHaveText('运动鞋')
    await expect(page.getByTestId('m-notice-students')).toContainText('陈小明')
    await expect
      .poll(async () => (await receiptOf(server, teacher, 'demo-guardian-chen'))?.readAt)
      .toBeDefined()

    await page.getByTestId('m-answer-submit').click()
    const required = {
      'zh-CN': '请回答“是否参加”',
      'zh-TW': '請回答「是否参加」',
      en: 'Please answer "是否参加"',
    }
    await expect(page.getByTestId('m-error')).toHaveText(required[locale])
    await page.getByLabel('不参加').check()
    await page.getByLabel('面条').check()
    await page.locator('textarea[name="note"]').fill('晕车')
    await page.getByTestId('m-answer-submit').click()
    await expect(page.getByTestId('m-answer-status')).toBeVisible()
    await page.screenshot({ path: `${SCREENSHOTS}/notices-phone-answered-${locale}.png`, fullPage: true })
    await expect
      .poll(async () => (await receiptOf(server, teacher, 'demo-guardian-chen'))?.answers)
      .toEqual({ go: '不参加', food: ['面条'], note: '晕车' })
    await page.context().close()
  })
}
