// Courses (issue 14, DESIGN §7.3): a teacher builds a course with a chapter tree and a PDF, partly with no network,
// publishes and lists it; another teacher's PC sees it arrive; demo2's admin finds it in the course library and
// opens the PDF; a guardian of a shared class reads it on a phone. The screens in three languages.
import { mkdirSync } from 'node:fs'
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test'
import { PNG } from 'pngjs'
import {
  choose,
  expectSynced,
  logIn,
  NARROW_PHONE,
  openPc,
  openPhone,
  openRoute,
  phoneLogIn,
  SCREENSHOTS,
  shoot,
  syncStatus,
  type Locale,
} from './app.ts'
import { onePagePdf } from './fixtures/pdf.ts'
import { DEMO_PASSWORD, GUARDIAN } from './notice-pages.ts'
import { startServer, type RunningServer } from './server.ts'

const TEACHER = '13800000002'
const OTHER_TEACHER = '13800000004'
const DEMO2_ADMIN = '13800000101'
const PDF_NAME = '力学讲义.pdf'
/** A 16 × 9 blue PNG. */
const COVER_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAJCAIAAAC0SDtlAAAAFElEQVR4nGNwaPhPEmIY1TAoNAAANOn7ccfvmlcAAAAASUVORK5CYII='

let server: RunningServer
test.use({ actionTimeout: 15_000 })
test.beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  server = await startServer()
})
test.afterAll(async () => server.stop())

/** Shares of a PNG's pixels that are dark (a toolbar, a viewer still loading) and pure white (a painted page). */
function pngTones(png: Buffer): { dark: number; white: number } {
  const { data, width, height } = PNG.sync.read(png)
  let dark = 0
  let white = 0
  for (let i = 0; i < data.length; i += 4) {
    const red = data.readUInt8(i)
    const green = data.readUInt8(i + 1)
    const blue = data.readUInt8(i + 2)
    if (red < 100 && green < 100 && blue < 100) dark++
    else if (red === 255 && green === 255 && blue === 255) white++
  }
  const pixels = width * height
  return { dark: dark / pixels, white: white / pixels }
}

/**
 * Waits until Chromium's PDF viewer has painted the page in `frame`, so that a screenshot shows the PDF: its dark
 * toolbar and a white page. A viewer still loading is one flat dark area; a frame not yet navigated shows the card
 * behind it. (A byte-size test of the screenshot misjudged the narrow phone frame, painted at under 4 KB.)
 */
async function expectPdfPainted(frame: Locator): Promise<void> {
  await expect
    .poll(
      async () => {
        const tones = pngTones(await frame.screenshot())
        return tones.dark > 0.02 && tones.white > 0.2
      },
      { timeout: 60_000 },
    )
    .toBe(true)
}

const courseRow = (page: Page, title: string) =>
  page.getByTestId('course-row').filter({ has: page.getByText(title, { exact: true }) })
const chapterNode = (page: Page, title: string) =>
  page.getByTestId('chapter-node').filter({ has: page.getByText(title, { exact: true }) })

/** Answers the chapter title prompt. */
async function typeTitle(page: Page, title: string): Promise<void> {
  const prompt = page.locator('.chapter-prompt')
  await prompt.locator('input').fill(title)
  await prompt.locator('.el-message-box__btns .el-button--primary').click()
  await expect(prompt).toBeHidden()
}

async function addChapter(page: Page, title: string, parent?: string): Promise<void> {
  if (parent) {
    await chapterNode(page, parent).click()
    await page.getByTestId('chapter-tool-addChild').click()
  } else {
    await page.getByTestId('chapter-add').click()
  }
  await typeTitle(page, title)
  await expect(chapterNode(page, title)).toBeVisible()
}

