// Issue 17 in the app: an admin arranges the demo school's plan automatically, sees the search's progress, applies
// the result, generates the timetable and the week view shows the arranged lessons. The dialog is shot in the
// three languages.
import { mkdirSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { choose, expectSynced, logIn, openPc, SCREENSHOTS, shoot, type Locale } from './app.ts'
import { startServer, type RunningServer } from './server.ts'
import { ADMIN, SEEDED_TERM } from './demo-school.ts'

const CLASS_1 = '初一(1)班'

let server: RunningServer

test.beforeAll(async () => {
  server = await startServer({ DEMO_TIMETABLE: '1' })
  mkdirSync(SCREENSHOTS, { recursive: true })
})
test.afterAll(async () => server.stop())

async function openSeededTerm(page: Page, target: 'term-plan-open' | 'term-timetable-open'): Promise<void> {
  await page.getByTestId('menu-terms').click()
  await page.getByTestId('term-row').filter({ hasText: SEEDED_TERM }).getByTestId(target).click()
}

/** Opens the arrange dialog of the seeded term and runs the search to its end. */
async function arrange(page: Page): Promise<void> {
  await openSeededTerm(page, 'term-plan-open')
  await expect(page.getByTestId('plan-page')).toBeVisible()
  await page.getByTestId('plan-arrange').click()
  const dialog = page.getByTestId('arrange-dialog')
  await expect(dialog.getByTestId('arrange-counts')).toBeVisible()
  await dialog.getByTestId('arrange-start').click()
  await expect(dialog.getByTestId('arrange-progress')).toBeVisible()
  await expect(dialog.getByTestId('arrange-outcome')).toBeVisible({ timeout: 90_000 })
}

test('an admin arranges the demo school automatically, applies it, and the week view shows it', async ({
  browser,
}) => {
  // The demo school's ~3,200 timetable documents sync first, then a search, two bulk writes and generating.
  test.slow()
  const { page } = await openPc(browser, server.url, 'zh-CN')
  await logIn(page, ADMIN.account, ADMIN.password)
  await expectSynced(page)
  await arrange(page)
  const dialog = page.getByTestId('arrange-dialog')
  await expect(dialog.getByTestId('arrange-outcome')).toContainText('全部排好')
  const progress = dialog.getByTestId('arrange-progress')
  await expect(progress).toContainText(/已排 (\d+) \/ \1 节/)

  await choose(page, dialog.getByTestId('arrange-preview-class'), CLASS_1)
  const previewMondayFirst = dialog.locator(
    '[data-test="arrange-preview"] [data-test="grid-cell"][data-column="1"]',
  )
  const subject = (await previewMondayFirst.first().locator('.subject').innerText()).trim()
  expect(subject).not.toBe('')

  await dialog.getByTestId('arrange-apply').click()
  await page.locator('.el-message-box__btns .el-button--primary').click()
  await expect(dialog).toBeHidden({ timeout: 150_000 })

  await page.getByTestId('plan-generate').click()
  await page.getByTestId('generate-submit').click()
  await expect(page.getByTestId('generate-dialog')).toBeHidden()
  await expectSynced(page)

  // Next week is generated whole (generating starts today): its Monday first period is the arranged one.
  await openSeededTerm(page, 'term-timetable-open')
  await expect(page.getByTestId('filter-class')).toContainText(CLASS_1)
  await page.getByTestId('week-next').click()
  const monday = await page.getByTestId('grid-column').first().getAttribute('data-key')
  const mondayFirst = page.locator(`[data-test="grid-cell"][data-column="${monday}"]`).first()
  await expect(mondayFirst.getByTestId('lesson')).toContainText(subject)
  await shoot(page, 'timetable-arranged-week-zh-CN')
})

const LOCALES: Locale[] = ['zh-CN', 'zh-TW', 'en']
for (const locale of LOCALES) {
  test(`the arrange dialog in ${locale}`, async ({ browser }) => {
    const { page } = await openPc(browser, server.url, locale)
    await page.setViewportSize({ width: 1280, height: 1000 })
    await logIn(page, ADMIN.account, ADMIN.password)
    await expectSynced(page)
    await arrange(page)
    await shoot(page, `plan-arrange-${locale}`)
  })
}
