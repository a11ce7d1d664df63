// CAL-1 / CAL-3 the school calendar: the admin enters a holiday with a date range, edits it, and finds it again
// after a reload; a teacher on another PC adds an activity of their own but is offered no holiday and cannot
// change the admin's.
import { mkdirSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { expectSynced, logIn, openPc, openRoute, SCREENSHOTS, shoot, type Locale } from './app.ts'
import { startServer, type RunningServer } from './server.ts'
import { ADMIN, TEACHER } from './demo-school.ts'

const CLASS = '初一(1)班'

let server: RunningServer

test.beforeAll(async () => {
  server = await startServer()
  mkdirSync(SCREENSHOTS, { recursive: true })
})
test.afterAll(async () => server.stop())

function eventRow(page: Page, title: string) {
  return page.getByTestId('calendar-row').filter({ has: page.getByText(title, { exact: true }) })
}

async function openCalendar(page: Page): Promise<void> {
  await page.getByTestId('menu-calendar').click()
  await expect(page.getByTestId('calendar-page')).toBeVisible()
}

/** Types a range into the open form's date range picker; Enter takes it and closes the calendar. */
async function fillDates(page: Page, start: string, end: string): Promise<void> {
  const dates = page.getByTestId('calendar-form-dialog').locator('.el-range-input')
  await dates.nth(0).fill(start)
  await dates.nth(1).fill(end)
  await dates.nth(1).press('Enter')
  await expect(page.locator('.el-date-range-picker')).toBeHidden()
}

/** The holiday's confirmation names its days (no lessons exist in these tests); saving goes on once confirmed. */
async function confirmHoliday(page: Page, locale: Locale, days: number): Promise<void> {
  const box = page.locator('.el-message-box')
  await expect(box).toContainText(locale === 'en' ? `${days} day(s)` : `${days} 天`)
  await shoot(page, `calendar-holiday-confirm-${locale}`)
  await box.locator('.el-button--primary').click()
}

const CASES: {
  locale: Locale
  holiday: string
  renamed: string
  activity: string
  /** The screen's words for what the test checks, in `locale`. */
  words: { holiday: string; activity: string; wholeSchool: string; notForRole: string }
}[] = [
  {
    locale: 'zh-TW',
    holiday: '國慶節',
    renamed: '國慶節（延長）',
    activity: '秋季運動會',
    words: { holiday: '節假日', activity: '活動', wholeSchool: '全校', notForRole: '不能開啟「自動升班」' },
  },
  {
    locale: 'en',
    holiday: 'National Day',
    renamed: 'National Day (extended)',
    activity: 'Autumn sports day',
    words: {
      holiday: 'Holiday',
      activity: 'Activity',
      wholeSchool: 'Whole school',
      notForRole: '“Promotion” is not open to your role',
    },
  },
]

for (const { locale, holiday, renamed, activity, words } of CASES) {
  test(`an admin enters a holiday, a teacher adds an activity but no holiday (${locale})`, async ({
    browser,
  }) => {
    const adminPc = await openPc(browser, server.url, locale)
    const teacherPc = await openPc(browser, server.url, locale)
    const { page: a } = adminPc
    const { page: b } = teacherPc
    await Promise.all([logIn(a, ADMIN.account, ADMIN.password), logIn(b, TEACHER.account, TEACHER.password)])
    await expectSynced(a)

    // The admin adds a holiday: the title is focused, the type starts as activity (a holiday removes lessons, so
    // it is chosen on purpose), Enter in the title saves after the holiday is confirmed.
    await openCalendar(a)
    await a.getByTestId('calendar-add').click()
    const title = a.getByTestId('calendar-form-title')
    await expect(title).toBeFocused()
    await expect(a.getByTestId('calendar-form-type')).toContainText(words.activity)
    await a.getByTestId('calendar-form-type').click()
    await a.getByTestId('calendar-type-holiday').click()
    await expect(a.getByTestId('calendar-form-type')).toContainText(words.holiday)
    await title.fill(holiday)
    await fillDates(a, '2026-10-01', '2026-10-07')
    await shoot(a, `calendar-form-${locale}`)
    await title.press('Enter')
    await confirmHoliday(a, locale, 7)
    await expect(a.getByTestId('calendar-form-dialog')).toBeHidden()
    const row = eventRow(a, holiday)
    await expect(row).toContainText('2026-10-01')
    await expect(row.getByTestId('calendar-type')).toHaveText(words.holiday)
    await expect(row.getByTestId('calendar-days')).toHaveText('7')
    await expect(row.getByTestId('calendar-classes')).toHaveText(words.wholeSchool)

    // Edited: a new title and one more day.
    await row.getByTestId('calendar-edit').click()
    // The dialog focuses its first field once opened; typing before that could land in the wrong field.
    await expect(title).toBeFocused()
    await expect(title).toHaveValue(holiday)
    await title.fill(renamed)
    await fillDates(a, '2026-10-01', '2026-10-08')
    await a.getByTestId('calendar-form-submit').click()
    await confirmHoliday(a, locale, 8)
    await expect(a.getByTestId('calendar-form-dialog')).toBeHidden()
    await expect(eventRow(a, renamed).getByTestId('calendar-days')).toHaveText('8')
    await expectSynced(a)

    // The list survives a reload (read back from the local replica).
    await a.reload()
    await expect(a.getByTestId('calendar-page')).toBeVisible()
    await expect(eventRow(a, renamed).getByTestId('calendar-days')).toHaveText('8')
    await expect(eventRow(a, renamed)).toContainText('2026-10-08')

    // The teacher sees the holiday without edit or delete, and may add an event of another type.
    await expectSynced(b)
    await openCalendar(b)
    const holidayRow = eventRow(b, renamed)
    await expect(holidayRow.getByTestId('calendar-days')).toHaveText('8')
    await expect(holidayRow.getByTestId('calendar-edit')).toHaveCount(0)
    await expect(holidayRow.getByTestId('calendar-delete')).toHaveCount(0)
    await b.getByTestId('calendar-add').click()
    await expect(b.getByTestId('calendar-form-title')).toBeFocused()
    await b.getByTestId('calendar-form-title').fill(activity)
    await b.getByTestId('calendar-form-type').click()
    await expect(b.getByTestId('calendar-type-exam')).toBeVisible()
    await expect(b.getByTestId('calendar-type-holiday')).toHaveCount(0)
    await shoot(b, `calendar-teacher-types-${locale}`)
    await b.getByTestId('calendar-type-activity').click()
    await expect(b.getByTestId('calendar-form-type')).toContainText(words.activity)
    await fillDates(b, '2026-10-15', '2026-10-16')
    await b.getByTestId('calendar-form-classes').click()
    await b.locator('.el-select-dropdown__item:visible', { hasText: CLASS }).click()
    await b.getByTestId('calendar-form-content').fill('08:00 操場集合')
    await expect(b.getByTestId('calendar-form-classes')).toContainText(CLASS)
    await shoot(b, `calendar-teacher-form-${locale}`)
    await b.getByTestId('calendar-form-submit').click()
    await expect(b.getByTestId('calendar-form-dialog')).toBeHidden()
    const own = eventRow(b, activity)
    await expect(own.getByTestId('calendar-type')).toHaveText(words.activity)
    await expect(own.getByTestId('calendar-classes')).toHaveText(CLASS)
    await expect(own.getByTestId('calendar-days')).toHaveText('2')
    await expect(own.getByTestId('calendar-edit')).toBeVisible()
    await shoot(b, `calendar-teacher-list-${locale}`)
    await expectSynced(b)

    // A page not for teachers, typed as an address, is refused with a message; the calendar stays.
    await openRoute(b, '#/promotion')
    await expect(b.locator('.el-message--warning')).toContainText(words.notForRole)
    await expect(b.getByTestId('calendar-page')).toBeVisible()
    await expect(b.getByTestId('promotion-page')).toHaveCount(0)

    // The admin sees the teacher's activity arrive; the holiday filter hides it again.
    await expect(eventRow(a, activity).getByTestId('calendar-classes')).toHaveText(CLASS)
    await shoot(a, `calendar-list-${locale}`)
    await a.getByTestId('calendar-filter-holiday').click()
    await expect(eventRow(a, activity)).toHaveCount(0)
    await expect(eventRow(a, renamed)).toBeVisible()
    await shoot(a, `calendar-filter-holiday-${locale}`)

    await adminPc.context.close()
    await teacherPc.context.close()
  })
}
