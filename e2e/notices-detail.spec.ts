// The desktop's notice detail (DESIGN §7.1, NTC): the author opens a delivered notice; a guardian reads and answers
// on a phone and the rows turn read and answered live; the answers export to Excel and are read back; remind,
// close and recall. The notice is pushed through the sync API, as the compose screen's replication would.
import { mkdirSync, readFileSync } from 'node:fs'
import { expect, test, type Browser, type Download, type Page } from '@playwright/test'
import { readTables } from '../renderer/src/ui/excel/workbook.ts'
import { LOCALES, logIn, openPc, openRoute, phoneLogIn, SCREENSHOTS, shoot } from './app.ts'
import { startServer, type RunningServer } from './server.ts'
import { PASSWORD } from './demo-school.ts'

const TEACHER = '13800000002'
const GUARDIAN = '13900000001'
const STAFF_SUN = '13800000005'

interface Session {
  accessToken: string
  user: { id: string }
}

let server: RunningServer
test.beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  server = await startServer()
})
test.afterAll(async () => server.stop())

async function apiLogin(account: string): Promise<Session> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account, password: PASSWORD }),
  })
  expect(response.status).toBe(200)
  return (await response.json()) as Session
}

async function api(session: Session, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${session.accessToken}` },
    body: JSON.stringify(body),
  })
  expect(response.status, path).toBe(200)
}

/** 李老师's notice with a form to class 初一(1)班 and to two colleagues (who are in no class). */
async function sendNotice(teacher: Session, id: string): Promise<void> {
  const notice = {
    id,
    kind: 'notice',
    schoolId: 'demo',
    updatedAt: Date.now(),
    authorId: teacher.user.id,
    title: '春游回执',
    body: '<p>本周五春游，请<strong>回执</strong>是否参加。</p>',
    links: [{ title: '活动安排', url: 'https://example.com/trip' }],
    attachments: [],
    questions: [
      { id: 'go', type: 'single', title: '是否参加', options: ['参加', '不参加'], required: true },
      { id: 'food', type: 'multiple', title: '午餐', options: ['米饭', '面条', '饺子'], required: false },
      { id: 'note', type: 'text', title: '备注', required: false },
    ],
    audience: { classIds: ['demo-class-g7-1'], staffIds: ['demo-staff-sun', 'demo-staff-zhou'] },
    ccStaffIds: [],
    status: 'sent',
    reminders: 0,
    _deleted: false,
  }
  await api(teacher, '/api/sync/notices/push', [{ assumedMasterState: null, newDocumentState: notice }])
}

async function openDetail(browser: Browser, locale: (typeof LOCALES)[number], id: string): Promise<Page> {
  const { page } = await openPc(browser, server.url, locale)
  await logIn(page, TEACHER, PASSWORD)
  await openRoute(page, `#/notices/${id}`)
  await expect(page.getByTestId('notice-title')).toHaveText('春游回执')
  return page
}

const row = (page: Page, noticeId: string, personId: string) =>
  page.locator(`[data-test="recipient-row"][data-id="${noticeId}:${personId}"]`)

const stateOf = (page: Page, noticeId: string, personId: string) =>
  row(page, noticeId, personId).getByTestId('recipient-state')

const downloaded = async (download: Promise<Download>) => readFileSync(await (await download).path())

async function confirm(page: Page): Promise<void> {
  await page.locator('.el-message-box .el-button--primary').click()
  await expect(page.locator('.el-message-box')).toBeHidden()
}

