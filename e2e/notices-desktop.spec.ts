// Notices on the desktop (issue 12, DESIGN §7.1): a teacher composes a notice with a form to their class, partly
// with no network, and sends it once back online; the guardian's phone shows it arrive without a reload, and the
// teacher's "Sent by me" list turns it read as the guardian opens it. Compose, preview and list in three languages.
import { mkdirSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { expectSynced, logIn, openPc, openRoute, SCREENSHOTS, shoot, syncStatus, type Locale } from './app.ts'
import { messageBox } from './homework-pages.ts'
import { DEMO_PASSWORD, openInbox } from './notice-pages.ts'
import { startServer, type RunningServer } from './server.ts'

const TEACHER = '13800000002'
const CLASS_NODE = 'class:demo-class-g7-1'

const WORDS: Record<Locale, { send: string; required: string }> = {
  'zh-CN': { send: '发送', required: '请回答“是否参加”' },
  'zh-TW': { send: '發送', required: '請回答「是否参加」' },
  en: { send: 'Send', required: 'Please answer “是否参加”' },
}

let server: RunningServer
test.use({ actionTimeout: 15_000 })
test.beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  server = await startServer()
})
test.afterAll(async () => server.stop())

/** The list's row of the notice titled `title`. */
const noticeRow = (page: Page, title: string) =>
  page.getByTestId('notice-row').filter({ has: page.getByText(title, { exact: true }) })

/** Writes title, body, a required single choice and the teacher's class into the open compose page. */
async function compose(page: Page, title: string): Promise<void> {
  await expect(page.getByTestId('notice-compose')).toBeVisible()
  await page.getByTestId('notice-title').fill(title)
  await page.getByTestId('notice-body-input').click()
  await page.keyboard.type('本周五上午 9:00 在学校门口集合。')
  await page.getByTestId('notice-question-add').getByRole('button').click()
  await page.getByTestId('notice-question-add-single').click()
  const question = page.getByTestId('notice-question').last()
  await question.getByTestId('notice-question-title').fill('是否参加')
  await question.getByTestId('notice-option').nth(0).fill('参加')
  await question.getByTestId('notice-option').nth(1).fill('不参加')
  const classNode = page.locator('.el-tree-node__content', {
    has: page.getByTestId(`notice-node-${CLASS_NODE}`),
  })
  await classNode.locator('.el-checkbox').click()
  // 李老师 heads 初一(1)班 and teaches maths in 初一(3)班: the other classes are not offered.
  await expect(page.getByTestId(`notice-node-class:demo-class-g7-3`)).toBeVisible()
  await expect(page.getByTestId(`notice-node-class:demo-class-g7-2`)).toHaveCount(0)
  await expect(page.getByTestId('notice-audience-size')).not.toHaveAttribute('data-total', '0')
}

