// QB-1/QB-2 end to end: a teacher writes one question of each of the eight types in the editor (one with an
// image chosen with the file chooser), sees the live validation of a single choice without its answer and of
// a blank without an accepted answer, saves drafts (button and Ctrl+S), is asked before leaving unsaved changes,
// reopens every draft in English and publishes one; the list and the server end up with all eight.
import { mkdirSync } from 'node:fs'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { chooseLanguage, expectSynced, logIn, openPc, SCREENSHOTS, shoot } from './app.ts'
import {
  backToList,
  chooseSubject,
  FILL,
  openNew,
  saveDraft,
  STEMS,
  TEACHER,
  TYPES,
  typeStem,
  type Type,
} from './question-forms.ts'
import { startServer, type RunningServer } from './server.ts'

let server: RunningServer

test.use({ actionTimeout: 15_000 })

test.beforeAll(async () => {
  server = await startServer()
  mkdirSync(SCREENSHOTS, { recursive: true })
})
test.afterAll(async () => server.stop())

/** A screenshot of the editor at rest: the messages of the last save gone. */
async function shootEditor(page: Page, type: Type, locale: 'zh-CN' | 'en'): Promise<void> {
  await expect(page.locator('.el-message')).toHaveCount(0)
  await shoot(page, `question-editor-${type}-${locale}`)
}

function row(page: Page, type: Type): Locator {
  return page.getByTestId('question-row').filter({ hasText: STEMS[type].trim() })
}

test('a teacher writes, checks, saves and publishes questions of every type', async ({ browser }) => {
  test.setTimeout(240_000)
  const { page, context } = await openPc(browser, server.url, 'zh-CN')
  await logIn(page, TEACHER.account, TEACHER.password)
  await page.getByTestId('menu-questions').click()

  for (const type of TYPES) {
    await openNew(page, type)
    await expect(page.getByTestId('stem-problems')).toContainText('题目不能为空')
    await typeStem(page, STEMS[type])
    await expect(page.getByTestId('stem-problems')).toBeHidden()
    await chooseSubject(page)
    await FILL[type](page)
    await expect(page.getByTestId('question-problem-count')).toBeHidden()
    await shootEditor(page, type, 'zh-CN')
    if (type === 'short_answer') {
      await page.keyboard.press('Control+s')
      await expect(page.locator('.el-message--success', { hasText: '草稿已保存' }).last()).toBeVisible()
    } else {
      await saveDraft(page)
    }
    await backToList(page)
    await expect(row(page, type).getByTestId('question-status')).toHaveAttribute('data-status', 'draft')
  }
  await expect(page.getByTestId('question-row')).toHaveCount(8)

  // Unsaved changes ask before leaving; keeping them stays on the editor with the text typed.
  await row(page, 'matching').getByTestId('question-edit').click()
  await page.getByTestId('matching-right').nth(1).fill('低头思故乡。')
  await page.getByTestId('question-cancel').click()
  await page.locator('.el-message-box').getByRole('button', { name: '继续编辑' }).click()
  await expect(page.getByTestId('matching-right').nth(1)).toHaveValue('低头思故乡。')
  await page.keyboard.press('Control+s')
  await backToList(page)

  await chooseLanguage(page, 'en')
  for (const type of TYPES) {
    await row(page, type).getByTestId('question-edit').click()
    await expect(page.getByTestId('question-editor')).toHaveAttribute('data-type', type)
    await expect(page.getByTestId('question-problem-count')).toBeHidden()
    if (type === 'single_choice') {
      // The image came back from the stored stem (data-blob only) and shows through the blob cache.
      await expect(page.getByTestId('stem-input').locator('img.stem-image')).toHaveAttribute('src', /^blob:/)
      await page.getByTestId('question-preview-open').click()
      const preview = page.getByTestId('question-preview-drawer').getByTestId('question-preview')
      await expect(preview).toContainText(STEMS.single_choice)
      await page.keyboard.press('Escape')
      await expect(preview).toBeHidden()
    }
    await shootEditor(page, type, 'en')
    if (type === 'true_false') {
      await page.getByTestId('question-publish').click()
      await page.locator('.el-message-box').getByRole('button', { name: 'Publish' }).click()
      await expect(page.getByTestId('question-bank-page')).toBeVisible()
    } else {
      await backToList(page)
    }
  }

  await expect(page.getByTestId('question-row')).toHaveCount(8)
  await expect(row(page, 'true_false').getByTestId('question-status')).toHaveAttribute(
    'data-status',
    'published',
  )
  await expect(row(page, 'true_false').getByTestId('question-edit')).toHaveCount(0)
  await expect(row(page, 'fill_blank').getByTestId('question-status')).toHaveAttribute('data-status', 'draft')
  // The server accepted all eight (it refuses a question with any problem).
  await expectSynced(page)
  await context.close()
})
