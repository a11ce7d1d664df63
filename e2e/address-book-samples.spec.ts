// Walk point 7: the import dialogs offer realistic sample files; a newcomer downloads each from the dialog and
// imports them into the demo school in order — staff, classes, then the students sample with mistakes (reported,
// nothing written) and the clean one.
import { mkdirSync, readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { expectSynced, logIn, openPc, openRoute, SCREENSHOTS, shoot, type Locale } from './app.ts'
import { startServer, type RunningServer } from './server.ts'

let server: RunningServer

test.beforeAll(async () => {
  server = await startServer()
  mkdirSync(SCREENSHOTS, { recursive: true })
})
test.afterAll(async () => server.stop())

/** Clicks a sample link of the open import dialog and gives the file the browser saved. */
async function downloadSample(page: Page, label: 'sample' | 'sampleWithErrors'): Promise<Buffer> {
  const download = page.waitForEvent('download')
  await page.getByTestId(`import-${label}`).click()
  const path = await (await download).path()
  return readFileSync(path)
}

async function importSample(page: Page, label: 'sample' | 'sampleWithErrors'): Promise<void> {
  const data = await downloadSample(page, label)
  const chooser = page.waitForEvent('filechooser')
  await page.getByTestId('import-choose').click()
  await (
    await chooser
  ).setFiles({
    name: `${label}.xlsx`,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: data,
  })
}

async function submitImport(page: Page): Promise<void> {
  await expect(page.getByTestId('import-total-errors')).toHaveText('0')
  await page.getByTestId('import-submit').click()
  await expect(page.getByTestId('import-dialog')).toBeHidden({ timeout: 60_000 })
}

test('the sample files import into the demo school, the one with mistakes is reported row by row', async ({
  browser,
}) => {
  const { page } = await openPc(browser, server.url, 'zh-CN')
  await logIn(page, '13800000001', 'demo-2026')
  await expectSynced(page)

  await openRoute(page, '/staff-directory')
  await page.getByTestId('staff-import').click()
  await expect(page.getByTestId('import-samples')).toBeVisible()
  await importSample(page, 'sample')
  await expect(page.getByTestId('import-total-rows')).toHaveText('11')
  await expect(page.getByTestId('import-total-updated')).toHaveText('1')
  await shoot(page, 'address-book-samples-staff-zh-CN')
  await submitImport(page)

  await openRoute(page, '/home-school')
  await page.getByTestId('import-open').click()
  await page.locator('[data-test="import-classes"]:visible').click()
  await importSample(page, 'sample')
  await expect(page.getByTestId('import-total-created')).toHaveText('2')
  await submitImport(page)

  await page.getByTestId('import-open').click()
  await page.locator('[data-test="import-students"]:visible').click()
  await importSample(page, 'sampleWithErrors')
  await expect(page.getByTestId('import-total-errors')).toHaveText('6')
  await expect(page.getByTestId('import-submit')).toBeDisabled()
  await shoot(page, 'address-book-samples-errors-zh-CN')
  await importSample(page, 'sample')
  await expect(page.getByTestId('import-total-created')).toHaveText('49')
  await submitImport(page)
  await expectSynced(page)
})

for (const locale of ['zh-TW', 'en'] as Locale[]) {
  test(`the sample links read in ${locale}`, async ({ browser }) => {
    const { page } = await openPc(browser, server.url, locale)
    await logIn(page, '13800000001', 'demo-2026')
    await openRoute(page, '/home-school')
    await page.getByTestId('import-open').click()
    await page.locator('[data-test="import-students"]:visible').click()
    await expect(page.getByTestId('import-sampleWithErrors')).toBeVisible()
    await shoot(page, `address-book-samples-students-${locale}`)
  })
}
