// QB-3 end to end: a teacher builds a scored homework definition with a section and a sub-section, adds
// published questions through the picker (latest versions of the definition's subject only), is told which
// question of which section blocks "complete", batch-sets the scores, completes it and sees the total; copies it
// and deletes the copy. Another teacher, in English, sees it read-only and copies it as their own draft.
import { mkdirSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { choose, expectSynced, logIn, openPc, SCREENSHOTS, shoot } from './app.ts'
import {
  answerPrompt,
  contextCommand,
  definitionRow,
  messageBox,
  pickerRow,
  sectionNode,
} from './homework-pages.ts'
import { LI, LIU, PASSWORD, pushQuestions, type SeededQuestion } from './seed-questions.ts'
import { startServer, type RunningServer } from './server.ts'

const TITLE = '第三单元练习'

const ADD = '1+2=?'
const SUBTRACT = '5-3=2，是否正确'
const TIMES_OLD = '2×3=5，是否正确'
const TIMES = '2×3=6，是否正确'
const DIVIDE = '说明 6÷2 表示什么'
const ENGLISH = 'What is the English word for 汽车?'
const LI_DRAFT = '李老师还没写完的数学题'

const choice = [
  { id: 'a', text: '3', correct: true },
  { id: 'b', text: '4', correct: false },
]

const LI_QUESTIONS: SeededQuestion[] = [
  {
    id: 'q-add',
    type: 'single_choice',
    stem: `<p>${ADD}</p>`,
    subject: '数学',
    status: 'published',
    options: choice,
  },
  {
    id: 'q-subtract',
    type: 'true_false',
    stem: `<p>${SUBTRACT}</p>`,
    subject: '数学',
    status: 'published',
    answer: true,
  },
  {
    id: 'q-li-draft',
    type: 'true_false',
    stem: `<p>${LI_DRAFT}</p>`,
    subject: '数学',
    status: 'draft',
    answer: true,
  },
]

const LIU_QUESTIONS: SeededQuestion[] = [
  {
    id: 'q-times-1',
    type: 'true_false',
    stem: `<p>${TIMES_OLD}</p>`,
    subject: '数学',
    status: 'published',
    answer: false,
  },
  {
    id: 'q-times-2',
    type: 'true_false',
    stem: `<p>${TIMES}</p>`,
    subject: '数学',
    status: 'published',
    answer: true,
    version: 2,
    lineageId: 'q-times-1',
    previousId: 'q-times-1',
  },
  { id: 'q-divide', type: 'short_answer', stem: `<p>${DIVIDE}</p>`, subject: '数学', status: 'published' },
  {
    id: 'q-english',
    type: 'single_choice',
    stem: `<p>${ENGLISH}</p>`,
    subject: '英语',
    status: 'published',
    options: choice,
  },
]

let server: RunningServer

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  server = await startServer()
  mkdirSync(SCREENSHOTS, { recursive: true })
  await pushQuestions(server.url, LI, LI_QUESTIONS)
  await pushQuestions(server.url, LIU, LIU_QUESTIONS)
})
test.afterAll(async () => server.stop())

/** A screenshot once the write confirmations have faded, so that they hide nothing. */
async function shootAtRest(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0)
  await expect(page.locator('.el-message')).toHaveCount(0, { timeout: 30_000 })
  await shoot(page, name)
}

async function openDefinitions(page: Page, account: string): Promise<void> {
  await logIn(page, account, PASSWORD)
  await expectSynced(page)
  await page.getByTestId('menu-definitions').click()
  await expect(page.getByTestId('definitions-page')).toBeVisible()
}

