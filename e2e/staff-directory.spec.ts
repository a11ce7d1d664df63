// AB-1 staff directory: an admin adds a department and a sub-department, is refused a staff member whose phone
// another person has (the message names them), adds a valid one into the sub-department, filters by the parent
// department and exports the rows on screen to Excel.
import { mkdirSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { expect, test, type Page } from '@playwright/test'
import { expectSynced, logIn, openPc, SCREENSHOTS, shoot, type Locale } from './app.ts'
import { startServer, type RunningServer } from './server.ts'
import { ADMIN } from './demo-school.ts'

/** A seeded teacher: their phone is taken. */
const TAKEN = { name: '李老师', phone: '13800000002' }

let server: RunningServer

test.beforeAll(async () => {
  server = await startServer()
  mkdirSync(SCREENSHOTS, { recursive: true })
})
test.afterAll(async () => server.stop())

function departmentNode(page: Page, name: string) {
  return page.getByTestId('department-node').filter({ hasText: name })
}

function staffRow(page: Page, name: string) {
  return page.getByTestId('staff-row').filter({ has: page.getByText(name, { exact: true }) })
}

async function submitDepartment(page: Page, name: string): Promise<void> {
  const field = page.getByTestId('department-form-name')
  await expect(field).toBeFocused()
  await field.fill(name)
  await expect(field).toHaveValue(name)
  await page.getByTestId('department-form-submit').click()
  await expect(page.getByTestId('department-form-dialog')).toBeHidden()
  await expect(departmentNode(page, name)).toBeVisible()
}

const CASES: { locale: Locale; parent: string; child: string; person: string; phone: string }[] = [
  { locale: 'zh-TW', parent: '教務處', child: '數學科組', person: '黃老師', phone: '13912340001' },
  { locale: 'en', parent: 'Academic office', child: 'Maths team', person: 'Ms Wong', phone: '13912340002' },
]

for (const { locale, parent, child, person, phone } of CASES) {
  test(`staff directory: departments, a staff member, filter and export (${locale})`, async ({ browser }) => {
    const { context, page } = await openPc(browser, server.url, locale)
    await logIn(page, ADMIN.account, ADMIN.password)
    await expectSynced(page)
    await page.getByTestId('menu-staff-directory').click()
    await expect(page.getByTestId('staff-directory-page')).toBeVisible()
    await expect(staffRow(page, TAKEN.name)).toBeVisible()

    // A department at the top, then a sub-department from its menu.
    await page.getByTestId('department-add').click()
    await submitDepartment(page, parent)
    await departmentNode(page, parent).getByTestId('department-more').click()
    const addChild = page.locator('[data-test="department-add-child"]:visible')
    await addChild.click()
    // The closing menu gives the focus back to its button: type only once it has.
    await expect(addChild).toBeHidden()
    await submitDepartment(page, child)
    await expect(departmentNode(page, child).getByTestId('department-count')).toHaveText('0')

    // Selected in the tree, the sub-department is where a new staff member starts.
    await departmentNode(page, child).locator('.label').click()
    await expect(page.getByTestId('staff-row')).toHaveCount(0)
    await page.getByTestId('staff-add').click()
    const name = page.getByTestId('staff-form-name')
    await expect(name).toBeFocused()
    await name.fill(person)
    await page.getByTestId('staff-form-phone').fill(TAKEN.phone)
    await page.getByTestId('staff-form-staff-no').fill(`T-${locale}`)
    await page.getByTestId('staff-form-position').fill(locale === 'en' ? 'Maths teacher' : '數學老師')
    const dialog = page.getByTestId('staff-form-dialog')
    // (The tree select's dropdown carries the same data-test.)
    await expect(dialog.getByTestId('staff-form-departments')).toContainText(child)
    await page.getByTestId('staff-form-submit').click()
    await expect(dialog.locator('.el-form-item__error')).toContainText(TAKEN.name)
    await shoot(page, `staff-directory-duplicate-phone-${locale}`)

    await page.getByTestId('staff-form-phone').fill(phone)
    await page.getByTestId('staff-form-submit').click()
    await expect(dialog).toBeHidden()
    await expect(staffRow(page, person)).toContainText(child)
    await expect(departmentNode(page, child).getByTestId('department-count')).toHaveText('1')
    await expect(departmentNode(page, parent).getByTestId('department-count')).toHaveText('1')

    // The parent department shows the staff of its sub-departments; nobody else.
    await departmentNode(page, parent).locator('.label').click()
    await expect(page.getByTestId('staff-row')).toHaveCount(1)
    await expect(staffRow(page, person)).toContainText(phone)
    await shoot(page, `staff-directory-list-${locale}`)

    // A department with a sub-department is not deleted: the message says why.
    await departmentNode(page, parent).getByTestId('department-more').click()
    await page.locator('[data-test="department-delete"]:visible').click()
    const refusal = page.locator('.el-message-box')
    await expect(refusal).toContainText(parent)
    await shoot(page, `staff-directory-delete-refused-${locale}`)
    await refusal.locator('.el-button--primary').click()
    await expect(departmentNode(page, parent)).toBeVisible()

    // Export: exactly the rows on screen, with the table's columns.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('staff-export').click(),
    ])
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.readFile(await download.path())
    const sheet = workbook.worksheets[0]
    expect(sheet?.rowCount).toBe(2)
    const values = (row: number) => (sheet?.getRow(row).values as unknown[]).slice(1).map(String)
    expect(values(2).slice(0, 5)).toEqual([
      person,
      phone,
      `T-${locale}`,
      locale === 'en' ? 'Maths teacher' : '數學老師',
      child,
    ])
    expect(values(1)[1]).toBe(locale === 'en' ? 'Phone' : '手機號碼')

    // All staff again, with the filters of missing information (the seeded staff have no staff no.).
    await page.getByTestId('department-node').first().click()
    await page.getByTestId('staff-filter-missing').click()
    await page.mouse.move(0, 0)
    await expect(staffRow(page, TAKEN.name)).toBeVisible()
    await expect(staffRow(page, person)).toHaveCount(0)
    await shoot(page, `staff-directory-missing-${locale}`)
    await expectSynced(page)
    await context.close()
  })
}