/** Fills the new-course dialog: shared with 初一(1)班 of the school and with the school demo2. */
async function createCourse(page: Page, title: string, cover = false): Promise<void> {
  await page.getByTestId('course-add').click()
  await expect(page.getByTestId('course-form-title')).toBeFocused()
  await page.getByTestId('course-form-title').fill(title)
  if (cover) {
    await page.getByTestId('course-form-cover-input').setInputFiles({
      name: 'cover.png',
      mimeType: 'image/png',
      buffer: Buffer.from(COVER_PNG, 'base64'),
    })
    await expect(page.getByTestId('course-form-dialog').getByTestId('blob-image')).toBeVisible()
  }
  await page.getByTestId('course-form-lecturer').fill('李老师')
  await page.getByTestId('course-form-description').fill('力与运动的入门课。')
  await choose(page, page.getByTestId('course-form-classes'), '初一(1)班')
  await page.getByTestId('course-form-dialog').locator('.el-dialog__title').click()
  await choose(page, page.getByTestId('course-form-schools'), '第二示范学校')
  await page.getByTestId('course-form-dialog').locator('.el-dialog__title').click()
  await page.getByTestId('course-form-submit').click()
  await expect(page.getByTestId('chapter-editor')).toBeVisible()
  await expect(page.getByTestId('course-editor-title')).toHaveText(title)
}

/**
 * A 390 px phone of the guardian 陈家长 (初一(1)班, which the courses are shared with) opens the course `title` and
 * finds its PDF shown; screenshots of the list and the course.
 */
async function readOnPhone(browser: Browser, locale: Locale, title: string, chapter: string): Promise<void> {
  const { context, page: phone } = await openPhone(browser, server.url, locale, NARROW_PHONE)
  await phoneLogIn(phone, GUARDIAN, DEMO_PASSWORD)
  await phone.getByTestId('m-courses-link').click()
  const item = phone.getByTestId('m-course-item').filter({ hasText: title })
  await expect(item).toBeVisible()
  await shoot(phone, `courses-phone-list-${locale}`)
  await item.click()
  await expect(phone.getByTestId('m-course-title')).toHaveText(title)
  await expect(phone.getByTestId('m-chapter-title')).toHaveText(chapter)
  await expect(phone.getByTestId('m-course-file')).toHaveAttribute('data-state', 'ready')
  await expect(phone.getByTestId('m-course-file-view')).toHaveAttribute('src', /^blob:/)
  await expectPdfPainted(phone.getByTestId('m-course-file-view'))
  await shoot(phone, `courses-phone-course-${locale}`)
  await context.close()
}

