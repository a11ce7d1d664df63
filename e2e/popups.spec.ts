// Two PCs of one school edit at once (issue 19 §1): a dropdown open on one stays open, and up to date, while a
// write of the other replicates in and re-renders the form under it.
import { expect, test, type Page } from '@playwright/test'
import { expectSynced, logIn, openPc, openRoute, renameSubject } from './app.ts'
import { startServer, type RunningServer } from './server.ts'
import { ADMIN, TEACHER } from './demo-school.ts'

let server: RunningServer
// Two PCs on a busy machine.
test.setTimeout(120_000)

test.beforeAll(async () => {
  server = await startServer()
})
test.afterAll(async () => server.stop())

test('an open subject dropdown stays open while another PC renames a subject', async ({ browser }) => {
  const pcs = await Promise.all([openPc(browser, server.url, 'zh-CN'), openPc(browser, server.url, 'zh-CN')])
  const [here, there] = pcs.map((pc) => pc.page) as [Page, Page]
  await logIn(here, TEACHER.account, TEACHER.password)
  await logIn(there, ADMIN.account, ADMIN.password)
  for (const page of [here, there]) await expectSynced(page)
  await openRoute(here, '#/questions/new/single_choice')
  await here.getByTestId('question-subject').click()
  const dropdown = here.locator('.el-select-dropdown:visible')
  await expect(dropdown.getByText('英语', { exact: true })).toBeVisible()

  await openRoute(there, '#/subjects')
  await renameSubject(there, '英语', '外语')
  await expect(dropdown.getByText('外语', { exact: true })).toBeVisible()
  await dropdown.getByText('外语', { exact: true }).click()
  await expect(here.getByTestId('question-subject')).toContainText('外语')
  for (const { context } of pcs) await context.close()
})