test('the author follows receipts live, exports the answers, reminds, closes and recalls', async ({
  browser,
}) => {
  const id = 'e2e-detail-live'
  const teacher = await apiLogin(TEACHER)
  await sendNotice(teacher, id)
  const page = await openDetail(browser, 'zh-CN', id)
  // Class 初一(1)班: 陈家长, 刘家长 and the four students; staff: 孙老师 and 周老师.
  await expect(page.getByTestId('recipient-row')).toHaveCount(8)
  await expect(page.getByTestId('count-delivered')).toContainText('8')
  await expect(stateOf(page, id, 'demo-guardian-chen')).toHaveText('未读')
  await expect(page.getByTestId('notice-recall')).toContainText(/撤回（剩余 2[34] 小时 \d+ 分）/)

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true })
  const phonePage = await phone.newPage()
  await phonePage.goto(`${server.url}/m/login`)
  await phoneLogIn(phonePage, GUARDIAN, PASSWORD)
  await expect(phonePage.getByTestId('m-notices-link')).toBeVisible()
  await phonePage.goto(`${server.url}/m/notices/${id}`)
  await expect(phonePage.getByTestId('m-notice-title')).toHaveText('春游回执')
  await expect(stateOf(page, id, 'demo-guardian-chen')).toHaveText('已读')
  await expect(page.getByTestId('count-read')).toContainText('1')

  await phonePage.getByLabel('参加', { exact: true }).check()
  await phonePage.getByLabel('米饭').check()
  await phonePage.getByLabel('饺子').check()
  await phonePage.locator('textarea[name="note"]').fill('晕车')
  await phonePage.getByTestId('m-answer-submit').click()
  await expect(phonePage.getByTestId('m-answer-status')).toBeVisible()
  await expect(stateOf(page, id, 'demo-guardian-chen')).toHaveText('已回执')
  await expect(row(page, id, 'demo-guardian-chen').getByTestId('recipient-answers')).toHaveText(
    '是否参加: 参加；午餐: 米饭、饺子；备注: 晕车',
  )
  await phone.close()

  await page.getByTestId('filter-unread').click()
  await expect(page.getByTestId('recipient-row')).toHaveCount(7)
  await page.getByTestId('filter-unread').click()
  await page.getByTestId('filter-not-answered').click()
  await expect(page.getByTestId('recipient-row')).toHaveCount(7)
  await expect(row(page, id, 'demo-guardian-chen')).toHaveCount(0)
  await page.getByTestId('filter-not-answered').click()
  await expect(page.getByTestId('option-chart')).toHaveCount(2)
  await shoot(page, 'notices-detail-live-zh-CN')

  await page.getByTestId('notice-export').click()
  const download = page.waitForEvent('download')
  await page.getByTestId('notice-export-class').filter({ hasText: '初一(1)班' }).click()
  expect((await download).suggestedFilename()).toBe('春游回执-初一(1)班.xlsx')
  const [answers, statistics] = await readTables(await downloaded(download))
  expect(answers?.name).toBe('回执')
  expect(answers?.rows[0]).toEqual([
    '姓名',
    '身份',
    '班级',
    '孩子',
    '回执',
    '阅读时间',
    '回执时间',
    '是否参加',
    '午餐',
    '备注',
  ])
  expect(answers?.rows).toHaveLength(7)
  const chen = answers?.rows.find((cells) => cells[0] === '陈家长')
  expect(chen?.slice(0, 5)).toEqual(['陈家长', '家长', '初一(1)班', '陈小明', '已回执'])
  expect(chen?.slice(7)).toEqual(['参加', '米饭、饺子', '晕车'])
  expect(statistics?.rows).toContainEqual(['已送达', '', '6'])
  expect(statistics?.rows).toContainEqual(['午餐', '饺子', '1'])
  expect(statistics?.rows).toContainEqual(['是否参加', '不参加', '0'])

  await expect(page.getByTestId('notice-remind')).toHaveText('再次提醒（7）')
  await page.getByTestId('notice-remind').click()
  await expect(row(page, id, 'demo-staff-sun').getByTestId('recipient-reminded')).toBeVisible()
  await expect(row(page, id, 'demo-guardian-chen').getByTestId('recipient-reminded')).toHaveCount(0)

  await page.getByTestId('notice-close').click()
  await confirm(page)
  await expect(page.getByTestId('notice-status')).toHaveText('已截止')
  await expect(page.getByTestId('notice-close')).toHaveCount(0)
  await expect(page.getByTestId('notice-remind')).toBeDisabled()
  const guardian = await apiLogin(GUARDIAN)
  const closed = await fetch(`${server.url}/api/m/notices/${id}/answers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${guardian.accessToken}` },
    body: JSON.stringify({ answers: { go: '不参加' } }),
  })
  expect(closed.status).toBe(409)

  await page.getByTestId('notice-recall').click()
  await confirm(page)
  await expect(page.getByTestId('notice-status')).toHaveText('已撤回')
  await expect(page.getByTestId('notice-recall')).toHaveCount(0)
  await expect
    .poll(
      async () =>
        (
          await fetch(`${server.url}/api/m/notices/${id}`, {
            headers: { authorization: `Bearer ${guardian.accessToken}` },
          })
        ).status,
    )
    .toBe(410)
})

for (const locale of LOCALES) {
  test(`the detail page in ${locale}`, async ({ browser }) => {
    const id = `e2e-detail-${locale}`
    const teacher = await apiLogin(TEACHER)
    await sendNotice(teacher, id)
    const guardian = await apiLogin(GUARDIAN)
    await api(guardian, `/api/m/notices/${id}/answers`, { answers: { go: '参加', food: ['面条'] } })
    await api(await apiLogin(STAFF_SUN), `/api/m/notices/${id}/read`, {})
    const page = await openDetail(browser, locale, id)
    await expect(page.getByTestId('recipient-row')).toHaveCount(8)
    await expect(page.getByTestId('count-answered')).toContainText('1')
    await expect(page.getByTestId('count-read')).toContainText('2')
    await expect(page.getByTestId('option-chart').first().locator('svg')).toBeVisible()
    await shoot(page, `notices-detail-${locale}`)
    await page.getByTestId('recipient-row').first().scrollIntoViewIfNeeded()
    await shoot(page, `notices-detail-recipients-${locale}`)
    await page.context().close()
  })
}
