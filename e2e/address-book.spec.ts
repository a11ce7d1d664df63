// Issue 6 end to end: an admin imports 1,000 students with guardians from an .xlsx with 3 bad rows (report
// shown, nothing written), fixes the file and imports it, then makes a teacher head teacher of another class:
// the teacher, logged in on another PC, sees exactly the students of the classes they teach, the new one
// arriving without a reload. A guardian from the file logs in on /m/ with the initial password and must change it.
import { mkdirSync } from 'node:fs'
import { expect, test, type Locator, type Page } from '@playwright/test'
import { expectSynced, logIn, openPc, openPhone, phoneLogIn, SCREENSHOTS, shoot, type Locale } from './app.ts'
import { studentsXlsx } from './fixtures/students-xlsx.ts'
import { startServer, type RunningServer } from './server.ts'
import { ADMIN, TEACHER } from './demo-school.ts'

const CLASSES = ['demo-class-g7-1', 'demo-class-g7-2', 'demo-class-g7-3', 'demo-class-g8-1']
const STUDENTS = 1000

let server: RunningServer

test.beforeAll(async () => {
  server = await startServer()
  mkdirSync(SCREENSHOTS, { recursive: true })
})
test.afterAll(async () => server.stop())
// A limit, not a wait: importing 1,000 students and uploading them takes minutes on a busy machine.
test.setTimeout(600_000)

interface WireDoc {
  id: string
  kind: string
  classId?: string
  status?: string
  headTeacherId?: string
  subjectTeachers?: { staffId: string }[]
  _deleted: boolean
}

/** The school's address book as the server holds it. */
async function serverOrg(): Promise<WireDoc[]> {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ account: ADMIN.account, password: ADMIN.password }),
  })
  const { accessToken } = (await login.json()) as { accessToken: string }
  const documents: WireDoc[] = []
  for (let seq = 0; ;) {
    const pull = await fetch(`${server.url}/api/sync/org/pull?seq=${seq}&limit=1000`, {
      headers: { Authorization: `Bearer ${accessToken}` },
    })
    const page = (await pull.json()) as { documents: WireDoc[]; checkpoint: { seq: number } }
    if (page.documents.length === 0) break
    documents.push(...page.documents)
    seq = page.checkpoint.seq
  }
  const latest = new Map(documents.map((doc) => [doc.id, doc]))
  return [...latest.values()].filter((doc) => !doc._deleted)
}

const activeStudents = (org: WireDoc[]) => org.filter((d) => d.kind === 'student' && d.status === 'active')

/** Active students per class, on the server. */
function studentsPerClass(org: WireDoc[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const s of activeStudents(org)) counts.set(s.classId ?? '', (counts.get(s.classId ?? '') ?? 0) + 1)
  return counts
}

function classCount(page: Page, classId: string): Locator {
  return page.locator(`[data-node="class:${classId}"]`).getByTestId('directory-count')
}

async function chooseFile(page: Page, name: string, data: Uint8Array): Promise<void> {
  const chooser = page.waitForEvent('filechooser')
  await page.getByTestId('import-choose').click()
  await (
    await chooser
  ).setFiles({
    name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: Buffer.from(data),
  })
}

// Each run makes 李老师 head teacher of a class he does not teach yet.
const CASES: { locale: Locale; firstNo: number; newClass: { id: string; name: string } }[] = [
  { locale: 'zh-TW', firstNo: 1, newClass: { id: 'demo-class-g8-1', name: '初二(1)班' } },
  { locale: 'en', firstNo: 5001, newClass: { id: 'demo-class-g7-2', name: '初一(2)班' } },
]

