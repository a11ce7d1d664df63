// Two school PCs (two browser profiles, each with its own IndexedDB replica) against a real sync server.
import { mkdirSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import {
  chooseLanguage,
  expectSynced,
  fillSubjectForm,
  LOCALES,
  logIn,
  openSubjects,
  openPc,
  renameSubject,
  SCREENSHOTS,
  shoot,
  subjectRow,
  syncStatus,
  type Pc,
} from './app.ts'
import { startServer, type RunningServer } from './server.ts'
import { ADMIN } from './demo-school.ts'

let server: RunningServer
let pcA: Pc
let pcB: Pc

test.beforeAll(async () => {
  server = await startServer()
  mkdirSync(SCREENSHOTS, { recursive: true })
})
test.afterAll(async () => server.stop())

test.beforeEach(async ({ browser }) => {
  pcA = await openPc(browser, server.url)
  pcB = await openPc(browser, server.url)
  for (const { page } of [pcA, pcB]) {
    await logIn(page, ADMIN.account, ADMIN.password)
    await expectSynced(page)
    await openSubjects(page)
  }
})
test.afterEach(async () => {
  await pcA.context.close()
  await pcB.context.close()
})

test('a subject added and edited offline on PC A reaches PC B without a reload', async () => {
  const { page: a, context: contextA } = pcA
  const { page: b } = pcB
  await contextA.setOffline(true)
  await expect(syncStatus(a)).toHaveAttribute('data-phase', 'offline')

  await a.getByTestId('subject-add').click()
  await fillSubjectForm(a, { name: '天文', code: 'astro' })
  await renameSubject(a, '天文', '天文学')
  await expect(subjectRow(a, '天文学')).toBeVisible()
  await expect(syncStatus(a)).toHaveAttribute('data-pending', '1')
  await shoot(a, 'offline-pending-zh-CN')
  await expect(subjectRow(b, '天文')).toHaveCount(0)
  await expect(subjectRow(b, '天文学')).toHaveCount(0)

  await contextA.setOffline(false)
  await expectSynced(a)
  await expect(subjectRow(b, '天文学')).toBeVisible()
  await expect(subjectRow(b, '天文学')).toContainText('astro')
})

test('a concurrent edit of the same field tells PC A its edit lost, and lets it re-apply it', async () => {
  const { page: a, context: contextA } = pcA
  const { page: b } = pcB
  await contextA.setOffline(true)
  await expect(syncStatus(a)).toHaveAttribute('data-phase', 'offline')
  await renameSubject(a, '数学', '数学（A）')
  await renameSubject(b, '数学', '数学（B）')
  await expectSynced(b)

  await contextA.setOffline(false)
  const notification = a.locator('.lost-edit-notification')
  await expect(notification).toBeVisible()
  await expect(notification).toContainText('数学（A）')
  await expect(subjectRow(a, '数学（B）')).toBeVisible()
  await expect(notification).toBeInViewport({ ratio: 1 })
  await shoot(a, 'lost-edit-notification-zh-CN')

  await syncStatus(a).click()
  await a.getByTestId('sync-open-conflicts').click()
  const drawer = a.getByTestId('conflicts-drawer')
  await expect(drawer.getByTestId('lost-edit')).toHaveCount(1)
  await expect(drawer.getByTestId('lost-edit-mine')).toContainText('数学（A）')
  await expect(drawer.getByTestId('lost-edit')).toBeInViewport({ ratio: 1 })
  await shoot(a, 'conflicts-drawer-zh-CN')
  await drawer.getByTestId('lost-edit-reapply').click()
  await expect(drawer.getByTestId('lost-edit')).toHaveCount(0)

  await expect(subjectRow(a, '数学（A）')).toBeVisible()
  await expect(subjectRow(b, '数学（A）')).toBeVisible()
})

test('screenshots of the login, the subjects screen and the sync status in every language', async ({
  browser,
}) => {
  const fresh = await openPc(browser, server.url)
  for (const locale of LOCALES) {
    await chooseLanguage(fresh.page, locale)
    await shoot(fresh.page, `login-${locale}`)
  }

  // A wrong password says so once: the emptied password field shows no second error under it.
  await fresh.page.getByTestId('login-tab-password').click()
  await fresh.page.getByTestId('login-account').fill(ADMIN.account)
  await fresh.page.getByTestId('login-password').fill('not-the-password')
  await fresh.page.getByTestId('login-submit').click()
  await expect(fresh.page.getByTestId('login-error')).toBeVisible()
  await expect(fresh.page.getByTestId('login-password')).toHaveValue('')
  await expect(fresh.page.locator('.el-form-item__error')).toHaveCount(0)
  await shoot(fresh.page, 'login-wrong-password-en')
  await fresh.context.close()

  const { page } = pcA
  for (const locale of LOCALES) {
    await chooseLanguage(page, locale)
    await expect(subjectRow(page, '语文')).toBeVisible()
    await shoot(page, `subjects-${locale}`)
    await syncStatus(page).click()
    await expect(page.getByTestId('sync-details')).toBeVisible()
    await shoot(page, `sync-status-${locale}`)
    await syncStatus(page).click()
    await expect(page.getByTestId('sync-details')).toBeHidden()
  }
})