test('a teacher builds and lists a course partly offline; a colleague, demo2 and a guardian read it', async ({
  browser,
}) => {
  test.setTimeout(300_000)
  const title = '趣味物理（离线编写）'
  const pc = await openPc(browser, server.url, 'zh-CN')
  const page = pc.page
  await logIn(page, TEACHER, DEMO_PASSWORD)
  await expectSynced(page)
  // A colleague's PC shows the school's courses while the course is made.
  const colleague = await openPc(browser, server.url, 'zh-CN')
  await logIn(colleague.page, OTHER_TEACHER, DEMO_PASSWORD)
  await colleague.page.getByTestId('menu-courses').click()
  await colleague.page.locator('#tab-school').click()

  // In web mode a screen's code comes from the server on its first visit: open them before the network goes.
  await page.getByTestId('menu-course-library').click()
  await expect(page.getByTestId('course-library')).toBeVisible()
  await page.getByTestId('menu-courses').click()
  await expect(page.getByTestId('courses-page')).toBeVisible()
  await createCourse(page, title)
  await page.getByTestId('course-editor-view').click()
  await expect(page.getByTestId('course-viewer')).toBeVisible()
  await page.getByTestId('viewer-back').click()
  await expect(page.getByTestId('chapter-editor')).toBeVisible()

  await pc.context.setOffline(true)
  await expect(syncStatus(page)).toHaveAttribute('data-phase', 'offline')
  await addChapter(page, '第一章 力')
  await addChapter(page, '1.1 重力', '第一章 力')
  await addChapter(page, '1.2 弹力', '第一章 力')
  await chapterNode(page, '1.1 重力').click()
  await page.getByTestId('attachment-input').setInputFiles({
    name: PDF_NAME,
    mimeType: 'application/pdf',
    buffer: onePagePdf('Gravity 1.1'),
  })
  await expect(page.getByTestId('attachment')).toContainText(PDF_NAME)
  await expect(page.getByTestId('chapter-uploads')).toHaveAttribute('data-pending', '1')
  await expect(page.getByTestId('attachment-waiting')).toBeVisible()
  // 1.2 has no file yet: publishing chapter 1 with all its sub-chapters is refused in words.
  await chapterNode(page, '第一章 力').click()
  await page.getByTestId('chapter-publish').click()
  await expect(page.getByTestId('course-problems')).toContainText('“1.2 弹力”没有子章节也没有附件')
  await shoot(page, 'courses-refused-zh-CN')
  await page.locator('.el-message-box__btns .el-button--primary').click()
  // A chapter that holds a file takes no sub-chapter.
  await chapterNode(page, '1.1 重力').click()
  await expect(page.getByTestId('chapter-tool-addChild')).toBeDisabled()
  await chapterNode(page, '1.2 弹力').click()
  await page.getByTestId('chapter-tool-delete').click()
  await page.locator('.el-message-box__btns .el-button--danger').click()
  await expect(chapterNode(page, '1.2 弹力')).toHaveCount(0)
  await chapterNode(page, '第一章 力').click()
  await page.getByTestId('chapter-publish').click()
  await expect(chapterNode(page, '1.1 重力')).toHaveAttribute('data-published', 'true')
  await expect(syncStatus(page)).not.toHaveAttribute('data-pending', '0')
  // Still offline: the file waits for upload, and the viewer shows the PDF from this PC.
  await chapterNode(page, '1.1 重力').click()
  await expect(page.getByTestId('attachment-waiting')).toBeVisible()
  await shoot(page, 'courses-editor-offline-zh-CN')
  await page.getByTestId('chapter-view').click()
  await expect(page.getByTestId('reader-title')).toHaveText('1.1 重力')
  await expect(page.locator('[data-test="attachment-view"][data-kind="pdf"]')).toHaveAttribute(
    'data-shown',
    'true',
  )
  await shoot(page, 'courses-viewer-offline-zh-CN')
  await page.getByTestId('viewer-back').click()
  await expect(page.getByTestId('chapter-editor')).toBeVisible()

  await pc.context.setOffline(false)
  await expectSynced(page)
  await chapterNode(page, '1.1 重力').click()
  await expect(page.getByTestId('chapter-uploads')).toHaveAttribute('data-pending', '0')
  await expect(page.getByTestId('attachment-waiting')).toHaveCount(0)
  await page.getByTestId('course-editor-list').click()
  await expect(page.getByTestId('course-status')).toHaveAttribute('data-status', 'listed')
  await expectSynced(page)
  await shoot(page, 'courses-editor-zh-CN')

  // The colleague's list shows it without a reload.
  const row = courseRow(colleague.page, title)
  await expect(row.getByTestId('course-status')).toHaveAttribute('data-status', 'listed')
  await expect(row.getByTestId('course-chapter-count')).toContainText('2')
  await shoot(colleague.page, 'courses-list-zh-CN')
  await colleague.context.close()

  // demo2's admin finds it in the course library and opens the PDF.
  const other = await openPc(browser, server.url, 'zh-CN')
  await logIn(other.page, DEMO2_ADMIN, DEMO_PASSWORD)
  await other.page.getByTestId('menu-course-library').click()
  const card = other.page.getByTestId('library-course').filter({ hasText: title })
  await expect(card.getByTestId('library-school')).toContainText('示范学校')
  await shoot(other.page, 'courses-library-zh-CN')
  await card.getByTestId('library-open').click()
  await expect(other.page.getByTestId('reader-title')).toHaveText('1.1 重力')
  const pdf = other.page.locator('[data-test="attachment-view"][data-kind="pdf"]')
  await expect(pdf).toHaveAttribute('data-state', 'ready')
  await expect(pdf.getByTestId('attachment-pdf')).toHaveAttribute('src', /^blob:/)
  await expect(pdf).toHaveAttribute('data-shown', 'true')
  await expectPdfPainted(pdf.getByTestId('attachment-pdf'))
  await shoot(other.page, 'courses-library-viewer-zh-CN')
  // Copy to my school: an editable, unpublished draft of demo2's, with its file.
  await other.page.getByTestId('library-viewer-copy').click()
  await other.page.locator('.el-message-box__btns .el-button--primary').click()
  await expect(other.page.getByTestId('course-editor-title')).toHaveText(title)
  await expect(other.page.getByTestId('course-status')).toHaveAttribute('data-status', 'draft')
  await expect(chapterNode(other.page, '1.1 重力')).toHaveAttribute('data-published', 'false')
  await chapterNode(other.page, '1.1 重力').click()
  await expect(other.page.getByTestId('attachment')).toContainText(PDF_NAME)
  await expectSynced(other.page)
  await expect(other.page.getByTestId('chapter-uploads')).toHaveAttribute('data-pending', '0')
  await other.context.close()
  await pc.context.close()

  await readOnPhone(browser, 'zh-CN', title, '1.1 重力')
})