test('a teacher builds, scores, completes, copies and deletes a definition (zh-CN)', async ({ browser }) => {
  const { context, page } = await openPc(browser, server.url, 'zh-CN')
  await openDefinitions(page, LI.account)

  await page.getByTestId('definition-add').click()
  await expect(page.getByTestId('definition-form-title')).toBeFocused()
  await page.getByTestId('definition-form-title').fill(TITLE)
  await choose(page, page.getByTestId('definition-form-subject'), '数学')
  await page.getByTestId('definition-form-submit').click()
  await expect(page.getByTestId('definition-title')).toHaveText(TITLE)
  await expect(page.getByTestId('definition-status')).toHaveText('草稿')

  // A section by the visible button, its sub-section by the toolbar, questions by the context menu.
  await page.getByTestId('section-add').click()
  await answerPrompt(page, '第一章')
  await expect(page.getByTestId('section-questions-path')).toHaveText('第一章')
  await page.getByTestId('section-tool-addChild').click()
  await answerPrompt(page, '练习')
  await expect(page.getByTestId('section-questions-path')).toHaveText('第一章 / 练习')

  await contextCommand(page, '第一章', 'addQuestions')
  const picker = page.getByTestId('question-picker')
  await expect(picker).toBeVisible()
  // Published, latest versions, this subject only: not the English one, the draft or the superseded version.
  await expect(page.getByTestId('question-picker-row')).toHaveCount(4)
  for (const absent of [ENGLISH, LI_DRAFT, TIMES_OLD]) await expect(pickerRow(page, absent)).toHaveCount(0)
  await pickerRow(page, ADD).getByTestId('question-picker-pick').click()
  await pickerRow(page, SUBTRACT).getByTestId('question-picker-pick').click()
  await expect(page.getByTestId('question-picker-submit')).toHaveText('添加 2 道题目')
  await shootAtRest(page, 'homework-picker-zh-CN')
  await page.getByTestId('question-picker-submit').click()
  await expect(picker).toBeHidden()
  await expect(page.getByTestId('section-question')).toHaveText([ADD, SUBTRACT])
  await page.getByTestId('question-preview').first().click()
  await expect(page.getByTestId('question-preview-dialog')).toContainText(ADD)
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('question-preview-dialog')).toBeHidden()

  await sectionNode(page, '练习').click()
  await page.getByTestId('section-add-questions').click()
  await expect(pickerRow(page, ADD).getByTestId('question-picker-added')).toBeVisible()
  await expect(pickerRow(page, ADD).locator('input[type="checkbox"]')).toBeDisabled()
  await pickerRow(page, TIMES).getByTestId('question-picker-pick').click()
  await page.getByTestId('question-picker-submit').click()
  await expect(page.getByTestId('section-question')).toHaveText([TIMES])
  await expect(sectionNode(page, '第一章').getByTestId('section-count')).toHaveText('3')

  // One score given; completing names each question still without one, with its section.
  await sectionNode(page, '第一章').click()
  const firstScore = page.getByTestId('question-score').first().locator('input')
  await firstScore.fill('5')
  await firstScore.press('Tab')
  await expect(page.getByTestId('definition-editor-total')).toHaveText('总分：5')
  await page.getByTestId('definition-editor-complete').click()
  const problems = page.getByTestId('completion-problems').locator('li')
  await expect(problems).toHaveText([
    `章节“第一章”的第 2 题（“${SUBTRACT}”）没有设置分数`,
    `章节“第一章 / 练习”的第 1 题（“${TIMES}”）没有设置分数`,
  ])
  await shoot(page, 'homework-completion-problems-zh-CN')
  await messageBox(page).getByRole('button', { name: '确定' }).click()
  await expect(page.getByTestId('definition-status')).toHaveText('草稿')

  // Batch scores cover the section's own questions and its sub-section's.
  await contextCommand(page, '第一章', 'batchScore')
  await answerPrompt(page, '4')
  await expect(page.getByTestId('definition-editor-total')).toHaveText('总分：12')
  await shootAtRest(page, 'homework-editor-zh-CN')

  await page.getByTestId('definition-editor-complete').click()
  await messageBox(page).getByRole('button', { name: '完成' }).click()
  await expect(page.getByTestId('definition-status')).toHaveText('完成')
  await expect(page.getByTestId('definition-read-only')).toBeVisible()
  await expect(page.getByTestId('section-add')).toHaveCount(0)
  await expect(page.getByTestId('question-score')).toHaveCount(0)

  await page.getByTestId('definition-back').click()
  const row = definitionRow(page, TITLE)
  await expect(row.getByTestId('definition-total')).toHaveText('12')
  await expect(row.getByTestId('definition-status')).toHaveText('完成')
  await expect(row).toContainText('李老师')
  await expect(row.getByTestId('definition-edit')).toHaveCount(0)
  await expect(row.getByTestId('definition-complete')).toHaveCount(0)

  await row.getByTestId('definition-copy').click()
  const copy = definitionRow(page, `${TITLE}（副本）`)
  await expect(copy.getByTestId('definition-status')).toHaveText('草稿')
  await expect(copy.getByTestId('definition-total')).toHaveText('12')
  await shootAtRest(page, 'homework-list-zh-CN')
  await copy.getByTestId('definition-delete').click()
  await messageBox(page).locator('.el-button--danger').click()
  await expect(copy).toHaveCount(0)
  await expect(page.getByTestId('definition-row')).toHaveCount(1)
  await expectSynced(page)
  await context.close()
})

test('another teacher sees it read-only and copies it as their own draft (en)', async ({ browser }) => {
  const { context, page } = await openPc(browser, server.url, 'en')
  await openDefinitions(page, LIU.account)

  const row = definitionRow(page, TITLE)
  await expect(row.getByTestId('definition-status')).toHaveText('Complete')
  for (const hidden of ['definition-edit', 'definition-complete', 'definition-delete']) {
    await expect(row.getByTestId(hidden)).toHaveCount(0)
  }

  await row.getByTestId('definition-questions').click()
  await expect(page.getByTestId('definition-read-only')).toContainText('complete and read-only')
  await sectionNode(page, '练习').click()
  await expect(page.getByTestId('question-score-text')).toHaveText(['4'])

  await page.getByTestId('definition-editor-copy').click()
  await expect(page.getByTestId('definition-title')).toHaveText(`${TITLE} (copy)`)
  await expect(page.getByTestId('definition-status')).toHaveText('Draft')
  await expect(page.getByTestId('definition-read-only')).toHaveCount(0)
  await expect(page.getByTestId('definition-editor-total')).toHaveText('Total score: 12')
  await sectionNode(page, '第一章').click()
  await shootAtRest(page, 'homework-editor-en')

  await page.getByTestId('section-add-questions').click()
  await expect(page.getByTestId('question-picker-row')).toHaveCount(4)
  await pickerRow(page, DIVIDE).getByTestId('question-picker-pick').click()
  await shootAtRest(page, 'homework-picker-en')
  await page.getByTestId('question-picker-submit').click()
  await expect(page.getByTestId('section-question')).toHaveText([ADD, SUBTRACT, DIVIDE])

  await page.getByTestId('definition-back').click()
  await expect(definitionRow(page, `${TITLE} (copy)`)).toContainText('刘老师')
  await expect(definitionRow(page, `${TITLE} (copy)`).getByTestId('definition-delete')).toBeVisible()
  await shootAtRest(page, 'homework-list-en')
  await context.close()
})
