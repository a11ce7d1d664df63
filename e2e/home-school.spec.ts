// AB-2 / AB-6 home-school directory: an admin opens 初一(1)班, sees its students and guardians, sets the head
// teacher and a subject teacher, adds a student whose guardian's phone is an existing guardian's (linked, not
// duplicated), sees the class's key-information list and exports it to Excel.
import { mkdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { readTables } from '../renderer/src/ui/excel/workbook.ts'
import { choose, expectSynced, logIn, openPc, SCREENSHOTS, shoot, type Locale } from './app.ts'
import { startServer, type RunningServer } from './server.ts'
import { ADMIN } from './demo-school.ts'

const CLASS_KEY = 'class:demo-class-g7-1'
const CHEN_PHONE = '13900000001'

let server: RunningServer

test.beforeAll(async () => {
  server = await startServer()
  mkdirSync(SCREENSHOTS, { recursive: true })
})
test.afterAll(async () => server.stop())

function studentRow(page: Page, name: string) {
  return page.getByTestId('student-row').filter({ has: page.getByText(name, { exact: true }) })
}

interface WireDoc {
  id: string
  kind: string
  name?: string
  phone?: string
  _deleted: boolean
  children?: { studentId: string }[]
}

/** The school's address book as the server stores it (what every other PC pulls). */
async function serverOrg(): Promise<WireDoc[]> {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ account: ADMIN.account, password: ADMIN.password }),
  })
  const { accessToken } = (await login.json()) as { accessToken: string }
  const pull = await fetch(`${server.url}/api/sync/org/pull?seq=0&limit=1000`, {
    headers: { Authorization: `Bearer ${accessToken}` },
  })
  expect(pull.status).toBe(200)
  const { documents } = (await pull.json()) as { documents: WireDoc[] }
  return documents.filter((doc) => !doc._deleted)
}

const CASES: {
  locale: Locale
  head: string
  subject: [string, string]
  student: { name: string; no: string }
  guardianLabel: string
  idNumber: string
  /** The key-information badge of the table. */
  idBadge: string
}[] = [
  {
    locale: 'zh-TW',
    head: '张老师',
    subject: ['语文', '张老师'],
    student: { name: '陈小红', no: '20267191' },
    guardianLabel: '陈家长（父亲）13900000001',
    idNumber: '身份證號碼',
    idBadge: '身份證',
  },
  {
    locale: 'en',
    head: '孙老师',
    subject: ['历史', '周老师'],
    student: { name: '陈小刚', no: '20267192' },
    guardianLabel: '陈家长 (父亲) 13900000001',
    idNumber: 'ID number',
    idBadge: 'ID no.',
  },
]