const WORDS: Record<Exclude<Locale, 'zh-CN'>, { title: string }> = {
  'zh-TW': { title: '雲課示例（繁體）' },
  en: { title: 'Sample course (en)' },
}

for (const locale of ['zh-TW', 'en'] as const) {
  test(`list, chapter tree and viewer in ${locale}`, async ({ browser }) => {
    const { title } = WORDS[locale]
    const pc = await openPc(browser, server.url, locale)
    const page = pc.page
    await logIn(page, TEACHER, DEMO_PASSWORD)
    await expectSynced(page)
    await page.getByTestId('menu-courses').click()
    await createCourse(page, title, true)
    await addChapter(page, 'Unit 1')
    await addChapter(page, 'Lesson 1', 'Unit 1')
    await chapterNode(page, 'Lesson 1').click()
    await page.getByTestId('attachment-input').setInputFiles({
      name: 'lesson-1.pdf',
      mimeType: 'application/pdf',
      buffer: onePagePdf('Lesson 1'),
    })
    await expect(page.getByTestId('attachment')).toContainText('lesson-1.pdf')
    // The context menu offers the same commands; no sub-chapter under a chapter with files.
    await chapterNode(page, 'Lesson 1').click({ button: 'right' })
    await expect(page.getByTestId('chapter-menu')).toBeVisible()
    await expect(page.getByTestId('chapter-menu-addChild')).toHaveClass(/is-disabled/)
    await page.getByTestId('chapter-root').click()
    await expect(page.getByTestId('chapter-menu')).toBeHidden()
    await page.getByTestId('course-editor-list').click()
    await expect(page.getByTestId('course-problems')).toBeVisible()
    await shoot(page, `courses-refused-${locale}`)
    await page.locator('.el-message-box__btns .el-button--primary').click()
    await chapterNode(page, 'Unit 1').click()
    await page.getByTestId('chapter-publish').click()
    await expect(chapterNode(page, 'Lesson 1')).toHaveAttribute('data-published', 'true')
    await page.getByTestId('course-editor-list').click()
    await expect(page.getByTestId('course-status')).toHaveAttribute('data-status', 'listed')
    await shoot(page, `courses-editor-${locale}`)
    await page.getByTestId('course-editor-view').click()
    const pdf = page.locator('[data-test="attachment-view"][data-kind="pdf"]')
    await expect(pdf).toHaveAttribute('data-shown', 'true')
    await expectPdfPainted(pdf.getByTestId('attachment-pdf'))
    await shoot(page, `courses-viewer-${locale}`)
    await openRoute(page, '#/courses')
    await expect(courseRow(page, title)).toBeVisible()
    await shoot(page, `courses-list-${locale}`)
    await pc.context.close()

    const other = await openPc(browser, server.url, locale)
    await logIn(other.page, DEMO2_ADMIN, DEMO_PASSWORD)
    await other.page.getByTestId('menu-course-library').click()
    await expect(other.page.getByTestId('library-course').filter({ hasText: title })).toBeVisible()
    await expect(other.page.getByTestId('library-cover').first()).toBeVisible()
    await shoot(other.page, `courses-library-${locale}`)
    await other.context.close()
    await readOnPhone(browser, locale, title, 'Lesson 1')
  })
}
