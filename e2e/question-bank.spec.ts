// QB-1/QB-2 end to end: questions two teachers pushed to the server reach a teacher's list (published ones and
// their own drafts only, latest versions unless asked); filtering and searching; the preview as a student sees
// it, then with the answers; deleting one's own draft; a new version of a published question. The admin sees
// every draft, in English.
import { mkdirSync } from 'node:fs'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { choose, expectSynced, openPc, SCREENSHOTS, shoot } from './app.ts'
import { ADMIN, LI, LIU, openQuestionBank, pushQuestions, type SeededQuestion } from './seed-questions.ts'
import { startServer, type RunningServer } from './server.ts'

let server: RunningServer

const OXYGEN = '氧气的分子结构是'
const CAR = 'What is the English word for 汽车?'
const OLD_CAR = 'Which English word means 车?'
const POEMS = '请将下列古诗配对'
const ORDER = '将下列朝代按时间先后排序'
const TWO_PLUS_TWO = '2+2=（{{1}}），请填写答案'
const ONE_PLUS_ONE = '1+1=?'
const LIU_DRAFT = '刘老师还没写完的题'
const ESSAY = 'Describe your favourite season in about 50 words.'
const UPLOAD = '拍照上传你的实验报告'

const LIU_QUESTIONS: SeededQuestion[] = [
  {
    id: 'q-oxygen',
    type: 'single_choice',
    stem: `<p>${OXYGEN}</p>`,
    subject: '化学',
    status: 'published',
    createdAt: '2026-10-19',
    options: [
      { id: 'a', text: 'O₂ 双原子分子', correct: true },
      { id: 'b', text: 'O₃ 三原子分子', correct: false },
    ],
  },
  {
    id: 'q-car-1',
    type: 'single_choice',
    stem: `<p>${OLD_CAR}</p>`,
    subject: '英语',
    status: 'published',
    createdAt: '2026-10-12',
    options: [
      { id: 'a', text: 'car', correct: true },
      { id: 'b', text: 'cat', correct: false },
    ],
  },
  {
    id: 'q-car-2',
    type: 'single_choice',
    stem: `<p>${CAR}</p>`,
    subject: '英语',
    status: 'published',
    createdAt: '2026-10-13',
    version: 2,
    lineageId: 'q-car-1',
    previousId: 'q-car-1',
    options: [
      { id: 'a', text: 'car', correct: true },
      { id: 'b', text: 'bus', correct: false },
    ],
  },
  {
    id: 'q-poems',
    type: 'matching',
    stem: `<p>${POEMS}</p>`,
    subject: '语文',
    status: 'published',
    createdAt: '2026-10-11',
    pairs: [
      { id: 'p1', left: '床前明月光', right: '疑是地上霜' },
      { id: 'p2', left: '举头望明月', right: '低头思故乡' },
      { id: 'p3', left: '白日依山尽', right: '黄河入海流' },
    ],
  },
  {
    id: 'q-liu-draft',
    type: 'true_false',
    stem: `<p>${LIU_DRAFT}</p>`,
    subject: '英语',
    status: 'draft',
    createdAt: '2026-10-20',
    answer: true,
  },
  {
    id: 'q-essay',
    type: 'short_answer',
    stem: `<p>${ESSAY}</p>`,
    subject: '英语',
    status: 'draft',
    createdAt: '2026-09-01',
    referenceAnswer: 'Any season, with two reasons.',
  },
  {
    id: 'q-upload',
    type: 'attachment',
    stem: `<p>${UPLOAD}</p>`,
    subject: '化学',
    status: 'draft',
    createdAt: '2026-09-02',
    maxFiles: 3,
    explanation: '报告需包含实验步骤和结论。',
  },
]

const LI_QUESTIONS: SeededQuestion[] = [
  {
    id: 'q-two',
    type: 'fill_blank',
    stem: `<p>${TWO_PLUS_TWO}</p>`,
    subject: '数学',
    status: 'published',
    createdAt: '2026-10-18',
    blanks: [{ id: 'b1', answers: ['4', '四'] }],
  },
  {
    id: 'q-false',
    type: 'true_false',
    stem: '<p>3+3=9，是否正确</p>',
    subject: '数学',
    status: 'published',
    createdAt: '2026-10-18',
    answer: false,
  },
  {
    id: 'q-order',
    type: 'ordering',
    stem: `<p>${ORDER}</p>`,
    subject: '历史',
    status: 'published',
    createdAt: '2026-10-17',
    items: [
      { id: 'i1', text: '秦' },
      { id: 'i2', text: '汉' },
      { id: 'i3', text: '唐' },
      { id: 'i4', text: '宋' },
    ],
  },
  {
    id: 'q-one',
    type: 'single_choice',
    stem: `<p>${ONE_PLUS_ONE}</p>`,
    subject: '数学',
    status: 'draft',
    createdAt: '2026-10-21',
    explanation: '一加一等于二。',
    options: [
      { id: 'a', text: '1', correct: false },
      { id: 'b', text: '2', correct: true },
      { id: 'c', text: '3', correct: false },
    ],
  },
]

