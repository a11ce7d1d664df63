// Issue 17: the seeded term's plan exported as .fet, imported back in place of the plan (every entry replaced by
// the file's), and the plan shows the same lessons; the import preview in the three languages.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { choose, chooseLanguage, expectSynced, logIn, openPc, SCREENSHOTS, shoot } from './app.ts'
import { startServer, type RunningServer } from './server.ts'
import { ADMIN, SEEDED_TERM } from './demo-school.ts'

const CLASS_1 = '初一(1)班'

let server: RunningServer

test.beforeAll(async () => {
  server = await startServer({ DEMO_TIMETABLE: '1' })
  mkdirSync(SCREENSHOTS, { recursive: true })
})
test.afterAll(async () => server.stop())

async function planTexts(page: Page): Promise<string[]> {
  const cells = page.locator('[data-test="grid-cell"]')
  const texts = await cells.evaluateAll((nodes) =>
    nodes.map((node) => `${node.getAttribute('data-column')}:${node.textContent?.trim() ?? ''}`),
  )
  return texts
}

async function openImport(page: Page, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser')
  await page.getByTestId('plan-fet-import').click()
  await (await chooser).setFiles(file)
  await expect(page.getByTestId('fet-import-dialog')).toBeVisible()
}

test('the plan exported as .fet and imported back shows the same lessons', async ({ browser }, testInfo) => {
  const { page } = await openPc(browser, server.url, 'zh-CN')
  await logIn(page, ADMIN.account, ADMIN.password)
  await expectSynced(page)
  await page.getByTestId('menu-terms').click()
  await page.getByTestId('term-row').filter({ hasText: SEEDED_TERM }).getByTestId('term-plan-open').click()
  await expect(page.getByTestId('plan-page')).toBeVisible()
  await choose(page, page.getByTestId('filter-class'), CLASS_1)
  await expect(page.getByTestId('plan-entry').first()).toBeVisible()
  const before = await planTexts(page)
  const lessonsOfClass = await page.getByTestId('plan-entry').count()

  const download = page.waitForEvent('download')
  await page.getByTestId('plan-fet-export').click()
  const file = join(testInfo.outputDir, (await download).suggestedFilename())
  expect(file).toMatch(/demo-2026-2027学年第一学期\.fet$/)
  await (await download).saveAs(file)

  for (const locale of ['zh-TW', 'en', 'zh-CN'] as const) {
    await chooseLanguage(page, locale)
    await openImport(page, file)
    await expect(page.getByTestId('fet-import-not-placed')).toHaveText('0')
    await shoot(page, `timetable-fet-import-${locale}`)
    await page
      .getByTestId('fet-import-dialog')
      .getByRole('button', { name: /取消|Cancel/ })
      .click()
    await expect(page.getByTestId('fet-import-dialog')).toBeHidden()
  }

  await openImport(page, file)
  const lessons = Number(await page.getByTestId('fet-import-lessons').textContent())
  expect(lessons).toBeGreaterThan(lessonsOfClass)
  await page.getByTestId('fet-import-replace').click()
  await page.getByTestId('fet-import-apply').click()
  await expect(page.getByTestId('fet-import-dialog')).toBeHidden()
  await expect(page.getByTestId('plan-entry')).toHaveCount(lessonsOfClass)
  expect(await planTexts(page)).toEqual(before)
})
