// QB-6 end to end: a teacher imports the hand-written Moodle XML fixture (preview with notes, subject chosen,
// drafts written with their image), is refused a file with unsupported questions, downloads the Excel template
// and exports the list as GIFT, seeing what GIFT could not carry. zh-CN, with the preview in English too.
import { mkdirSync, readFileSync } from 'node:fs'
import { expect, test, type Download, type Locator, type Page } from '@playwright/test'
import { parseQuestionRows, templateRows } from '../domain/questions/formats/excel.ts'
import { parseGift } from '../domain/questions/formats/gift.ts'
import { readTables } from '../renderer/src/ui/excel/workbook.ts'
import { choose, openPc, SCREENSHOTS, shoot, type Locale } from './app.ts'
import { LI, openQuestionBank } from './seed-questions.ts'
import { startServer, type RunningServer } from './server.ts'

const FIXTURES = 'test/fixtures/questions'

let server: RunningServer

test.beforeAll(async () => {
  server = await startServer()
  mkdirSync(SCREENSHOTS, { recursive: true })
})
test.afterAll(async () => server.stop())

async function chooseFile(page: Page, dialog: Locator, path: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser')
  await dialog.getByTestId('question-import-choose').click()
  await (await chooser).setFiles(path)
}

const downloaded = async (download: Promise<Download>) => readFileSync(await (await download).path())

async function previewMoodle(page: Page, locale: Locale): Promise<Locator> {
  await page.getByTestId('question-import').click()
  const dialog = page.getByTestId('question-import-dialog')
  await expect(dialog).toBeVisible()
  await chooseFile(page, dialog, `${FIXTURES}/moodle-all-types.xml`)
  // The table is virtual: the first rows are in view (the category entry first, a note).
  await expect(
    dialog.getByTestId('question-import-row').first().locator('[data-level="warning"]'),
  ).toBeVisible()
  await expect(dialog.locator('[data-level="error"]')).toHaveCount(0)
  await shoot(page, `question-import-preview-${locale}`)
  return dialog
}

test('a teacher imports Moodle XML, is refused unsupported questions, exports GIFT (zh-CN)', async ({
  browser,
}) => {
  const { context, page } = await openPc(browser, server.url, 'zh-CN')
  await openQuestionBank(page, LI.account)
  const count = async () =>
    Number((await page.getByTestId('question-count').textContent())?.match(/\d+/)?.[0])
  const before = await count()

  const dialog = await previewMoodle(page, 'zh-CN')
  // Without a subject nothing can be imported; with one, all ten questions are written as drafts.
  await expect(dialog.getByTestId('question-import-submit')).toBeDisabled()
  await choose(page, dialog.getByTestId('question-import-subject'), '数学')
  await expect(dialog.getByTestId('question-import-summary')).toContainText('10')
  await dialog.getByTestId('question-import-submit').click()
  await expect(dialog).toBeHidden()
  await expect.poll(count).toBe(before + 10)
  await expect(
    page.getByTestId('question-row').filter({ hasText: 'Which of these is a square?' }),
  ).toContainText('数学')

  // A file with questions we cannot carry: listed as errors, nothing can be imported.
  await page.getByTestId('question-import').click()
  await chooseFile(page, dialog, `${FIXTURES}/moodle-unsupported.xml`)
  await expect(dialog.locator('[data-level="error"]')).toHaveCount(3)
  await expect(dialog.getByTestId('question-import-summary')).toContainText('3')
  await expect(dialog.getByTestId('question-import-submit')).toBeDisabled()
  await shoot(page, 'question-import-errors-zh-CN')
  // The template is the zh-CN header with one example per type, and it imports as it is.
  const template = page.waitForEvent('download')
  await dialog.getByTestId('question-import-template').click()
  expect((await template).suggestedFilename()).toBe('题目导入模板.xlsx')
  const [sheet] = await readTables(await downloaded(template))
  const expected = templateRows('zh-CN')
  expect(sheet?.rows[0]).toEqual(expected.columns.map((column) => column.header))
  expect(sheet?.rows.length).toBe(expected.rows.length + 1)
  const reread = parseQuestionRows(sheet?.rows ?? [])
  expect(reread.issues.filter((issue) => issue.level === 'error')).toEqual([])
  expect(reread.questions).toHaveLength(expected.rows.length)
  await dialog.getByTestId('question-import-cancel').click()

  // Export the list as GIFT: ordering, attachment and two-blank questions cannot be carried.
  await page.getByTestId('question-export').click()
  const exporter = page.getByTestId('question-export-dialog')
  await exporter.getByTestId('question-export-gift').click()
  const download = page.waitForEvent('download')
  await exporter.getByTestId('question-export-submit').click()
  expect((await download).suggestedFilename()).toBe('题目.gift')
  await expect(exporter.getByTestId('question-export-skipped')).toBeVisible()
  await expect(exporter.getByTestId('question-export-skipped-line').first()).toBeVisible()
  // The file reads back as GIFT, with the imported questions but those GIFT cannot carry.
  const gift = parseGift((await downloaded(download)).toString('utf8'))
  expect(gift.issues.filter((issue) => issue.level === 'error')).toEqual([])
  expect(gift.questions).toHaveLength(before + 7)
  expect(gift.questions.map((question) => question.name)).toContain('Which of these is a square?')
  await shoot(page, 'question-export-skipped-zh-CN')
  await context.close()
})

test('the import preview in English', async ({ browser }) => {
  const { context, page } = await openPc(browser, server.url, 'en')
  await openQuestionBank(page, LI.account)
  const dialog = await previewMoodle(page, 'en')
  await expect(dialog.getByTestId('question-import-row').nth(1)).toContainText('Question 2')
  await expect(dialog.getByTestId('question-import-row').nth(1)).toContainText('Single choice')
  await dialog.getByTestId('question-import-cancel').click()
  await page.getByTestId('question-export').click()
  await shoot(page, 'question-export-en')
  await context.close()
})
