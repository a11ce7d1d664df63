// Signed-in devices (issue 11 §10, AUTH-6): a PC lists the user's devices and signs another PC out, which goes back to
// the login at once; the phone pages show the same list.
import { mkdirSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { chooseLanguage, logIn, openPc, phoneLogIn, SCREENSHOTS, shoot, type Locale } from './app.ts'
import { startServer, type RunningServer } from './server.ts'
import { ADMIN, TEACHER } from './demo-school.ts'

/** The phone test's own account: the server (and the teacher's sessions) is shared by both tests. */

let server: RunningServer

test.beforeAll(async () => {
  server = await startServer()
  mkdirSync(SCREENSHOTS, { recursive: true })
})
test.afterAll(async () => server.stop())

async function openDevices(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click()
  await page.getByTestId('user-devices').click()
  const dialog = page.getByTestId('devices-dialog')
  await expect(dialog).toBeVisible()
  await expect(dialog.locator('.el-loading-mask')).toHaveCount(0)
}

test('a PC lists both signed-in PCs and signs the other out, which returns to the login', async ({
  browser,
}) => {
  const errors: string[] = []
  const [first, second] = [
    await openPc(browser, server.url, 'zh-CN'),
    await openPc(browser, server.url, 'zh-CN'),
  ]
  first.page.on('console', (m) => void (m.type() === 'error' && errors.push(m.text())))
  await logIn(first.page, TEACHER.account, TEACHER.password)
  await logIn(second.page, TEACHER.account, TEACHER.password)

  await openDevices(first.page)
  const rows = first.page.getByTestId('device-row')
  await expect(rows).toHaveCount(2)
  await expect(rows.filter({ has: first.page.getByTestId('device-current') })).toHaveCount(1)
  await expect(rows.getByTestId('device-address').first()).toHaveText(/来自 (::ffff:)?127\.0\.0\.1|来自 ::1/)
  await shoot(first.page, 'devices-dialog-zh-CN')

  await first.page
    .locator('[data-test="device-row"][data-current="false"]')
    .getByTestId('device-sign-out')
    .click()
  await expect(rows).toHaveCount(1)
  await expect(second.page.getByTestId('login-page')).toBeVisible({ timeout: 30_000 })
  await expect(first.page.getByTestId('side-menu')).toBeVisible()

  for (const locale of ['zh-TW', 'en'] as Locale[]) {
    await first.page.keyboard.press('Escape')
    await expect(first.page.getByTestId('devices-dialog')).toBeHidden()
    await chooseLanguage(first.page, locale)
    await openDevices(first.page)
    await expect(rows).toHaveCount(1)
    await shoot(first.page, `devices-dialog-${locale}`)
  }
  expect(errors.filter((e) => /Maximum call stack|Failed to resolve component/.test(e))).toEqual([])
  await first.context.close()
  await second.context.close()
})

test('the phone pages list the devices and sign all others out', async ({ browser }) => {
  const pc = await openPc(browser, server.url, 'zh-CN')
  await logIn(pc.page, ADMIN.account, ADMIN.password)
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  })
  const phone = await context.newPage()
  await phone.goto(`${server.url}/m/login`)
  await phoneLogIn(phone, ADMIN.account, ADMIN.password)
  const section = phone.getByTestId('m-devices')
  await expect(section.getByTestId('m-device')).toHaveCount(2)
  await expect(section.getByTestId('m-device-address')).toHaveCount(2)
  await section.scrollIntoViewIfNeeded()
  await shoot(phone, 'devices-phone-zh-CN')
  await phone.getByTestId('m-devices-sign-out-others').click()
  await expect(section.getByTestId('m-device')).toHaveCount(1)
  await expect(pc.page.getByTestId('login-page')).toBeVisible({ timeout: 30_000 })
  await context.close()
  await pc.context.close()
})
