// AB-5 promotion: an admin uploads the sample B08 structure and B01 registration (with anomalies) of
// docs/samples/, sees the preview with its anomalies, exports it, applies it in one step, and finds the update
// log and the students in their new classes.
import { mkdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { expect, test, type Page } from '@playwright/test'
import { SAMPLE_FILES } from '../domain/org/promotion/samples.ts'
import { readTables } from '../renderer/src/ui/excel/workbook.ts'
import { expectSynced, logIn, openPc, SCREENSHOTS, shoot, type Locale } from './app.ts'
import { startServer } from './server.ts'
import { ADMIN } from './demo-school.ts'

const SAMPLES = 'docs/samples'

test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }))

async function upload(page: Page, button: string, file: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser')
  await page.getByTestId(button).click()
  await (await chooser).setFiles(`${SAMPLES}/${file}`)
}

function studentRow(page: Page, studentNo: string) {
  return page.getByTestId('promotion-row').filter({ hasText: studentNo })
}

const CASES: { locale: Locale; words: { moved: string; unchanged: string; unknownClass: string } }[] = [
  { locale: 'zh-TW', words: { moved: '升班', unchanged: '不變', unknownClass: '班級代碼 C2026-09 不存在' } },
  {
    locale: 'en',
    words: { moved: 'Moved', unchanged: 'Unchanged', unknownClass: 'Unknown class code C2026-09' },
  },
]

for (const { locale, words } of CASES) {
  test(`an admin promotes the demo school from the sample files (${locale})`, async ({ browser }) => {
    // A fresh demo school per language: applying changes it.
    const server = await startServer()
    try {
      const { page, context } = await openPc(browser, server.url, locale)
      await logIn(page, ADMIN.account, ADMIN.password)
      await expectSynced(page)
      await page.getByTestId('menu-promotion').click()
      await expect(page.getByTestId('promotion-page')).toBeVisible()

      await upload(page, 'promotion-upload-structure', SAMPLE_FILES.structure)
      await expect(page.getByTestId('promotion-class-status')).toHaveCount(6)
      await expect(page.getByTestId('promotion-absent-classes')).toContainText('初一(1)班')
      await shoot(page, `promotion-structure-${locale}`)

      await upload(page, 'promotion-upload-registration', SAMPLE_FILES.registrationWithAnomalies)
      await expect(page.getByTestId('promotion-count-anomalies')).toContainText('6')
      await expect(page.getByTestId('promotion-count-moved')).toContainText('9')
      await expect(page.getByTestId('promotion-summary-warning').first()).toBeVisible()
      await shoot(page, `promotion-preview-${locale}`)

      await page.getByTestId('promotion-filter-anomaly').click()
      await expect(page.getByTestId('promotion-row')).toHaveCount(6)
      await expect(studentRow(page, '20267104').getByTestId('promotion-row-reasons')).toHaveText(
        words.unknownClass,
      )
      await shoot(page, `promotion-anomalies-${locale}`)

      const download = page.waitForEvent('download')
      await page.getByTestId('promotion-export').click()
      const exported = await (await download).path()
      const sheets = await readTables(new Uint8Array(await readFile(exported)))
      expect(sheets.map((sheet) => sheet.rows.length)).toEqual([9, 18, 11])

      await page.getByTestId('promotion-apply').click()
      await expect(page.locator('.el-message-box')).toBeVisible()
      await shoot(page, `promotion-confirm-${locale}`)
      await page.locator('.el-message-box .el-button--primary').click()
      await expect(page.getByTestId('promotion-apply')).toBeDisabled()
      await expectSynced(page)

      // The same files again: every student now in their new class, nothing left to apply.
      await page.getByTestId('promotion-filter-all').click()
      const chen = studentRow(page, '20267101')
      await expect(chen.getByTestId('promotion-row-status')).toHaveText(words.unchanged)
      await expect(chen).toContainText('初二(1)班 · C2026-01')
      await page.getByTestId('promotion-filter-missing').click()
      await expect(studentRow(page, '20258103').getByTestId('promotion-row-reasons')).toContainText(
        /\d{4}-\d{2}-\d{2}/,
      )

      await page.locator('#tab-log').click()
      await expect(page.getByTestId('promotion-log-counts')).toHaveCount(1)
      await expect(page.getByTestId('promotion-log')).toContainText('王校长')
      await expect(page.getByTestId('promotion-log')).toContainText(SAMPLE_FILES.registrationWithAnomalies)
      await shoot(page, `promotion-log-${locale}`)
      await context.close()
    } finally {
      await server.stop()
    }
  })
}
