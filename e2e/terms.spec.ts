// TT-1 terms and TT-2 period definitions: an admin adds a term, is refused overlapping periods, copies the
// periods of the seeded term and saves; a second PC sees the term with its periods.
import { mkdirSync } from 'node:fs'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { expectSynced, logIn, openPc, SCREENSHOTS, shoot, type Locale } from './app.ts'
import { startServer, type RunningServer } from './server.ts'
import { ADMIN, SEEDED_TERM } from './demo-school.ts'

let server: RunningServer

test.beforeAll(async () => {
  server = await startServer()
  mkdirSync(SCREENSHOTS, { recursive: true })
})
test.afterAll(async () => server.stop())

function termRow(page: Page, name: string) {
  return page.getByTestId('term-row').filter({ has: page.getByText(name, { exact: true }) })
}

async function openTerms(page: Page): Promise<void> {
  await page.getByTestId('menu-terms').click()
  await expect(page.getByTestId('terms-page')).toBeVisible()
}

/** Picks a time in an `el-time-select` (an Element Plus select of times every 5 minutes). */
async function pickTime(page: Page, select: Locator, time: string): Promise<void> {
  await select.click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^${time}$`) }).click()
  await expect(select).toContainText(time)
}

const CASES: { locale: Locale; term: string }[] = [
  { locale: 'zh-TW', term: '2026-2027學年第二學期' },
  { locale: 'en', term: 'Spring term 2027' },
]

for (const { locale, term } of CASES) {
  test(`terms and their periods, copied from another term, reach another PC (${locale})`, async ({
    browser,
  }) => {
    const pcA = await openPc(browser, server.url, locale)
    const pcB = await openPc(browser, server.url, locale)
    const { page: a } = pcA
    const { page: b } = pcB
    for (const page of [a, b]) {
      await logIn(page, ADMIN.account, ADMIN.password)
      await expectSynced(page)
    }

    await openTerms(a)
    await expect(termRow(a, SEEDED_TERM)).toContainText('2026-09-01')
    await expect(termRow(a, SEEDED_TERM).getByTestId('term-period-count')).toHaveText('8')

    // A term whose dates overlap the seeded one: the form warns and asks before saving.
    await a.getByTestId('term-add').click()
    const name = a.getByTestId('term-form-name')
    await expect(name).toBeFocused()
    await name.fill(term)
    // The range picker puts its attributes on its inputs; both are `.el-range-input`.
    const dates = a.getByTestId('term-form-dialog').locator('.el-range-input')
    await dates.nth(0).fill('2027-01-10')
    await dates.nth(1).fill('2027-06-30')
    // Enter takes the typed range and closes the calendar (it would cover the remark field).
    await dates.nth(1).press('Enter')
    await expect(a.locator('.el-date-range-picker')).toBeHidden()
    await a.getByTestId('term-form-remark').click()
    await shoot(a, `terms-form-${locale}`)
    await a.getByTestId('term-form-submit').click()
    const warning = a.locator('.el-message-box')
    await expect(warning).toContainText(SEEDED_TERM)
    await shoot(a, `terms-overlap-warning-${locale}`)
    await warning.locator('.el-button--primary').click()
    await expect(a.getByTestId('term-form-dialog')).toBeHidden()
    await expect(termRow(a, term)).toContainText('2027-06-30')
    await expect(termRow(a, term).getByTestId('term-period-count')).toHaveText('0')
    await shoot(a, `terms-list-${locale}`)

    // Two periods, the second starting before the first ends: shown, and refused on save.
    await termRow(a, term).getByTestId('term-periods-open').click()
    const periods = a.getByTestId('term-periods')
    await expect(periods).toBeVisible()
    await a.getByTestId('period-add').click()
    await a.getByTestId('period-add').click()
    const rows = periods.getByTestId('period-row')
    await expect(rows).toHaveCount(2)
    await expect(rows.nth(0).getByTestId('period-start')).toContainText('08:00')
    await expect(rows.nth(1).getByTestId('period-start')).toContainText('08:55')
    await pickTime(a, rows.nth(1).getByTestId('period-start'), '08:30')
    const problems = a.getByTestId('periods-problems')
    await expect(problems).toContainText('08:00–08:45')
    await expect(problems).toContainText('08:30–09:40')
    await a.getByTestId('periods-save').click()
    await expect(a.locator('.el-message--error')).toContainText('08:30–09:40')
    await expect(periods).toBeVisible()
    await shoot(a, `terms-periods-overlap-${locale}`)

    // Copy the seeded term's periods over them, after confirmation, and save.
    await a.getByTestId('periods-copy').click()
    const source = a.getByTestId('periods-copy-source')
    await source.click()
    await a.locator('.el-select-dropdown__item:visible', { hasText: SEEDED_TERM }).click()
    await expect(source).toContainText(SEEDED_TERM)
    await shoot(a, `terms-periods-copy-${locale}`)
    await a.getByTestId('periods-copy-confirm').click()
    await expect(rows).toHaveCount(8)
    await expect(problems).toBeHidden()
    await expect(rows.nth(7).getByTestId('period-end')).toContainText('17:30')
    await shoot(a, `terms-periods-copied-${locale}`)
    await a.getByTestId('periods-save').click()
    await expect(periods).toBeHidden()
    await expect(termRow(a, term).getByTestId('term-period-count')).toHaveText('8')
    await expectSynced(a)

    // PC B sees the term with its periods, without a reload.
    await openTerms(b)
    await expect(termRow(b, term).getByTestId('term-period-count')).toHaveText('8')
    await termRow(b, term).getByTestId('term-periods-open').click()
    const periodsB = b.getByTestId('term-periods')
    await expect(periodsB.getByTestId('period-row')).toHaveCount(8)
    await expect(periodsB.getByTestId('period-row').nth(0).getByTestId('period-name')).toHaveValue('第1节')
    await expect(periodsB.getByTestId('period-row').nth(0).getByTestId('period-start')).toContainText('08:00')
    await shoot(b, `terms-periods-pc-b-${locale}`)

    await pcA.context.close()
    await pcB.context.close()
  })
}