for (const { locale, head, subject, student, guardianLabel, idNumber, idBadge } of CASES) {
  test(`home-school directory: class, teachers, a linked guardian, key information (${locale})`, async ({
    browser,
  }) => {
    const { context, page } = await openPc(browser, server.url, locale)
    await logIn(page, ADMIN.account, ADMIN.password)
    await expectSynced(page)
    await page.getByTestId('menu-home-school').click()
    await expect(page.getByTestId('home-school-page')).toBeVisible()

    // The demo school has classes without campus or grade documents: they sit under "no campus" → 初一.
    const classNode = page.locator(`[data-node="${CLASS_KEY}"]`)
    await expect(classNode.getByTestId('directory-count')).toHaveText(/^\d+$/)
    await classNode.click()
    await expect(page.getByTestId('class-title')).toHaveText('初一(1)班')
    await expect(studentRow(page, '陈小明').getByTestId('student-guardians')).toContainText(guardianLabel)
    await expect(studentRow(page, '王子涵')).toBeVisible()
    await shoot(page, `home-school-class-${locale}`)

    // Head teacher and one more subject teacher.
    await page.getByTestId('class-edit-teachers').click()
    const dialog = page.getByTestId('teachers-dialog')
    await expect(dialog).toBeVisible()
    await choose(page, dialog.getByTestId('teachers-head'), head)
    await dialog.getByTestId('teachers-row-add').click()
    const row = dialog.getByTestId('teachers-row').last()
    await choose(page, row.getByTestId('teachers-row-subject'), subject[0])
    await choose(page, row.getByTestId('teachers-row-teacher'), subject[1])
    await shoot(page, `home-school-teachers-${locale}`)
    await dialog.getByTestId('teachers-save').click()
    await expect(dialog).toBeHidden()
    await expect(page.getByTestId('class-head-teacher')).toHaveText(head)
    await expect(page.getByTestId('class-subject-teachers')).toContainText(`${subject[0]} ${subject[1]}`)

    // A student whose guardian has the phone of 陈家长: linked to that guardian, not a second one.
    await page.getByTestId('student-add').click()
    const name = page.getByTestId('student-form-name')
    await expect(name).toBeFocused()
    await name.fill(student.name)
    // 陈小明's number first: refused, naming him.
    await page.getByTestId('student-form-student-no').fill('20267101')
    await page.getByTestId('student-form-national-no').click()
    await expect(page.getByTestId('student-form-dialog')).toContainText('陈小明')
    await page.getByTestId('student-form-student-no').fill(student.no)
    await page.getByTestId('student-form-national-no').fill('G4401012014')
    await page.getByTestId('student-form-local-no').fill('L2026001')
    await page.getByTestId('guardian-name').fill('陈家长')
    await page.getByTestId('guardian-relationship').fill('父亲')
    await page.getByTestId('guardian-phone').fill(CHEN_PHONE)
    await expect(page.getByTestId('guardian-linked')).toContainText('陈家长')
    await shoot(page, `home-school-student-form-${locale}`)
    await page.getByTestId('student-form-submit').click()
    await expect(page.getByTestId('student-form-dialog')).toBeHidden()
    const added = studentRow(page, student.name)
    await expect(added.getByTestId('student-guardians')).toContainText(guardianLabel)
    await expect(added.getByTestId('student-key-info')).toHaveText(idBadge)
    await expectSynced(page)

    const org = await serverOrg()
    const newStudent = org.find((doc) => doc.kind === 'student' && doc.name === student.name)
    const chens = org.filter((doc) => doc.kind === 'guardian' && doc.phone === CHEN_PHONE)
    expect(chens).toHaveLength(1)
    expect(chens[0]?.children?.map((c) => c.studentId)).toContain(newStudent?.id)

    // Missing key information: the filter, then the class's list and its export.
    await page.getByTestId('student-missing-filter').click()
    await expect(added).toBeVisible()
    await shoot(page, `home-school-missing-filter-${locale}`)
    await page.getByTestId('view-key-info').click()
    const keyRow = page
      .getByTestId('key-info-row')
      .filter({ has: page.getByText(student.name, { exact: true }) })
    await expect(keyRow.getByTestId('key-info-missing')).toHaveText(idNumber)
    await expect(page.getByTestId('key-info-class')).toContainText('初一(1)班')
    await shoot(page, `home-school-key-info-${locale}`)
    const download = page.waitForEvent('download')
    await page.getByTestId('key-info-export').click()
    const file = await download
    expect(file.suggestedFilename()).toMatch(/^初一\(1\)班-.*\.xlsx$/)
    const path = await file.path()
    const [sheet] = await readTables(new Uint8Array(await readFile(path)))
    const exported = sheet?.rows.find((cells) => cells[0] === student.name)
    expect(exported?.slice(0, 3)).toEqual([student.name, student.no, '初一(1)班'])

    // Account slips of the class (server route): 陈家长 changed his password, so no password on his slip.
    await page.getByTestId('view-students').click()
    await page.getByTestId('print-slips').click()
    const slips = page.getByTestId('account-slips')
    await expect(slips).toBeVisible()
    const chenSlip = page.getByTestId('slip').filter({ hasText: '陈家长' }).first()
    await expect(chenSlip.getByTestId('slip-password-changed')).toBeVisible()
    await expect(
      page.getByTestId('slip').filter({ hasText: '王子涵' }).getByTestId('slip-password'),
    ).toHaveText(/^\S{6,}$/)
    await shoot(page, `home-school-slips-${locale}`)
    await page.emulateMedia({ media: 'print' })
    await page.pdf({ path: `${SCREENSHOTS}/home-school-slips-${locale}.pdf`, format: 'A4', landscape: true })
    await page.emulateMedia({ media: 'screen' })
    await page.getByTestId('slips-back').click()

    // Reset a student's password: the admin is shown the new initial password.
    await page.getByTestId('student-missing-filter').click()
    await studentRow(page, '王子涵').getByTestId('student-account-menu').click()
    await page.locator('[data-test="student-reset"]:visible').first().click()
    await page.locator('.el-message-box').getByRole('button').last().click()
    const done = page.locator('.el-message-box').filter({ hasText: '20267103' })
    await expect(done).toBeVisible()
    await shoot(page, `home-school-reset-${locale}`)
    await done.getByRole('button').last().click()

    // The import buttons open the import dialog of that type.
    await page.getByTestId('import-open').click()
    await page.locator('[data-test="import-students"]:visible').click()
    await expect(page.getByTestId('import-dialog')).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(page.getByTestId('import-dialog')).toBeHidden()

    await context.close()
  })
}

