// TT-1 … TT-9 end to end: an admin defines a term with periods copied from another term, builds a plan (a
// clashing entry is refused), generates the timetable, adjusts a lesson with a swap, exports the class week
// to Excel and PDF; the teacher, on another PC, sees the adjusted lesson in "my timetable".
import { mkdirSync, writeFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { expect, test, type Locator, type Page } from '@playwright/test'
import {
  choose,
  expectSynced,
  LOCALES,
  logIn,
  openPc,
  recordPrints,
  SCREENSHOTS,
  shoot,
  type Locale,
} from './app.ts'
import { startServer, type RunningServer } from './server.ts'
import { ADMIN, SEEDED_TERM, TEACHER } from './demo-school.ts'

const CLASS_1 = '初一(1)班'
const CLASS_2 = '初一(2)班'

let server: RunningServer

test.beforeAll(async () => {
  server = await startServer()
  mkdirSync(SCREENSHOTS, { recursive: true })
})
test.afterAll(async () => server.stop())

function cell(page: Page, column: string, periodIndex: number): Locator {
  return page.locator(`[data-test="grid-cell"][data-column="${column}"]`).nth(periodIndex)
}

async function createTermWithCopiedPeriods(page: Page, name: string, start: string, end: string) {
  await page.getByTestId('menu-terms').click()
  await page.getByTestId('term-add').click()
  await expect(page.getByTestId('term-form-name')).toBeFocused()
  await page.getByTestId('term-form-name').fill(name)
  const dates = page.getByTestId('term-form-dialog').locator('.el-range-input')
  await dates.nth(0).fill(start)
  await dates.nth(1).fill(end)
  await dates.nth(1).press('Enter')
  await page.getByTestId('term-form-submit').click()
  await expect(page.getByTestId('term-form-dialog')).toBeHidden()
  const row = page.getByTestId('term-row').filter({ hasText: name })
  await row.getByTestId('term-periods-open').click()
  await page.getByTestId('periods-copy').click()
  await choose(page, page.getByTestId('periods-copy-source'), SEEDED_TERM)
  await page.getByTestId('periods-copy-confirm').click()
  await page.getByTestId('periods-save').click()
  await expect(row.getByTestId('term-period-count')).toHaveText('8')
  return row
}

interface Entry {
  weekday?: string
  period?: string
  className?: string
  subject: string
  teacher?: string
  room: string
}

async function fillEntry(page: Page, entry: Entry): Promise<void> {
  const dialog = page.getByTestId('plan-entry-dialog')
  await expect(dialog).toBeVisible()
  if (entry.weekday) await choose(page, page.getByTestId('plan-entry-weekday'), entry.weekday)
  if (entry.period) await choose(page, page.getByTestId('plan-entry-period'), entry.period)
  if (entry.className) await choose(page, page.getByTestId('plan-entry-class'), entry.className)
  await choose(page, page.getByTestId('plan-entry-subject'), entry.subject)
  if (entry.teacher) await choose(page, page.getByTestId('plan-entry-teacher'), entry.teacher)
  await choose(page, page.getByTestId('plan-entry-room'), entry.room)
  await page.getByTestId('plan-entry-submit').click()
}

const CASES: { locale: Locale; term: string; start: string; end: string; monday: string; tuesday: string }[] =
  [
    {
      locale: 'zh-TW',
      term: '2026-2027學年第二學期',
      start: '2027-02-22',
      end: '2027-07-02',
      monday: '2027-02-22',
      tuesday: '2027-02-23',
    },
    {
      locale: 'en',
      term: 'Autumn term 2027',
      start: '2027-08-30',
      end: '2028-01-07',
      monday: '2027-08-30',
      tuesday: '2027-08-31',
    },
  ]

for (const { locale, term, start, end, monday, tuesday } of CASES) {
  test(`plan, generate, adjust with a swap, export; the teacher sees it (${locale})`, async ({ browser }) => {
    const admin = await openPc(browser, server.url, locale)
    const a = admin.page
    await logIn(a, ADMIN.account, ADMIN.password)
    await expectSynced(a)

    const row = await createTermWithCopiedPeriods(a, term, start, end)
    await row.getByTestId('term-plan-open').click()
    await expect(a.getByTestId('plan-page')).toBeVisible()
    await expect(a.getByTestId('timetable-term')).toContainText(term)
    await expect(a.getByTestId('plan-hint')).toBeVisible()
    await choose(a, a.getByTestId('filter-class'), CLASS_1)

    // Monday, first period: clicked in the grid, so weekday, period and class are filled in; 数学 brings
    // the class's math teacher (李老师) from the address book.
    await cell(a, '1', 0).click()
    await fillEntry(a, { subject: '数学', room: '教学楼A101' })
    await expect(a.getByTestId('plan-entry-dialog')).toBeHidden()
    await expect(cell(a, '1', 0).getByTestId('plan-entry')).toContainText('李老师')

    // Tuesday, second period: 语文 with 张老师.
    await cell(a, '2', 1).click()
    await fillEntry(a, { subject: '语文', teacher: '张老师', room: '教学楼A101' })
    await expect(cell(a, '2', 1).getByTestId('plan-entry')).toContainText('张老师')

    // Esc closes the add dialog, even with its first field (a select) focused.
    await a.getByTestId('plan-add').click()
    await expect(a.getByTestId('plan-entry-weekday').locator('input')).toBeFocused()
    await a.keyboard.press('Escape')
    await expect(a.getByTestId('plan-entry-dialog')).toBeHidden()

    // 李老师 for another class at the same time as his 初一(1)班 math: refused, naming that lesson.
    await a.getByTestId('plan-add').click()
    await fillEntry(a, {
      weekday: locale === 'en' ? 'Mon' : '週一',
      period: '第1节',
      className: CLASS_2,
      subject: '数学',
      teacher: '李老师',
      room: '教学楼A102',
    })
    const refusal = a.getByTestId('plan-entry-refusal')
    await expect(refusal).toContainText(CLASS_1)
    await expect(refusal).toContainText('数学')
    await shoot(a, `plan-refused-${locale}`)
    await a.getByTestId('plan-entry-cancel').click()
    await shoot(a, `plan-${locale}`)

    // Generate: 2 entries × 19 weeks.
    await a.getByTestId('plan-generate').click()
    await expect(a.getByTestId('generate-created')).toHaveText('38')
    await shoot(a, `plan-generate-${locale}`)
    await a.getByTestId('generate-submit').click()
    await expect(a.getByTestId('generate-dialog')).toBeHidden()

    // The week view of week 1: move math to Tuesday's second period, where 语文 is: offered as a swap.
    await a.getByTestId('menu-terms').click()
    await row.getByTestId('term-timetable-open').click()
    // Opens on the first class of the school.
    await expect(a.getByTestId('filter-class')).toContainText(CLASS_1)
    await expect(a.getByTestId('week-select')).toContainText(locale === 'en' ? 'Week 1' : '第1週')
    const math = cell(a, monday, 0).getByTestId('lesson')
    await expect(math).toContainText('数学')
    await math.click()
    const date = a.getByTestId('lesson-dialog').locator('.el-date-editor input')
    await date.fill(tuesday)
    await date.press('Enter')
    await choose(a, a.getByTestId('lesson-period'), '第2节')
    await expect(a.getByTestId('lesson-swappable')).toContainText('语文')
    await shoot(a, `timetable-swap-${locale}`)
    await a.getByTestId('lesson-swap').click()
    await expect(a.getByTestId('lesson-dialog')).toBeHidden()
    await expect(cell(a, tuesday, 1).getByTestId('lesson')).toContainText('数学')
    await expect(cell(a, monday, 0).getByTestId('lesson')).toContainText('语文')
    await shoot(a, `timetable-week-${locale}`)

    // Excel: the downloaded file has the swapped week.
    const [download] = await Promise.all([a.waitForEvent('download'), a.getByTestId('export-excel').click()])
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(await download.path())
    const sheet = workbook.worksheets[0]
    expect(String(sheet?.getCell('A1').value)).toContain(CLASS_1)
    expect(String(sheet?.getCell('C5').value)).toContain('数学')
    expect(String(sheet?.getCell('B4').value)).toContain('语文')

    // PDF: printing shows the week alone, under its title, and names the file after the class.
    const printedTitles = await recordPrints(a)
    await a.getByTestId('export-pdf').click()
    await expect.poll(printedTitles).toEqual([expect.stringContaining(CLASS_1)])
    await a.emulateMedia({ media: 'print' })
    await expect(a.getByTestId('side-menu')).toBeHidden()
    await expect(a.locator('h2.print-only')).toContainText(CLASS_1)
    const pdf = await a.pdf({ landscape: true, format: 'A4' })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    writeFileSync(`${SCREENSHOTS}/timetable-week-${locale}.pdf`, pdf)
    await a.emulateMedia({ media: 'screen' })
    await expectSynced(a)

    // The teacher, on another PC, sees the moved lesson in their own week.
    const teacher = await openPc(browser, server.url, locale)
    const t = teacher.page
    await logIn(t, TEACHER.account, TEACHER.password)
    await expectSynced(t)
    await t.getByTestId('menu-my-timetable').click()
    await choose(t, t.getByTestId('timetable-term'), term)
    await expect(cell(t, tuesday, 1).getByTestId('my-lesson')).toContainText('数学')
    await expect(cell(t, monday, 0).getByTestId('my-lesson')).toHaveCount(0)
    await shoot(t, `my-timetable-${locale}`)

    await admin.context.close()
    await teacher.context.close()
  })
}

const OLDER_TERMS: Record<Locale, { term: string; start: string; end: string }> = {
  'zh-CN': { term: '2024-2025学年第二学期', start: '2025-02-17', end: '2025-06-27' },
  'zh-TW': { term: '2024-2025學年第一學期', start: '2024-09-02', end: '2025-01-17' },
  en: { term: 'Spring term 2024', start: '2024-02-19', end: '2024-06-28' },
}

// Issue 18: the replica keeps the current and next term's lessons; an older term is fetched when opened online.
for (const locale of LOCALES) {
  test(`an older term: not on this PC offline, fetched once online (${locale})`, async ({ browser }) => {
    const { term, start, end } = OLDER_TERMS[locale]
    const { context, page } = await openPc(browser, server.url, locale)
    await logIn(page, ADMIN.account, ADMIN.password)
    await expectSynced(page)
    await createTermWithCopiedPeriods(page, term, start, end)

    // The week screen's code is loaded while online: this PC has no service worker in the test.
    await page
      .getByTestId('term-row')
      .filter({ hasText: SEEDED_TERM })
      .getByTestId('term-timetable-open')
      .click()
    await expect(page.getByTestId('timetable-page')).toBeVisible()
    await context.setOffline(true)
    await choose(page, page.getByTestId('timetable-term'), term)
    await expect(page.getByTestId('term-not-on-this-pc')).toBeVisible()
    await shoot(page, `timetable-term-not-on-this-pc-${locale}`)

    // Back online the term is fetched: its pulls are held until the screenshot is taken.
    let releasePulls = () => {}
    const pullsHeld = new Promise<void>((resolve) => (releasePulls = resolve))
    await page.route('**/api/sync/timetable/pull*', async (route) => {
      await pullsHeld
      await route.continue()
    })
    await context.setOffline(false)
    await expect(page.getByTestId('term-fetching')).toBeVisible()
    await shoot(page, `timetable-term-fetching-${locale}`)
    releasePulls()
    await expect(page.getByTestId('term-fetching')).toHaveCount(0)
    await expect(page.getByTestId('term-not-on-this-pc')).toHaveCount(0)
    await context.close()
  })
}
