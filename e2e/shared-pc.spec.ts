// Shared-PC safety (AUTH-5): logout locks the replica, switching user, removing my data, idle lock.
import { mkdirSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import {
  chooseLanguage,
  expectSynced,
  fillSubjectForm,
  logIn,
  openPc,
  openSubjects,
  SCREENSHOTS,
  shoot,
  subjectRow,
  type Locale,
  type Pc,
} from './app.ts'
import { startServer, type RunningServer } from './server.ts'

const DEMO_ADMIN = { account: '13800000001', password: 'demo-2026', name: '王校长', id: 'demo-staff-wang' }
const DEMO2_ADMIN = { account: '13800000101', password: 'demo-2026', name: '赵校长' }

/** The few browser globals these tests touch inside the page (e2e code is typed without the DOM library). */
interface PageGlobals {
  indexedDB: { databases(): Promise<{ name?: string }[]> }
  document: { body: unknown; querySelectorAll(selector: string): Iterable<{ textContent: string | null }> }
  MutationObserver: new (record: () => void) => { observe(target: unknown, options: object): void }
  seenSubjectRows?: Set<string>
}

let server: RunningServer
let pc: Pc

test.beforeAll(async () => {
  server = await startServer()
  mkdirSync(SCREENSHOTS, { recursive: true })
})
test.afterAll(async () => server.stop())
test.beforeEach(async ({ browser }) => {
  pc = await openPc(browser, server.url)
})
test.afterEach(async () => pc.context.close())

async function userMenu(page: Page, item: string): Promise<void> {
  await page.getByTestId('user-menu').click()
  await page.getByTestId(item).click()
}

/** The IndexedDB databases of this browser profile that belong to a user's replica. */
async function replicaStores(page: Page, userId: string): Promise<string[]> {
  const names = await page.evaluate(async () => {
    const databases = await (globalThis as unknown as PageGlobals).indexedDB.databases()
    return databases.map((db) => db.name ?? '')
  })
  return names.filter((name) => name.includes(`_${userId}`))
}

/** Records every subject name that appears on screen from now on, even for a moment. */
async function watchSubjectRows(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const page = globalThis as unknown as PageGlobals
    const seen = new Set<string>()
    const record = () => {
      for (const row of page.document.querySelectorAll('[data-test="subject-row"]'))
        seen.add(row.textContent ?? '')
    }
    new page.MutationObserver(record).observe(page.document.body, { childList: true, subtree: true })
    page.seenSubjectRows = seen
  })
  return () => page.evaluate(() => [...((globalThis as unknown as PageGlobals).seenSubjectRows ?? [])])
}

test('logout locks the replica; the next user sees only their own school, never a flash of the previous one', async () => {
  const { page } = pc
  await logIn(page, DEMO_ADMIN.account, DEMO_ADMIN.password)
  await openSubjects(page)
  await expect(subjectRow(page, '物理')).toBeVisible()

  await userMenu(page, 'logout')
  await expect(page.getByTestId('login-page')).toBeVisible()
  await expect(page.getByTestId('subject-row')).toHaveCount(0)
  // Nothing of the replica is reachable without logging in again.
  await page.goto(`${server.url}/app/#/subjects`)
  await expect(page.getByTestId('login-page')).toBeVisible()
  await page.reload()
  await expect(page.getByTestId('login-page')).toBeVisible()
  expect(await replicaStores(page, DEMO_ADMIN.id)).not.toEqual([])

  const seen = await watchSubjectRows(page)
  await logIn(page, DEMO2_ADMIN.account, DEMO2_ADMIN.password)
  await expect(page.getByTestId('user-name')).toHaveText(DEMO2_ADMIN.name)
  await expect(subjectRow(page, '语文')).toBeVisible()
  await expectSynced(page)
  await expect(page.getByTestId('subject-row')).toHaveCount(4)
  expect((await seen()).some((row) => row.includes('物理'))).toBe(false)

  // Back to the first user: their replica is still on this PC.
  await userMenu(page, 'logout')
  await logIn(page, DEMO_ADMIN.account, DEMO_ADMIN.password)
  await openSubjects(page)
  await expect(subjectRow(page, '物理')).toBeVisible()
})

