// The demo school's seeded timetable as a newcomer meets it: the week view and the plan open on the first class
// for an admin and on the teacher's own week for a teacher; the whole-school overview (TT-13) shows every class
// on one day and the teachers' free periods, and prints and exports as it looks.
import { mkdirSync, writeFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { expectSynced, logIn, openPc, recordPrints, SCREENSHOTS, shoot, type Locale } from './app.ts'
import { startServer, type RunningServer } from './server.ts'
import { ADMIN, TEACHER } from './demo-school.ts'

const CLASSES = ['初一(1)班', '初一(2)班', '初一(3)班', '初二(1)班']
/** A Monday of the seeded term. */
const MONDAY = '2026-12-07'

let server: RunningServer

test.beforeAll(async () => {
  server = await startServer({ DEMO_TIMETABLE: '1' })
  mkdirSync(SCREENSHOTS, { recursive: true })
})
test.afterAll(async () => server.stop())

function row(page: Page, title: string): Locator {
  return page.locator('tr').filter({ has: page.getByTestId('grid-row').filter({ hasText: title }) })
}

async function pickDay(page: Page, date: string): Promise<void> {
  const input = page.getByTestId('overview-date').locator('input')
  await input.fill(date)
  await input.press('Enter')
  await expect(input).toHaveValue(date)
}

const CASES: { locale: Locale; weekday: string; free: string; freeCount: (n: number) => string }[] = [
  { locale: 'zh-CN', weekday: '周一', free: '空', freeCount: (n) => `空 ${n} 节` },
  { locale: 'zh-TW', weekday: '週一', free: '空堂', freeCount: (n) => `空堂 ${n} 節` },
  { locale: 'en', weekday: 'Mon', free: 'free', freeCount: (n) => `${n} free` },
]

for (const { locale, weekday, free, freeCount } of CASES) {
  test(`the seeded timetable opens on something useful; the school overview of a day (${locale})`, async ({
    browser,
  }) => {
    const admin = await openPc(browser, server.url, locale)
    const a = admin.page
    await logIn(a, ADMIN.account, ADMIN.password)
    await expectSynced(a)

    // The week view opens on the first class, with its lessons: no empty grid, no "pick something" hint.
    await a.getByTestId('menu-timetable').click()
    await expect(a.getByTestId('filter-class')).toContainText(CLASSES[0] ?? '')
    await expect(a.getByTestId('lesson').first()).toBeVisible()
    await expect(a.getByTestId('timetable-hint')).toHaveCount(0)
    await shoot(a, `timetable-opening-${locale}`)
    // The plan too: 初一(1)班 has a junior middle school's full week, 37 lessons of its 13 subjects.
    await a.getByTestId('menu-plan').click()
    await expect(a.getByTestId('filter-class')).toContainText(CLASSES[0] ?? '')
    await expect(a.getByTestId('plan-entry')).toHaveCount(37)
    // Reset comes back to it; clearing the class still asks for a criterion.
    await a.getByTestId('filter-class').hover()
    await a.getByTestId('filter-class').locator('.el-select__clear').click()
    await expect(a.getByTestId('plan-entry')).toHaveCount(0)
    await a.getByTestId('filter-reset').click()
    await expect(a.getByTestId('plan-entry')).toHaveCount(37)
    await shoot(a, `plan-opening-${locale}`)

    // The overview: every class in school order, on a Monday.
    await a.getByTestId('menu-timetable-overview').click()
    await expect(a.getByTestId('overview-page')).toBeVisible()
    await pickDay(a, MONDAY)
    await expect(a.getByTestId('overview-day')).toContainText(weekday)
    await expect(a.getByTestId('grid-row')).toHaveText(CLASSES)
    const class1 = row(a, CLASSES[0] ?? '')
    // 初一(1)班 on Mondays: 道德与法治, 数学, 语文, 英语 in the morning; 体育, 物理, 地理 in the afternoon.
    await expect(class1.getByTestId('overview-lesson')).toHaveCount(7)
    await expect(class1.getByTestId('grid-cell').nth(1)).toContainText('数学')
    await expect(class1.getByTestId('grid-cell').nth(1)).toContainText('李老师')
    await expect(a.getByTestId('overview-free')).toHaveCount(0)
    await shoot(a, `overview-classes-${locale}`)

    // Excel: the day as a table of classes × periods.
    const [download] = await Promise.all([a.waitForEvent('download'), a.getByTestId('export-excel').click()])
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(await download.path())
    const sheet = workbook.worksheets[0]
    expect(String(sheet?.getCell('A1').value)).toContain(MONDAY)
    expect(String(sheet?.getCell('A4').value)).toBe(CLASSES[0])
    expect(String(sheet?.getCell('C4').value)).toContain('数学')

    // Teachers' free periods: 李老师 teaches 数学 in 初一(1)班 (2nd) and 初一(3)班 (4th) on Mondays.
    await a.getByTestId('overview-view-teachers').click()
    const li = row(a, '李老师')
    await expect(li.getByTestId('overview-lesson')).toHaveCount(2)
    await expect(li.getByTestId('grid-cell').nth(3)).toContainText(CLASSES[2] ?? '')
    await expect(li.getByTestId('overview-free')).toHaveCount(6)
    await expect(li.getByTestId('overview-free').first()).toHaveText(free)
    await expect(li.getByTestId('grid-row')).toContainText(freeCount(6))
    await shoot(a, `overview-teachers-${locale}`)

    // The next day, then print: the grid alone under its title.
    await a.getByTestId('overview-next').click()
    await expect(a.getByTestId('overview-date').locator('input')).toHaveValue('2026-12-08')
    const printedTitles = await recordPrints(a)
    await a.getByTestId('export-pdf').click()
    await expect.poll(printedTitles).toEqual([expect.stringContaining('2026-12-08')])
    await a.emulateMedia({ media: 'print' })
    await expect(a.getByTestId('side-menu')).toBeHidden()
    await expect(a.getByTestId('overview-view')).toBeHidden()
    await expect(a.locator('h2.print-only')).toContainText('2026-12-08')
    const pdf = await a.pdf({ landscape: true, format: 'A4' })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    writeFileSync(`${SCREENSHOTS}/overview-teachers-${locale}.pdf`, pdf)
    await a.emulateMedia({ media: 'screen' })

    // A teacher's week view and plan open on their own lessons.
    const teacher = await openPc(browser, server.url, locale)
    const t = teacher.page
    await logIn(t, TEACHER.account, TEACHER.password)
    await expectSynced(t)
    await t.getByTestId('menu-timetable').click()
    await expect(t.getByTestId('filter-teacher')).toContainText('李老师')
    await expect(t.getByTestId('lesson').first()).toContainText('数学')
    await shoot(t, `timetable-opening-teacher-${locale}`)
    await t.getByTestId('menu-plan').click()
    await expect(t.getByTestId('filter-teacher')).toContainText('李老师')
    await expect(t.getByTestId('plan-entry')).toHaveCount(12)

    await admin.context.close()
    await teacher.context.close()
  })
}