/** Opens the phone preview, submits it empty (the required question is named), shoots it and closes it. */
async function checkPreview(page: Page, locale: Locale): Promise<void> {
  await page.getByTestId('notice-preview-open').click()
  const preview = page.getByTestId('notice-preview')
  await expect(preview).toBeVisible()
  await preview.getByTestId('notice-preview-submit').click()
  await expect(preview.getByTestId('notice-preview-problem')).toHaveText(WORDS[locale].required)
  await shoot(page, `notices-preview-${locale}`)
  await preview.getByText('参加', { exact: true }).click()
  await preview.getByTestId('notice-preview-submit').click()
  await expect(preview.getByTestId('notice-preview-valid')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(preview).toBeHidden()
}

async function send(page: Page, locale: Locale): Promise<void> {
  await page.getByTestId('notice-send').click()
  await messageBox(page).getByRole('button', { name: WORDS[locale].send }).click()
  await expect(page.getByTestId('notices-page')).toBeVisible()
}

test('a teacher composes a notice offline, sends it online, and sees the guardian read it', async ({
  browser,
}) => {
  test.setTimeout(300_000)
  const title = '春游通知（离线写）'
  const pc = await openPc(browser, server.url, 'zh-CN')
  await logIn(pc.page, TEACHER, DEMO_PASSWORD)
  await expectSynced(pc.page)
  const page = pc.page
  // In web mode a screen's code comes from the server on its first visit: open both before the network goes.
  await page.getByTestId('menu-notices').click()
  await expect(page.getByTestId('notices-page')).toBeVisible()
  await openRoute(page, '#/notices/new')
  await expect(page.getByTestId('notice-compose')).toBeVisible()
  await openRoute(page, '#/notices')
  await expect(page.getByTestId('notices-page')).toBeVisible()
  const phone = await openInbox(browser, server, 'zh-CN')

  await page.getByTestId('notice-add').click()
  await page.getByTestId('notice-title').fill(title)
  await pc.context.setOffline(true)
  await expect(syncStatus(page)).toHaveAttribute('data-phase', 'offline')
  await compose(page, title)
  await shoot(page, 'notices-compose-zh-CN')
  await checkPreview(page, 'zh-CN')
  await page.getByTestId('notice-save-draft').click()
  await expect(syncStatus(page)).toHaveAttribute('data-pending', '1')

  await page.getByTestId('notice-cancel').click()
  const row = noticeRow(page, title)
  await expect(row.getByTestId('notice-state')).toHaveAttribute('data-state', 'draft')
  await expect(row.getByTestId('notice-has-form')).toBeVisible()
  await row.getByTestId('notice-row-open').click()
  await expect(page.getByTestId('notice-title')).toHaveValue(title)
  await send(page, 'zh-CN')
  await expect(row.getByTestId('notice-state')).toHaveAttribute('data-state', 'sending')
  await expect(phone.locator('[data-test="m-notice-item"]', { hasText: title })).toHaveCount(0)

  await pc.context.setOffline(false)
  await expectSynced(page)
  await expect(row.getByTestId('notice-state')).toHaveAttribute('data-state', 'delivered')
  await expect(row.getByTestId('notice-delivered')).not.toHaveText('0')
  await expect(row.getByTestId('notice-read')).toHaveText('0')
  await expect(row.getByTestId('notice-answered')).toHaveText('0')

  const item = phone.locator('[data-test="m-notice-item"]', { hasText: title })
  await expect(item).toBeVisible()
  await item.click()
  await expect(phone.getByTestId('m-notice-title')).toHaveText(title)
  await expect(row.getByTestId('notice-read')).toHaveText('1')
  await shoot(page, 'notices-sent-zh-CN')
  await phone.context().close()
  await pc.context.close()
})

// zh-TW sends at once; en schedules the notice for the next full hour, so it waits as "scheduled".
for (const [locale, state] of [
  ['zh-TW', 'delivered'],
  ['en', 'scheduled'],
] as const) {
  test(`compose, preview and sent list read in ${locale} (${state})`, async ({ browser }) => {
    const title = `家长会通知 ${locale}`
    const pc = await openPc(browser, server.url, locale)
    await logIn(pc.page, TEACHER, DEMO_PASSWORD)
    await expectSynced(pc.page)
    const page = pc.page
    await page.getByTestId('menu-notices').click()
    await page.getByTestId('notice-add').click()
    await compose(page, title)
    await page.getByTestId('notice-cc-myself').click()
    await shoot(page, `notices-compose-${locale}`)
    await checkPreview(page, locale)
    if (state === 'scheduled') {
      await page.getByTestId('notice-send-later').click()
      await expect(page.getByTestId('notice-send-at').locator('input')).not.toHaveValue('')
    }
    await send(page, locale)
    await expect(noticeRow(page, title).getByTestId('notice-state')).toHaveAttribute('data-state', state)
    await shoot(page, `notices-sent-${locale}`)
    await page.locator('#tab-cc').click()
    await expect(noticeRow(page, title)).toBeVisible()
    await pc.context.close()
  })
}

test('an admin sees every notice of the school and may address the whole school; a teacher may not', async ({
  browser,
}) => {
  const pc = await openPc(browser, server.url, 'zh-CN')
  await logIn(pc.page, '13800000001', DEMO_PASSWORD)
  await expectSynced(pc.page)
  const page = pc.page
  await page.getByTestId('menu-notices').click()
  await page.locator('#tab-all').click()
  await expect(noticeRow(page, '春游通知（离线写）')).toBeVisible()
  await expect(noticeRow(page, '家长会通知 zh-TW').getByTestId('notice-state')).toHaveAttribute(
    'data-state',
    'delivered',
  )
  await expect(noticeRow(page, '家长会通知 en').getByTestId('notice-state')).toHaveAttribute(
    'data-state',
    'scheduled',
  )
  await shoot(page, 'notices-all-zh-CN')
  await page.getByTestId('notice-add').click()
  await page.getByTestId('notice-whole-school').click()
  await expect(page.getByTestId('notice-audience-size')).not.toHaveAttribute('data-total', '0')
  await pc.context.close()

  const teacher = await openPc(browser, server.url, 'zh-CN')
  await logIn(teacher.page, TEACHER, DEMO_PASSWORD)
  await teacher.page.getByTestId('menu-notices').click()
  await expect(teacher.page.locator('#tab-sent')).toBeVisible()
  await expect(teacher.page.locator('#tab-all')).toHaveCount(0)
  await teacher.page.getByTestId('notice-add').click()
  await expect(teacher.page.getByTestId('notice-recipients')).toBeVisible()
  await expect(teacher.page.getByTestId('notice-whole-school')).toHaveCount(0)
  await teacher.context.close()
})
