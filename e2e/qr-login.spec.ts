// QR login (DESIGN §6, AUTH-2): a desktop and a phone (Pixel 7) against a real sync server.
import { mkdirSync } from 'node:fs'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { openPc, openPhone, phoneLogIn, SCREENSHOTS, shoot, type Locale, type Pc } from './app.ts'
import { startServer, type RunningServer } from './server.ts'
import { TEACHER } from './demo-school.ts'

const SHOT_LOCALES: Locale[] = ['zh-CN', 'en']
/** Short enough to watch a code expire, long enough for a loaded machine's phone to confirm a fresh one. */
const SHORT_TTL_MS = 8_000

const qrState = (page: Page) => page.getByTestId('qr-state')
const qrImage = (page: Page) => page.getByTestId('qr-image')

async function scanUrlOf(desktop: Page): Promise<string> {
  await expect(qrState(desktop)).toHaveAttribute('data-state', /^(pending|expired)$/)
  const url = await qrImage(desktop).getAttribute('data-scan-url')
  expect(url).toMatch(/\/m\/qr\/[A-Za-z0-9_-]+$/)
  return url ?? ''
}

let pcs: Pc[] = []

/** The desktop (d) and the phone (p) of one test, closed after it. */
async function openDesktopAndPhone(
  browser: Browser,
  url: string,
  locale: Locale,
): Promise<{ d: Page; p: Page }> {
  const desktop = await openPc(browser, url, locale)
  const phone = await openPhone(browser, url, locale)
  pcs = [desktop, phone]
  return { d: desktop.page, p: phone.page }
}
test.beforeAll(() => mkdirSync(SCREENSHOTS, { recursive: true }))
test.afterEach(async () => {
  for (const pc of pcs) await pc.context.close()
  pcs = []
})

test.describe('with the usual ticket lifetime', () => {
  let server: RunningServer
  test.beforeAll(async () => {
    server = await startServer()
  })
  test.afterAll(async () => server.stop())

  for (const locale of SHOT_LOCALES) {
    test(`the phone confirms and the desktop opens as that user, with that user's data (${locale})`, async ({
      browser,
    }) => {
      const { d, p } = await openDesktopAndPhone(browser, server.url, locale)

      // The QR tab is the default; the code counts down.
      await expect(qrImage(d)).toBeVisible()
      await expect(d.getByTestId('qr-countdown')).toHaveText(/\d+/)
      const scanUrl = await scanUrlOf(d)
      await shoot(d, `qr-pending-${locale}`)

      await expect(p.getByTestId('m-login-form')).toBeVisible()
      await shoot(p, `phone-login-${locale}`)
      await phoneLogIn(p, TEACHER.account, TEACHER.password)
      await expect(p.getByTestId('m-home')).toBeVisible()
      await expect(p.getByTestId('m-user-name')).toHaveText(TEACHER.name)
      await p.goto(scanUrl)
      await expect(p.getByTestId('m-qr-confirm')).toBeVisible()
      await expect(p.getByTestId('m-qr-device')).toContainText('Campus Desk')
      await shoot(p, `phone-qr-confirm-${locale}`)

      await expect(qrState(d)).toHaveAttribute('data-state', 'scanned')
      await expect(d.getByTestId('qr-scanned-by')).toHaveText(TEACHER.name)
      await shoot(d, `qr-scanned-${locale}`)

      await p.getByTestId('m-qr-confirm').click()
      await expect(p.getByTestId('m-qr-result')).toHaveAttribute('data-state', 'confirmed')
      await shoot(p, `phone-qr-confirmed-${locale}`)

      await expect(d.getByTestId('side-menu')).toBeVisible()
      await expect(d.getByTestId('user-name')).toHaveText(TEACHER.name)
      await expect(d.getByTestId('home-page')).toBeVisible()
      await shoot(d, `qr-logged-in-${locale}`)
    })

    test(`a phone that rejects leaves the desktop logged out, with a new code on request (${locale})`, async ({
      browser,
    }) => {
      const { d, p } = await openDesktopAndPhone(browser, server.url, locale)
      const scanUrl = await scanUrlOf(d)

      // A logged-out phone is sent to the login page and back to the code.
      await p.goto(scanUrl)
      await expect(p).toHaveURL(/\/m\/login\?next=/)
      await phoneLogIn(p, TEACHER.account, TEACHER.password)
      await expect(p).toHaveURL(scanUrl)
      await p.getByTestId('m-qr-reject').click()
      await expect(p.getByTestId('m-qr-result')).toHaveAttribute('data-state', 'rejected')
      await shoot(p, `phone-qr-rejected-${locale}`)

      await expect(qrState(d)).toHaveAttribute('data-state', 'rejected')
      await expect(d.getByTestId('login-page')).toBeVisible()
      await shoot(d, `qr-rejected-${locale}`)
      await d.getByTestId('qr-refresh').click()
      await expect(qrState(d)).toHaveAttribute('data-state', 'pending')
      expect(await scanUrlOf(d)).not.toBe(scanUrl)
    })
  }
})

test.describe('with an 8-second ticket lifetime', () => {
  let server: RunningServer
  test.beforeAll(async () => {
    server = await startServer({ QR_TICKET_TTL_MS: String(SHORT_TTL_MS) })
  })
  test.afterAll(async () => server.stop())

  for (const locale of SHOT_LOCALES) {
    test(`an expired code is replaced by a fresh one by itself (${locale})`, async ({ browser }) => {
      const { d, p } = await openDesktopAndPhone(browser, server.url, locale)
      const first = await scanUrlOf(d)

      await expect(qrState(d)).toHaveAttribute('data-state', 'expired', { timeout: 30_000 })
      await expect(qrImage(d)).not.toHaveAttribute('data-scan-url', first)
      await expect(d.getByTestId('qr-countdown')).toBeVisible()
      await shoot(d, `qr-expired-${locale}`)

      // The old code is dead on the phone too.
      await phoneLogIn(p, TEACHER.account, TEACHER.password)
      await expect(p.getByTestId('m-home')).toBeVisible()
      await p.goto(first)
      await expect(p.getByTestId('m-qr-result')).toHaveAttribute('data-state', 'expired')
      await shoot(p, `phone-qr-expired-${locale}`)

      // A fresh code works: one just shown, so that the phone has its whole lifetime to confirm it.
      const shown = await scanUrlOf(d)
      await expect(qrImage(d)).not.toHaveAttribute('data-scan-url', shown, { timeout: 4 * SHORT_TTL_MS })
      const fresh = await scanUrlOf(d)
      await p.goto(fresh)
      await p.getByTestId('m-qr-confirm').click()
      await expect(d.getByTestId('user-name')).toHaveText(TEACHER.name)
    })
  }
})