test.beforeAll(async () => {
  server = await startServer()
  mkdirSync(SCREENSHOTS, { recursive: true })
  await pushQuestions(server.url, LIU, LIU_QUESTIONS)
  await pushQuestions(server.url, LI, LI_QUESTIONS)
})
test.afterAll(async () => server.stop())

function rows(page: Page): Locator {
  return page.getByTestId('question-row')
}

function row(page: Page, title: string): Locator {
  return rows(page).filter({ hasText: title })
}

async function clearSelect(select: Locator): Promise<void> {
  await select.hover()
  await select.locator('.el-select__clear').click()
}

test('a teacher filters, searches, previews with answers and deletes their draft (zh-CN)', async ({
  browser,
}) => {
  const { context, page } = await openPc(browser, server.url, 'zh-CN')
  await openQuestionBank(page, LI.account)

  // Published questions of both teachers and 李老师's own draft; not 刘老师's draft; v2 hides v1.
  await expect(page.getByTestId('question-count')).toHaveText('共 7 题')
  await expect(row(page, LIU_DRAFT)).toHaveCount(0)
  await expect(row(page, OLD_CAR)).toHaveCount(0)
  await expect(row(page, CAR).getByTestId('question-version')).toHaveText('v2')
  await expect(row(page, ONE_PLUS_ONE).getByTestId('question-status')).toHaveText('我的草稿')
  await expect(row(page, OXYGEN)).toContainText('化学')
  await expect(row(page, OXYGEN)).toContainText('单选')
  await expect(row(page, OXYGEN)).toContainText('刘老师')
  await expect(row(page, OXYGEN)).toContainText('2026-10-19')
  // Newest first.
  await expect(rows(page).first()).toContainText(ONE_PLUS_ONE)
  // Only one's own drafts can be edited or deleted; published ones get a new version instead.
  await expect(row(page, OXYGEN).getByTestId('question-delete')).toHaveCount(0)
  await expect(row(page, OXYGEN).getByTestId('question-edit')).toHaveCount(0)
  await expect(row(page, OXYGEN).getByTestId('question-new-version')).toBeVisible()
  await expect(row(page, ONE_PLUS_ONE).getByTestId('question-edit')).toBeVisible()
  await shoot(page, 'question-bank-list-zh-CN')

  await page.getByTestId('question-filter-older').click()
  await expect(row(page, OLD_CAR).getByTestId('question-superseded')).toHaveText('旧版本')
  await expect(page.getByTestId('question-count')).toHaveText('共 8 题')
  await page.getByTestId('question-filter-older').click()

  await choose(page, page.getByTestId('question-filter-subject'), '数学')
  await expect(page.getByTestId('question-count')).toHaveText('共 3 题')
  await choose(page, page.getByTestId('question-filter-type'), '判断题')
  await expect(rows(page)).toHaveCount(1)
  await expect(rows(page)).toContainText('3+3=9')
  await clearSelect(page.getByTestId('question-filter-type'))
  await choose(page, page.getByTestId('question-filter-status'), '草稿')
  await expect(rows(page)).toHaveCount(1)
  await clearSelect(page.getByTestId('question-filter-status'))
  await clearSelect(page.getByTestId('question-filter-subject'))

  // Element Plus puts the input's attributes on the <input> itself.
  const search = page.getByTestId('question-filter-search')
  await search.fill('分子')
  await expect(rows(page)).toHaveCount(1)
  await expect(rows(page)).toContainText(OXYGEN)
  await search.fill('思故乡')
  await expect(rows(page)).toContainText(POEMS)
  await search.fill('english 汽车')
  await expect(rows(page)).toHaveCount(1)
  await search.fill('english 古诗')
  await expect(rows(page)).toHaveCount(0)
  await search.fill('')
  await choose(page, page.getByTestId('question-filter-author'), '刘老师')
  await expect(page.getByTestId('question-count')).toHaveText('共 3 题')
  await clearSelect(page.getByTestId('question-filter-author'))

  // The preview: options without the answer, then the answer marked and the explanation.
  await row(page, ONE_PLUS_ONE).getByTestId('question-preview').click()
  const dialog = page.getByTestId('question-preview-dialog')
  await expect(dialog.getByTestId('stem-view')).toHaveText(ONE_PLUS_ONE)
  await expect(dialog.getByTestId('preview-option')).toHaveText(['A. 1', 'B. 2', 'C. 3'])
  await expect(dialog.getByTestId('preview-correct')).toHaveCount(0)
  await expect(dialog.getByTestId('question-preview-explanation')).toHaveCount(0)
  await dialog.getByTestId('question-preview-answers').click()
  await expect(dialog.getByTestId('preview-correct')).toHaveCount(1)
  await expect(dialog.getByTestId('preview-option').nth(1).getByTestId('preview-correct')).toBeVisible()
  await expect(dialog.getByTestId('question-preview-explanation')).toContainText('一加一等于二')
  await shoot(page, 'question-bank-preview-zh-CN')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  // Ordering items come shuffled; the answers show the stored order.
  await row(page, ORDER).getByTestId('question-preview').click()
  await expect(dialog.getByTestId('preview-item')).toHaveCount(4)
  await expect(dialog.getByTestId('preview-item')).not.toHaveText(['秦', '汉', '唐', '宋'])
  await dialog.getByTestId('question-preview-answers').click()
  await expect(dialog.getByTestId('preview-answer')).toContainText('秦汉唐宋')
  await shoot(page, 'question-bank-preview-ordering-zh-CN')
  await page.keyboard.press('Escape')

  // Matching: the left column in order, a select of the (shuffled) right column for each.
  await row(page, POEMS).getByTestId('question-preview').click()
  await expect(dialog.getByTestId('preview-pair')).toHaveCount(3)
  await dialog.getByTestId('question-preview-answers').click()
  await expect(dialog.getByTestId('preview-answer').first()).toHaveText('疑是地上霜')
  await shoot(page, 'question-bank-preview-matching-zh-CN')
  await page.keyboard.press('Escape')

  // Fill in the blank: one input per blank, its accepted answers on demand.
  await row(page, TWO_PLUS_TWO.slice(0, 4)).getByTestId('question-preview').click()
  await expect(dialog.getByTestId('stem-view').locator('[data-blank="1"]')).toBeVisible()
  await expect(dialog.getByTestId('preview-blank').locator('input')).toHaveCount(1)
  await dialog.getByTestId('question-preview-answers').click()
  await expect(dialog.getByTestId('preview-answer')).toContainText('4、四')
  await shoot(page, 'question-bank-preview-fill-zh-CN')
  await page.keyboard.press('Escape')

  // Delete the own draft, after confirming.
  await row(page, ONE_PLUS_ONE).getByTestId('question-delete').click()
  await page.locator('.el-message-box').getByRole('button', { name: '删除' }).click()
  await expect(row(page, ONE_PLUS_ONE)).toHaveCount(0)
  await expect(page.getByTestId('question-count')).toHaveText('共 6 题')

  // A new version of a colleague's published question: 李老师's own draft, the published one stays listed.
  await row(page, OXYGEN).getByTestId('question-new-version').click()
  await expect(page).toHaveURL(/#\/questions\/[^/]+\/edit$/)
  await page.goBack()
  await expect(rows(page).filter({ hasText: OXYGEN })).toHaveCount(2)
  const draft = rows(page).filter({ hasText: OXYGEN }).filter({ hasText: '我的草稿' })
  await expect(draft.getByTestId('question-version')).toHaveText('v2')
  await expect(draft).toContainText('李老师')
  await expectSynced(page)
  await context.close()
})

test('the admin sees every draft, in English', async ({ browser }) => {
  const { context, page } = await openPc(browser, server.url, 'en')
  await openQuestionBank(page, ADMIN)
  await expect(row(page, LIU_DRAFT).getByTestId('question-status')).toHaveText('Draft')
  await expect(row(page, LIU_DRAFT).getByTestId('question-delete')).toHaveCount(0)
  await expect(row(page, POEMS)).toContainText('Matching')
  await expect(page.getByTestId('question-count')).toContainText('Questions:')
  await shoot(page, 'question-bank-list-en')

  await row(page, POEMS).getByTestId('question-preview').click()
  const dialog = page.getByTestId('question-preview-dialog')
  await dialog.getByTestId('question-preview-answers').click()
  await shoot(page, 'question-bank-preview-en')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  await row(page, ESSAY).getByTestId('question-preview').click()
  await expect(dialog.getByTestId('preview-text')).toBeVisible()
  await dialog.getByTestId('question-preview-answers').click()
  await expect(dialog.getByTestId('preview-answer')).toContainText('two reasons')
  await shoot(page, 'question-bank-preview-short-answer-en')
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()

  await row(page, UPLOAD).getByTestId('question-preview').click()
  await expect(dialog.getByTestId('preview-upload')).toContainText('Upload up to 3 files')
  await shoot(page, 'question-bank-preview-attachment-en')
  await page.keyboard.press('Escape')

  // The export dialog gets the filtered list.
  await page.getByTestId('question-filter-search').fill('古诗')
  await page.getByTestId('question-export').click()
  await expect(page.getByTestId('question-export-dialog')).toBeVisible()
  await expect(page.getByTestId('question-export-count')).toContainText('1')
  await page.keyboard.press('Escape')
  await expect(page.getByTestId('question-export-dialog')).toBeHidden()

  await page.getByTestId('question-add').click()
  await expect(page.getByTestId('question-add-fill_blank')).toHaveText('Fill in the blank')
  await page.getByTestId('question-add-fill_blank').click()
  await expect(page).toHaveURL(/#\/questions\/new\/fill_blank$/)
  await context.close()
})
