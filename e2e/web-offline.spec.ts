// PLAT-6 web mode offline-first: once a browser has opened /app/, the service worker keeps the whole app on the
// PC, so it reloads and opens every screen with no network; edits made meanwhile sync when it comes back. A new
// build deployed on the server is offered as "reload to update", never applied under the user's hands.
import { createHash } from 'node:crypto'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { expectSynced, fillSubjectForm, logIn, openPc, shoot, subjectRow, syncStatus } from './app.ts'
import { startServer, type RunningServer } from './server.ts'
import { ADMIN } from './demo-school.ts'

const TEACHER = { account: '13800000004', password: 'demo-2026' }
const EDITS = { subject: '天文', location: '天文台', event: '观星夜' }

let server: RunningServer
let rendererDir: string

test.beforeAll(async () => {
  // A copy of the build, so that a test can deploy a "new" one under the running server.
  rendererDir = mkdtempSync(join(tmpdir(), 'campus-desk-renderer-'))
  cpSync('out/renderer', rendererDir, { recursive: true })
  server = await startServer({ RENDERER_DIR: rendererDir })
})
test.afterAll(async () => {
  await server.stop()
  rmSync(rendererDir, { recursive: true, force: true })
})

/** What the tests read of the page's service worker (the e2e code is typed without the DOM library). */
interface ServiceWorkerPage {
  navigator: {
    serviceWorker: {
      ready: Promise<{ active: { state: string } | null }>
      getRegistration(): Promise<{ update(): Promise<unknown> } | undefined>
    }
  }
}

/** The service worker has kept the whole build (it is active once its precache is complete). */
async function appKeptOnThisPc(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(
        async () =>
          (await (globalThis as unknown as ServiceWorkerPage).navigator.serviceWorker.ready).active?.state,
      ),
    )
    .toBe('activated')
}

/**
 * No network for this PC. Chromium's offline emulation alone lets requests that pass the service worker reach the
 * server, so the API is also refused at the context's router.
 */
async function goOffline(context: BrowserContext): Promise<void> {
  await context.setOffline(true)
  await context.route('**/api/**', (route) => route.abort('internetdisconnected'))
}

async function goOnline(context: BrowserContext): Promise<void> {
  await context.unroute('**/api/**')
  await context.setOffline(false)
}

async function openEveryScreen(page: Page): Promise<string[]> {
  const items = page.getByTestId('side-menu').locator('li[data-test^="menu-"]')
  const names: string[] = []
  for (let i = 0; i < (await items.count()); i++) {
    const item = items.nth(i)
    const title = (await item.locator('.menu-title').innerText()).trim()
    await item.click()
    await expect(page.getByTestId('page-title')).toHaveText(title)
    await expect(page.locator('.el-message-box')).toHaveCount(0)
    names.push(title)
  }
  return names
}

async function editThreeScreens(page: Page): Promise<void> {
  await page.getByTestId('menu-subjects').click()
  await page.getByTestId('subject-add').click()
  await fillSubjectForm(page, { name: EDITS.subject, code: 'astro' })

  await page.getByTestId('menu-locations').click()
  await page.getByTestId('location-add').click()
  await expect(page.getByTestId('location-form-name')).toBeFocused()
  await page.getByTestId('location-form-name').fill(EDITS.location)
  await page.getByTestId('location-form-submit').click()
  await expect(page.getByTestId('location-form-dialog')).toBeHidden()

  await page.getByTestId('menu-calendar').click()
  await page.getByTestId('calendar-add').click()
  await expect(page.getByTestId('calendar-form-title')).toBeFocused()
  await page.getByTestId('calendar-form-title').fill(EDITS.event)
  const dates = page.getByTestId('calendar-form-dialog').locator('.el-range-input')
  await dates.nth(0).fill('2026-12-10')
  await dates.nth(1).fill('2026-12-10')
  await dates.nth(1).press('Enter')
  await page.getByTestId('calendar-form-submit').click()
  await expect(page.getByTestId('calendar-form-dialog')).toBeHidden()
}

async function expectEdits(page: Page): Promise<void> {
  await page.getByTestId('menu-subjects').click()
  await expect(subjectRow(page, EDITS.subject)).toBeVisible()
  await page.getByTestId('menu-locations').click()
  await page.getByTestId('location-search').fill(EDITS.location)
  await expect(page.getByTestId('location-row').filter({ hasText: EDITS.location })).toBeVisible()
  await page.getByTestId('menu-calendar').click()
  await expect(page.getByTestId('calendar-row').filter({ hasText: EDITS.event })).toBeVisible()
}

test('with no network the app reloads, opens every screen for the first time, keeps edits, and syncs them later', async ({
  browser,
}) => {
  const pc = await openPc(browser, server.url, undefined, { serviceWorker: true })
  const { page, context } = pc
  await logIn(page, ADMIN.account, ADMIN.password)
  await expectSynced(page)
  await appKeptOnThisPc(page)

  await goOffline(context)
  await page.reload()
  await expect(page.getByTestId('side-menu')).toBeVisible()
  await expect(syncStatus(page)).toHaveAttribute('data-phase', 'offline')
  const screens = await openEveryScreen(page)
  expect(screens.length).toBeGreaterThanOrEqual(10)

  await editThreeScreens(page)
  await expect(syncStatus(page)).toHaveAttribute('data-pending', '3')
  await page.reload()
  await expect(syncStatus(page)).toHaveAttribute('data-phase', 'offline')
  await expect(syncStatus(page)).toHaveAttribute('data-pending', '3')
  await expectEdits(page)
  await shoot(page, 'web-offline-edits-zh-CN')

  await goOnline(context)
  await expectSynced(page)
  const other = await openPc(browser, server.url, 'en')
  await logIn(other.page, TEACHER.account, TEACHER.password)
  await expectSynced(other.page)
  await expectEdits(other.page)
  await other.context.close()
  await context.close()
})

/** Deploys a "new build": index.html changes, and so does its revision in the service worker's precache list. */
function deployNewBuild(marker: string): void {
  const indexFile = join(rendererDir, 'index.html')
  const swFile = join(rendererDir, 'sw.js')
  const md5 = (text: string) => createHash('md5').update(text).digest('hex')
  const index = readFileSync(indexFile, 'utf8')
  const next = index.replace('</head>', `<meta name="campus-desk-build" content="${marker}" /></head>`)
  writeFileSync(indexFile, next)
  writeFileSync(swFile, readFileSync(swFile, 'utf8').replace(md5(index), md5(next)))
}

test('a build deployed while the app is open is offered as "reload to update", and applied on request', async ({
  browser,
}) => {
  const pc = await openPc(browser, server.url, 'zh-TW', { serviceWorker: true })
  const { page } = pc
  await logIn(page, ADMIN.account, ADMIN.password)
  await appKeptOnThisPc(page)
  await expect(page.getByTestId('web-update')).toHaveCount(0)

  deployNewBuild('2')
  await page.evaluate(async () => {
    const worker = (globalThis as unknown as ServiceWorkerPage).navigator.serviceWorker
    await (await worker.getRegistration())?.update()
  })
  await expect(page.getByTestId('web-update')).toBeVisible()
  await shoot(page, 'web-update-zh-TW')
  await page.getByTestId('web-update-reload').click()
  await expect(page.locator('meta[name="campus-desk-build"]')).toHaveAttribute('content', '2')
  await expect(page.getByTestId('side-menu')).toBeVisible()
  await pc.context.close()
})
