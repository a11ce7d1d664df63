// Issue 19 §8: errors nothing handled land in a local, scrubbed diagnostic log (IndexedDB in web mode) that the
// user menu exports as a file for school IT — without tokens, e-mail addresses or phone numbers.
import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { chooseLanguage, logIn, openPc, shoot } from './app.ts'
import { startServer, type RunningServer } from './server.ts'
import { ADMIN } from './demo-school.ts'

let server: RunningServer

test.beforeAll(async () => {
  server = await startServer()
})
test.afterAll(async () => {
  await server.stop()
})

interface ErrorPage {
  setTimeout(run: () => void, ms: number): void
  localStorage: { getItem(key: string): string | null }
}

/** An unhandled rejection and an uncaught exception, both carrying what must never leave the PC. */
async function failInThePage(page: Page): Promise<void> {
  await page.evaluate(() => {
    void Promise.reject(new Error('refresh failed: refreshToken=rt-secret-42 for li.ming@school.edu.mo'))
    ;(globalThis as unknown as ErrorPage).setTimeout(() => {
      throw new TypeError('call to 13800138000 failed with Bearer abc.def')
    }, 0)
  })
}

interface Report {
  app: { name: string }
  entries: { source: string; message: string; context: string }[]
}

async function exportDiagnostics(page: Page): Promise<{ text: string; report: Report }> {
  await page.getByTestId('user-menu').click()
  const download = page.waitForEvent('download')
  await page.getByTestId('export-diagnostics').click()
  const file = await (await download).path()
  const text = readFileSync(file, 'utf8')
  return { text, report: JSON.parse(text) as Report }
}

test('unhandled errors are logged scrubbed and exported from the user menu', async ({ browser }) => {
  const { context, page } = await openPc(browser, server.url, 'en')
  await logIn(page, ADMIN.account, ADMIN.password)
  await failInThePage(page)

  await page.getByTestId('user-menu').click()
  await expect(page.getByTestId('export-diagnostics')).toBeVisible()
  await shoot(page, 'diagnostics-user-menu-en')
  await page.keyboard.press('Escape')

  const { text, report } = await exportDiagnostics(page)
  expect(report.app.name).toBe('Campus Desk')
  // In whichever order the browser reported them.
  expect(report.entries).toHaveLength(2)
  expect(report.entries).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        source: 'unhandled-rejection',
        message: 'Error: refresh failed: refreshToken=[redacted] for [email]',
      }),
      expect.objectContaining({
        source: 'error',
        message: 'TypeError: call to [number] failed with Bearer [token]',
      }),
    ]),
  )
  const refreshToken = await page.evaluate(() =>
    (globalThis as unknown as ErrorPage).localStorage.getItem('campus-desk.secret.campus-desk.refresh-token'),
  )
  expect(refreshToken).toBeTruthy()
  for (const secret of ['rt-secret-42', 'li.ming', '13800138000', 'abc.def', refreshToken ?? '']) {
    expect(text).not.toContain(secret)
  }

  // The log lives on this PC: it is still there after a reload.
  await page.reload()
  await expect(page.getByTestId('side-menu')).toBeVisible()
  expect((await exportDiagnostics(page)).report.entries).toHaveLength(2)
  await context.close()
})

for (const locale of ['zh-CN', 'zh-TW'] as const) {
  test(`the export is offered in ${locale}`, async ({ browser }) => {
    const { context, page } = await openPc(browser, server.url, 'en')
    await logIn(page, ADMIN.account, ADMIN.password)
    await chooseLanguage(page, locale)
    await page.getByTestId('user-menu').click()
    await expect(page.getByTestId('export-diagnostics')).toHaveText(
      locale === 'zh-CN' ? '导出诊断信息' : '匯出診斷資訊',
    )
    await shoot(page, `diagnostics-user-menu-${locale}`)
    await context.close()
  })
}
