import {
  devices,
  expect,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from '@playwright/test'

export type Locale = 'zh-CN' | 'zh-TW' | 'en'
export const LOCALES: Locale[] = ['zh-CN', 'zh-TW', 'en']
export const SCREENSHOTS = 'e2e/screenshots'

/** One school PC: its own browser profile (own IndexedDB replica), showing the app in web mode. */
export interface Pc {
  context: BrowserContext
  page: Page
}

/** The app's language before its first page load (the app's own choice, remembered in localStorage). */
async function withLocale(context: BrowserContext, key: string, locale: Locale | undefined): Promise<void> {
  // Chromium's PDF viewer frames have no localStorage.
  if (locale)
    await context.addInitScript(([k, l]) => globalThis.localStorage?.setItem(k, l), [key, locale] as const)
}

/**
 * A school PC with the web app open. Its service worker is blocked unless a test is about it: with one installed,
 * Chromium's offline emulation (`context.setOffline`) let the app's pushes reach the server while the page saw them
 * fail, so "offline" edits were not offline.
 */
export async function openPc(
  browser: Browser,
  serverUrl: string,
  locale?: Locale,
  { serviceWorker = false } = {},
): Promise<Pc> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    serviceWorkers: serviceWorker ? 'allow' : 'block',
  })
  await withLocale(context, 'campus-desk.locale', locale)
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`page error: ${error.message}`))
  await page.goto(`${serverUrl}/app/`)
  return { context, page }
}

interface PrintingPage {
  print(): void
  document: { title: string }
  printedTitles: string[]
}

/**
 * Web mode prints with `window.print()`, which headless Chromium runs in the background: a `page.pdf()` taken while
 * it runs fails with "Page is already being printed". Record the app's print requests (with the title it set for
 * the file name) instead of printing.
 */
export async function recordPrints(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const page = globalThis as unknown as PrintingPage
    page.printedTitles = []
    page.print = () => void page.printedTitles.push(page.document.title)
  })
  return () => page.evaluate(() => (globalThis as unknown as PrintingPage).printedTitles)
}

/** A 390 px wide phone, the narrowest the mobile pages are drawn for. */
export const NARROW_PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
}

/** A phone (by default a Pixel 7) on the mobile pages `/m/` of the server. */
export async function openPhone(
  browser: Browser,
  serverUrl: string,
  locale?: Locale,
  phone: BrowserContextOptions = devices['Pixel 7'],
): Promise<Pc> {
  const context = await browser.newContext(phone)
  await withLocale(context, 'campus-desk.m.lang', locale)
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`phone page error: ${error.message}`))
  await page.goto(`${serverUrl}/m/login`)
  return { context, page }
}

export async function phoneLogIn(page: Page, account: string, password: string): Promise<void> {
  await page.getByTestId('m-account').fill(account)
  await page.getByTestId('m-password').fill(password)
  await page.getByTestId('m-submit').click()
}

/** Logs in through the account + password tab of the login page. */
export async function logIn(page: Page, account: string, password: string): Promise<void> {
  await expect(page.getByTestId('login-page')).toBeVisible()
  await page.getByTestId('login-tab-password').click()
  await page.getByTestId('login-account').fill(account)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-submit').click()
  // A limit, not a wait: opening the replica and the first screen took over 30 s at load 19 on 2 cores.
  await expect(page.getByTestId('side-menu')).toBeVisible({ timeout: 90_000 })
}

export async function chooseLanguage(page: Page, locale: Locale): Promise<void> {
  await page.getByTestId('language-switch').click()
  await page.getByTestId(`language-${locale}`).click()
  await expect(page.locator('html')).toHaveAttribute('lang', locale)
}

export function syncStatus(page: Page) {
  return page.getByTestId('sync-status')
}

/**
 * Synced with nothing pending. A large upload on a busy machine may take minutes: the wait goes on as long as the
 * pending count keeps falling, and fails when a whole minute passes without it falling.
 */
export async function expectSynced(page: Page): Promise<void> {
  const status = syncStatus(page)
  let pending = Number.POSITIVE_INFINITY
  for (;;) {
    try {
      await expect(status).toHaveAttribute('data-phase', 'synced', { timeout: 60_000 })
      break
    } catch (error) {
      const now = Number(await status.getAttribute('data-pending'))
      if (!(now < pending)) throw error
      pending = now
    }
  }
  await expect(status).toHaveAttribute('data-pending', '0')
}

/** Opens 科目 from the side menu (login lands on the home page). */
export async function openSubjects(page: Page): Promise<void> {
  await page.getByTestId('menu-subjects').click()
  await expect(page.getByTestId('subjects-page')).toBeVisible()
}

export function subjectRow(page: Page, name: string) {
  return page.getByTestId('subject-row').filter({ has: page.getByText(name, { exact: true }) })
}

export async function fillSubjectForm(page: Page, fields: { name?: string; code?: string }): Promise<void> {
  const dialog = page.getByTestId('subject-form-dialog')
  const name = page.getByTestId('subject-form-name')
  const code = page.getByTestId('subject-form-code')
  // The dialog focuses its first field once opened; typing before that could land in the wrong field.
  await expect(name).toBeFocused()
  if (fields.name !== undefined) await name.fill(fields.name)
  if (fields.code !== undefined) await code.fill(fields.code)
  if (fields.name !== undefined) await expect(name).toHaveValue(fields.name)
  if (fields.code !== undefined) await expect(code).toHaveValue(fields.code)
  await page.getByTestId('subject-form-submit').click()
  await expect(dialog).toBeHidden()
}

export async function renameSubject(page: Page, from: string, to: string): Promise<void> {
  await subjectRow(page, from).getByTestId('subject-edit').click()
  await fillSubjectForm(page, { name: to })
}

/** A screenshot with transitions finished, so popovers and drawers are captured as the user sees them at rest. */
export async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, animations: 'disabled' })
}

/** Opens a route of the app by its hash (`#/questions`), as a link would. */
export async function openRoute(page: Page, hash: string): Promise<void> {
  await page.evaluate((path) => {
    ;(globalThis as unknown as { location: { hash: string } }).location.hash = path
  }, hash)
}

/** Picks an option of an Element Plus select by its visible text. */
export async function choose(page: Page, select: Locator, option: string): Promise<void> {
  await select.click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: option }).first().click()
  await expect(select).toContainText(option)
}