test('a teacher sees the directory read-only', async ({ browser }) => {
  const { context, page } = await openPc(browser, server.url, 'en')
  await logIn(page, '13800000002', 'demo-2026')
  await expectSynced(page)
  await page.getByTestId('menu-home-school').click()
  await page.locator(`[data-node="${CLASS_KEY}"]`).click()
  await expect(studentRow(page, '陈小明')).toBeVisible()
  await expect(page.getByTestId('student-read-only')).toBeVisible()
  await expect(page.getByTestId('student-add')).toHaveCount(0)
  await expect(page.getByTestId('class-edit-teachers')).toHaveCount(0)
  await expect(page.getByTestId('print-slips')).toHaveCount(0)
  await expect(page.getByTestId('student-edit')).toHaveCount(0)
  await shoot(page, 'home-school-teacher-en')
  await context.close()
})

test('an admin builds campus → grade → class, is refused deleting a non-empty grade, transfers a student', async ({
  browser,
}) => {
  const { context, page } = await openPc(browser, server.url, 'zh-TW')
  await logIn(page, ADMIN.account, ADMIN.password)
  await expectSynced(page)
  await page.getByTestId('menu-home-school').click()

  async function fillUnit(name: string): Promise<void> {
    const field = page.getByTestId('unit-form-name')
    await expect(field).toBeFocused()
    await field.fill(name)
    await page.getByTestId('unit-form-submit').click()
    await expect(page.getByTestId('unit-form-dialog')).toBeHidden()
  }
  async function nodeCommand(node: Locator, command: string): Promise<void> {
    const trigger = node.getByTestId('directory-node-menu')
    await trigger.click()
    // This node's own menu (Element Plus labels it by its trigger's id): the menu of the node before may still be
    // fading out, and a CI run once found its item there instead.
    const menu = page.locator(`.el-dropdown-menu[aria-labelledby="${await trigger.getAttribute('id')}"]`)
    await menu.getByTestId(`directory-${command}`).click()
  }
  const node = (type: string, name: string) =>
    page.getByTestId(`directory-${type}`).filter({ has: page.getByText(name, { exact: true }) })

  await page.getByTestId('directory-add-campus').click()
  await fillUnit('本部')
  await nodeCommand(node('campus', '本部'), 'addGrade')
  await fillUnit('初三')
  await nodeCommand(node('grade', '初三'), 'addClass')
  await fillUnit('初三(1)班')
  await expect(node('class', '初三(1)班')).toBeVisible()
  await shoot(page, 'home-school-units-zh-TW')

  // A grade with a class cannot go; the empty class can.
  await nodeCommand(node('grade', '初三'), 'remove')
  await expect(page.locator('.el-message--warning')).toContainText('初三')
  await nodeCommand(node('class', '初三(1)班'), 'remove')
  await page.locator('.el-message-box .el-button--danger').click()
  await expect(node('class', '初三(1)班')).toHaveCount(0)

  // Transfer (server route): 赵雨泽 moves from 初一(1)班 to 初一(2)班 and the change replicates back.
  await page.locator(`[data-node="${CLASS_KEY}"]`).click()
  await studentRow(page, '赵雨泽').getByTestId('student-account-menu').click()
  await page.locator('[data-test="student-transfer"]:visible').click()
  await choose(page, page.getByTestId('move-class'), '初一(2)班')
  await page.getByTestId('move-submit').click()
  await expect(studentRow(page, '赵雨泽')).toHaveCount(0)
  await page.locator('[data-node="class:demo-class-g7-2"]').click()
  await expect(studentRow(page, '赵雨泽')).toBeVisible()
  await context.close()
})

test('an open node menu stays open while another PC changes the directory', async ({ browser }) => {
  const pcs = await Promise.all([openPc(browser, server.url, 'zh-CN'), openPc(browser, server.url, 'zh-CN')])
  for (const { page } of pcs) {
    await logIn(page, ADMIN.account, ADMIN.password)
    await expectSynced(page)
    await page.getByTestId('menu-home-school').click()
  }
  const [here, there] = pcs.map((pc) => pc.page) as [Page, Page]
  await here.locator(`[data-node="${CLASS_KEY}"]`).getByTestId('directory-node-menu').click()
  const menu = here.locator('.el-dropdown-menu:visible')
  await expect(menu).toHaveCount(1)

  await there.getByTestId('directory-add-campus').click()
  await there.getByTestId('unit-form-name').fill('东校区')
  await there.getByTestId('unit-form-submit').click()
  await expect(here.getByTestId('directory-campus').filter({ hasText: '东校区' })).toBeVisible()
  await expect(menu).toHaveCount(1)
  await expect(menu.getByTestId('directory-edit')).toBeVisible()
  for (const { context } of pcs) await context.close()
})