test('"remove my data from this PC" deletes the replica; the next login syncs it again from scratch', async () => {
  const { page } = pc
  await logIn(page, DEMO_ADMIN.account, DEMO_ADMIN.password)
  await expectSynced(page)
  expect(await replicaStores(page, DEMO_ADMIN.id)).not.toEqual([])

  await userMenu(page, 'remove-data')
  const dialog = page.locator('.el-message-box')
  await expect(dialog).toBeVisible()
  await shoot(page, 'remove-data-confirm-zh-CN')
  await dialog.getByRole('button', { name: '删除并退出' }).click()
  await expect(page.getByTestId('login-page')).toBeVisible()
  await expect.poll(() => replicaStores(page, DEMO_ADMIN.id)).toEqual([])

  await logIn(page, DEMO_ADMIN.account, DEMO_ADMIN.password)
  await expectSynced(page)
  await openSubjects(page)
  await expect(subjectRow(page, '物理')).toBeVisible()
  expect(await replicaStores(page, DEMO_ADMIN.id)).not.toEqual([])
})

test('on a shared PC logout removes the replica, unless something is not uploaded yet', async () => {
  const { page, context } = pc
  await logIn(page, DEMO_ADMIN.account, DEMO_ADMIN.password)
  await expectSynced(page)
  await userMenu(page, 'user-settings')
  await page.getByTestId('shared-pc').click()
  await shoot(page, 'shared-pc-settings-zh-CN')
  await page.getByTestId('settings-save').click()

  // Offline with an unsent change: the replica stays, and the user is told why. (The subjects screen's code is
  // loaded while online: these PCs run without the service worker that would keep it.)
  await openSubjects(page)
  await context.setOffline(true)
  await page.getByTestId('subject-add').click()
  await fillSubjectForm(page, { name: '天文', code: 'astro' })
  await expect(subjectRow(page, '天文')).toBeVisible()
  await userMenu(page, 'logout')
  await expect(page.getByTestId('login-page')).toBeVisible()
  await expect(page.locator('.el-message--warning')).toContainText('尚未上传')
  expect(await replicaStores(page, DEMO_ADMIN.id)).not.toEqual([])

  // Back online, the same user sends it; the next logout removes the replica.
  await context.setOffline(false)
  await logIn(page, DEMO_ADMIN.account, DEMO_ADMIN.password)
  await expectSynced(page)
  await userMenu(page, 'logout')
  await expect(page.getByTestId('login-page')).toBeVisible()
  await expect.poll(() => replicaStores(page, DEMO_ADMIN.id)).toEqual([])

  // The change reached the server: a fresh replica has it.
  await logIn(page, DEMO_ADMIN.account, DEMO_ADMIN.password)
  await expectSynced(page)
  await openSubjects(page)
  await expect(subjectRow(page, '天文')).toBeVisible()
})

test('locks after the idle minutes set in the user menu, naming the user and returning to the same page', async () => {
  const { page } = pc
  await page.clock.install()
  await page.reload()
  await logIn(page, DEMO_ADMIN.account, DEMO_ADMIN.password)
  await page.getByTestId('menu-locations').click()
  await expect(page).toHaveURL(/#\/locations/)

  await userMenu(page, 'user-settings')
  const minutes = page.getByTestId('idle-lock-minutes').locator('input')
  await expect(minutes).toHaveValue('15')
  await minutes.fill('1')
  await shoot(page, 'idle-lock-settings-zh-CN')
  await page.getByTestId('settings-save').click()

  // Activity postpones the lock.
  await page.clock.fastForward('00:50')
  await page.mouse.move(200, 200)
  await page.clock.fastForward('00:50')
  await expect(page.getByTestId('side-menu')).toBeVisible()
  await page.clock.fastForward('00:15')
  await expect(page.getByTestId('login-locked')).toContainText(DEMO_ADMIN.name)
  await expect(page.getByTestId('location-row')).toHaveCount(0)
  await page.getByTestId('login-tab-password').click()
  await expect(page.getByTestId('login-account')).toHaveValue(DEMO_ADMIN.account)
  await shoot(page, 'idle-locked-zh-CN')

  await page.getByTestId('login-password').fill(DEMO_ADMIN.password)
  await page.getByTestId('login-submit').click()
  await expect(page).toHaveURL(/#\/locations/)
  await expect(page.getByTestId('user-name')).toHaveText(DEMO_ADMIN.name)
})

test('the security settings of this PC read in zh-TW and en', async () => {
  const { page } = pc
  await logIn(page, DEMO_ADMIN.account, DEMO_ADMIN.password)
  for (const locale of ['zh-TW', 'en'] as Locale[]) {
    await chooseLanguage(page, locale)
    await userMenu(page, 'user-settings')
    await expect(page.getByTestId('shared-pc')).toBeVisible()
    await shoot(page, `idle-lock-settings-${locale}`)
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('shared-pc')).toBeHidden()
  }
})
