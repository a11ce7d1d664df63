// Issue 5 end to end: a teacher with no network writes one question of each type (one with an image) and a
// homework definition with two sections, closes the app and opens it again still offline (everything is
// there), then comes back online: the documents sync, the image follows, and another teacher's PC shows them.
//
// In Electron the app's files come from app:// on the PC; in web mode the server serves them, so "offline" for
// the reopened app means every /api request fails while the page itself still loads.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { expectSynced, logIn, openPc, openRoute, shoot, syncStatus } from './app.ts'
import { addDefinition, definitionRow, messageBox, pickQuestions, sectionNode } from './homework-pages.ts'
import {
  chooseSubject,
  FILL,
  openNew,
  STEMS,
  SUBJECT,
  TEACHER,
  TYPES,
  typeStem,
  type Type,
} from './question-forms.ts'
import { startServer, type RunningServer } from './server.ts'
import { OTHER_TEACHER } from './demo-school.ts'

const TITLE = '离线练习'
const SECTIONS = { first: '选择题', second: '综合题' }
const FIRST_SECTION: Type[] = ['single_choice', 'multiple_choice', 'true_false']
const SECOND_SECTION: Type[] = ['fill_blank', 'matching']

let server: RunningServer

test.use({ actionTimeout: 15_000 })
test.beforeAll(async () => {
  server = await startServer()
})
test.afterAll(async () => server.stop())

async function publishNew(page: Page, type: Type): Promise<void> {
  await openNew(page, type)
  await typeStem(page, STEMS[type])
  await chooseSubject(page)
  await FILL[type](page)
  await page.getByTestId('question-publish').click()
  await messageBox(page).getByRole('button', { name: '发布' }).click()
  await expect(page.getByTestId('question-bank-page')).toBeVisible()
}

async function addSection(page: Page, title: string, stems: readonly string[]): Promise<void> {
  await page.getByTestId('section-add').click()
  const input = messageBox(page).locator('input')
  await input.fill(title)
  await input.press('Enter')
  await expect(page.getByTestId('section-questions-path')).toHaveText(title)
  await pickQuestions(page, stems)
  await expect(page.getByTestId('section-question')).toContainText([...stems])
}

const stemsOf = (types: readonly Type[]) => types.map((type) => STEMS[type].trim())

/**
 * Visits the screens the test uses while still online: in web mode the server serves each screen's code on its
 * first visit, and an offline browser could not fetch it (the desktop app has it on disk).
 */
async function loadScreens(page: Page): Promise<void> {
  const screens: [string, string][] = [
    ['#/questions', 'question-bank-page'],
    ['#/questions/new/single_choice', 'question-editor'],
    ['#/homework/definitions', 'definitions-page'],
    ['#/homework/definitions/none', 'definition-not-found'],
  ]
  for (const [hash, testId] of screens) {
    await openRoute(page, hash)
    await expect(page.getByTestId(testId)).toBeVisible()
  }
}

/** Reopens the app in a new window of the same PC while the server cannot be reached. */
async function reopenOffline(context: BrowserContext): Promise<Page> {
  await context.route('**/api/**', (route) => route.abort('internetdisconnected'))
  await context.setOffline(false)
  const page = await context.newPage()
  await page.goto(`${server.url}/app/`)
  await expect(page.getByTestId('side-menu')).toBeVisible()
  await expect(syncStatus(page)).toHaveAttribute('data-phase', 'offline')
  return page
}

async function expectDefinition(page: Page): Promise<void> {
  await page.getByTestId('menu-definitions').click()
  await definitionRow(page, TITLE).getByTestId('definition-questions').click()
  await sectionNode(page, SECTIONS.first).click()
  await expect(page.getByTestId('section-question')).toContainText(stemsOf(FIRST_SECTION))
  await sectionNode(page, SECTIONS.second).click()
  await expect(page.getByTestId('section-question')).toContainText(stemsOf(SECOND_SECTION))
}

test('questions and homework written offline survive a restart and reach another teacher', async ({
  browser,
}) => {
  test.setTimeout(300_000)
  const pc = await openPc(browser, server.url, 'zh-CN')
  await logIn(pc.page, TEACHER.account, TEACHER.password)
  await expectSynced(pc.page)
  await loadScreens(pc.page)

  await pc.context.setOffline(true)
  await expect(syncStatus(pc.page)).toHaveAttribute('data-phase', 'offline')
  await pc.page.getByTestId('menu-questions').click()
  for (const type of TYPES) await publishNew(pc.page, type)
  await expect(pc.page.getByTestId('question-row')).toHaveCount(8)
  // The image of the single-choice stem waits on this PC for the network.
  await expect(syncStatus(pc.page)).toHaveAttribute('data-pending-files', '1')

  await pc.page.getByTestId('menu-definitions').click()
  await addDefinition(pc.page, TITLE, SUBJECT)
  await addSection(pc.page, SECTIONS.first, stemsOf(FIRST_SECTION))
  await addSection(pc.page, SECTIONS.second, stemsOf(SECOND_SECTION))
  await shoot(pc.page, 'offline-definition-zh-CN')
  await pc.page.close()

  const reopened = await reopenOffline(pc.context)
  await expect(syncStatus(reopened)).not.toHaveAttribute('data-pending', '0')
  await expect(syncStatus(reopened)).toHaveAttribute('data-pending-files', '1')
  await reopened.getByTestId('menu-questions').click()
  await expect(reopened.getByTestId('question-row')).toHaveCount(8)
  await expectDefinition(reopened)

  await pc.context.unroute('**/api/**')
  await expectSynced(reopened)
  await expect(syncStatus(reopened)).toHaveAttribute('data-pending-files', '0', { timeout: 60_000 })

  const other = await openPc(browser, server.url, 'en')
  await logIn(other.page, OTHER_TEACHER.account, OTHER_TEACHER.password)
  await expectSynced(other.page)
  await other.page.getByTestId('menu-questions').click()
  for (const type of TYPES) {
    await expect(other.page.getByTestId('question-row').filter({ hasText: STEMS[type].trim() })).toHaveCount(
      1,
    )
  }
  await other.page
    .getByTestId('question-row')
    .filter({ hasText: STEMS.single_choice })
    .getByTestId('question-preview')
    .click()
  // The image came from the first PC through the blob store.
  const image = other.page.getByTestId('question-preview-dialog').locator('img')
  await expect(image).toHaveAttribute('src', /^blob:/)
  await expect
    .poll(() => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
    .toBe(64)
  await shoot(other.page, 'offline-question-on-other-pc-en')
  await other.page.keyboard.press('Escape')
  await expectDefinition(other.page)
  await other.context.close()
  await pc.context.close()
})