for (const { locale, firstNo, newClass: NEW_CLASS } of CASES) {
  test(`import 1,000 students, a head teacher, visibility, a guardian's first login (${locale})`, async ({
    browser,
  }) => {
    const admin = await openPc(browser, server.url, locale)
    const teacher = await openPc(browser, server.url, locale)
    const a = admin.page
    const t = teacher.page
    await Promise.all([logIn(a, ADMIN.account, ADMIN.password), logIn(t, TEACHER.account, TEACHER.password)])
    await Promise.all([expectSynced(a), expectSynced(t)])
    const before = await serverOrg()

    // The file with 3 bad rows: the report lists them, Import stays disabled, nothing is written.
    await a.getByTestId('menu-home-school').click()
    await a.getByTestId('import-open').click()
    await a.locator('[data-test="import-students"]:visible').click()
    const bad = await studentsXlsx({ count: STUDENTS, bad: 3, firstNo, locale: 'zh-CN' })
    await chooseFile(a, 'students-bad.xlsx', bad.data)
    await expect(a.getByTestId('import-total-rows')).toHaveText(String(STUDENTS), { timeout: 60_000 })
    await expect(a.getByTestId('import-total-errors')).toHaveText('3')
    await expect(a.getByTestId('import-submit')).toBeDisabled()
    const errorRows = a.locator('[data-test="import-row"]').filter({
      has: a.locator('[data-test="import-row-status"][data-status="error"]'),
    })
    await expect(errorRows).toHaveCount(3)
    for (const row of bad.badRows)
      await expect(a.locator(`[data-test="import-row"][data-id="${row}"]`)).toBeVisible()
    await shoot(a, `address-book-import-errors-${locale}`)
    expect(activeStudents(await serverOrg())).toHaveLength(activeStudents(before).length)

    // The fixed file: no errors, imported with a progress bar, synced to the server.
    const fixed = await studentsXlsx({ count: STUDENTS, firstNo, locale: 'zh-CN' })
    await chooseFile(a, 'students-fixed.xlsx', fixed.data)
    await expect(a.getByTestId('import-total-errors')).toHaveText('0', { timeout: 60_000 })
    await expect(a.getByTestId('import-total-created')).toHaveText(String(STUDENTS))
    await shoot(a, `address-book-import-ready-${locale}`)
    await a.getByTestId('import-submit').click()
    await expect(a.getByTestId('import-dialog')).toBeHidden({ timeout: 120_000 })
    await expectSynced(a)
    const imported = await serverOrg()
    expect(activeStudents(imported)).toHaveLength(activeStudents(before).length + STUDENTS)

    // Before: 李老师 sees the students of 初一(1)班 (he teaches it) and none of the new class.
    await t.getByTestId('menu-home-school').click()
    const perClass = studentsPerClass(imported)
    await expect(classCount(t, 'demo-class-g7-1')).toHaveText(String(perClass.get('demo-class-g7-1')))
    await expect(classCount(t, NEW_CLASS.id)).toHaveText('0')

    // The admin makes 李老师 head teacher of the new class.
    await a.locator(`[data-node="class:${NEW_CLASS.id}"]`).click()
    await expect(a.getByTestId('class-title')).toHaveText(NEW_CLASS.name)
    await a.getByTestId('class-edit-teachers').click()
    const head = a.getByTestId('teachers-dialog').getByTestId('teachers-head')
    await head.click()
    await a.locator('.el-select-dropdown__item:visible', { hasText: '李老师' }).first().click()
    await a.getByTestId('teachers-save').click()
    await expect(a.getByTestId('class-head-teacher')).toHaveText('李老师')
    await shoot(a, `address-book-head-teacher-${locale}`)
    await expectSynced(a)

    // The teacher's PC: exactly the students of the classes he teaches, the new class arriving live.
    const org = await serverOrg()
    const taught = new Set(
      org
        .filter((d) => d.kind === 'class')
        .filter(
          (c) => c.headTeacherId === TEACHER.id || c.subjectTeachers?.some((s) => s.staffId === TEACHER.id),
        )
        .map((c) => c.id),
    )
    const counts = studentsPerClass(org)
    for (const classId of CLASSES) {
      const expected = taught.has(classId) ? (counts.get(classId) ?? 0) : 0
      await expect(classCount(t, classId)).toHaveText(String(expected), { timeout: 30_000 })
    }
    await expectSynced(t)
    await t.locator(`[data-node="class:${NEW_CLASS.id}"]`).click()
    await expect(t.getByTestId('class-head-teacher')).toHaveText('李老师')
    await expect(t.getByTestId('student-row').first()).toBeVisible()
    await shoot(t, `address-book-teacher-${locale}`)

    // A guardian from the file: initial password = the last 6 digits of the phone, then a forced change.
    const phone = `136${String(firstNo).padStart(8, '0')}`
    const { context: phoneContext, page: p } = await openPhone(browser, server.url, locale)
    await phoneLogIn(p, phone, phone.slice(-6))
    await expect(p.getByTestId('m-change-form')).toBeVisible()
    await shoot(p, `address-book-guardian-change-${locale}`)
    await p.getByTestId('m-new-password').fill('a-new-password-1')
    await p.getByTestId('m-confirm-password').fill('a-new-password-1')
    await p.getByTestId('m-change-submit').click()
    await expect(p.getByTestId('m-home')).toBeVisible()

    await Promise.all([admin.context.close(), teacher.context.close(), phoneContext.close()])
  })
}
