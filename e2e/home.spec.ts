// Issue 15 §2.5: the home page is where login lands and the first entry of the side menu. A teacher sees their
// lessons of the day, an admin the school's day; both see what waits and their shortcuts. The day shown is a
// Sunday (the browser's clock is set to it), with one lesson pushed for it, so the demo timetable does not matter.
// Screenshots in three languages.
import { mkdirSync } from 'node:fs'
import { expect, test, type Browser, type Page } from '@playwright/test'
import {
  expectSynced,
  fillSubjectForm,
  LOCALES,
  logIn,
  openPc,
  openSubjects,
  SCREENSHOTS,
  shoot,
  type Locale,
} from './app.ts'
import { apiLogin, LI, LIU, PASSWORD } from './seed-questions.ts'
import { startServer, type RunningServer } from './server.ts'

const ADMIN = '13800000001'
const CLASS_NAME = '初一(1)班'

interface Doc {
  id: string
  kind: string
  name?: string
  date?: string
  teacherId?: string
  cancelled?: boolean
  periods?: { id: string; name: string; start: string }[]
}

let server: RunningServer
let token: string
/** The day the browser's clock is set to: the next Sunday, `YYYY-MM-DD`. */
let day: string
let period: { id: string; name: string; start: string }

test.use({ actionTimeout: 15_000 })
test.beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  server = await startServer()
  token = await apiLogin(server.url, ADMIN)
  const sunday = new Date()
  sunday.setDate(sunday.getDate() + ((7 - sunday.getDay()) % 7 || 7))
  day = `${sunday.getFullYear()}-${String(sunday.getMonth() + 1).padStart(2, '0')}-${String(sunday.getDate()).padStart(2, '0')}`
  await pushLessonOfLi()
})
test.afterAll(async () => server.stop())

/** Every document of a collection the admin may read, page by page. */
async function pull(collection: string): Promise<Doc[]> {
  const documents: Doc[] = []
  for (let seq = 0; ;) {
    const response = await fetch(`${server.url}/api/sync/${collection}/pull?seq=${seq}&limit=1000`, {
      headers: { Authorization: `Bearer ${token}` },
    })
    expect(response.ok).toBe(true)
    const page = (await response.json()) as { documents: Doc[]; checkpoint: { seq: number } }
    documents.push(...page.documents)
    if (page.documents.length === 0) return documents
    seq = page.checkpoint.seq
  }
}

/** One lesson of 李老师 on `day`: the term, period, subject and room the demo school has. */
async function pushLessonOfLi(): Promise<void> {
  const catalog = await pull('catalog')
  const term = catalog.find((doc) => doc.kind === 'term' && (doc.periods?.length ?? 0) > 0)
  const subject = catalog.find((doc) => doc.kind === 'subject' && doc.name === '数学')
  const room = catalog.find((doc) => doc.kind === 'location')
  const schoolClass = (await pull('org')).find((doc) => doc.kind === 'class' && doc.name === CLASS_NAME)
  const first = [...(term?.periods ?? [])].sort((a, b) => a.start.localeCompare(b.start))[0]
  if (!first) throw new Error('the demo school has no term with periods')
  period = first
  const lesson = {
    id: 'home-e2e-lesson',
    kind: 'lesson',
    schoolId: 'demo',
    updatedAt: Date.now(),
    _deleted: false,
    termId: term?.id,
    date: day,
    periodId: period.id,
    teacherId: LI.id,
    subjectId: subject?.id,
    classId: schoolClass?.id,
    locationId: room?.id,
  }
  const response = await fetch(`${server.url}/api/sync/timetable/push`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify([{ assumedMasterState: null, newDocumentState: lesson }]),
  })
  expect(response.ok, await response.text()).toBe(true)
}

/** The lessons the server has on `day`, in all and of one teacher. */
async function lessonsOfDay(teacherId?: string): Promise<number> {
  const lessons = (await pull('timetable')).filter(
    (doc) => doc.kind === 'lesson' && doc.date === day && !doc.cancelled,
  )
  return lessons.filter((lesson) => !teacherId || lesson.teacherId === teacherId).length
}

/** A PC whose clock says 10:00 on `day`, with `account` logged in. */
async function logInOnDay(browser: Browser, account: string, locale?: Locale): Promise<Page> {
  const { page } = await openPc(browser, server.url, locale)
  await page.clock.setFixedTime(new Date(`${day}T10:00:00`))
  await logIn(page, account, PASSWORD)
  await expectSynced(page)
  return page
}

test('a teacher lands on the home page: their lessons of the day, what waits, their shortcuts', async ({
  browser,
}) => {
  const page = await logInOnDay(browser, LI.account)
  await expect(page.getByTestId('home-page')).toBeVisible()
  await expect(page.getByTestId('side-menu').locator('.el-menu-item').first()).toHaveAttribute(
    'data-test',
    'menu-home',
  )
  await expect(page.getByTestId('menu-home')).toHaveClass(/is-active/)

  const lessons = page.getByTestId('home-lesson')
  await expect(lessons).toHaveCount(await lessonsOfDay(LI.id))
  const pushed = lessons.filter({ hasText: CLASS_NAME }).filter({ hasText: '数学' })
  await expect(pushed).toContainText(period.name)
  await expect(page.getByTestId('home-school-day')).toHaveCount(0)
  // 李老师's demo article has comments waiting for moderation; nothing of this PC waits.
  const comments = page.locator('[data-test="home-waiting-item"][data-kind="comments"]')
  await comments.getByRole('link').click()
  await expect(page).toHaveURL(/#\/site\?tab=comments$/)
  await page.getByTestId('menu-home').click()
  await expect(page.locator('[data-test="home-waiting-item"][data-kind="changes"]')).toHaveCount(0)

  await page.getByTestId('home-shortcut-questions').click()
  await expect(page).toHaveURL(/#\/questions$/)
  await page.getByTestId('menu-home').click()
  await page.getByTestId('home-shortcut-my-timetable').click()
  await expect(page.getByTestId('my-timetable-page')).toBeVisible()
  await page.context().close()
})

test('a teacher without lessons that day is told so', async ({ browser }) => {
  expect(await lessonsOfDay(LIU.id)).toBe(0)
  const page = await logInOnDay(browser, LIU.account)
  await expect(page.getByTestId('home-no-lessons')).toBeVisible()
  await expect(page.getByTestId('home-lesson')).toHaveCount(0)
  await page.context().close()
})

test('an admin lands on the school day and the admin shortcuts', async ({ browser }) => {
  const page = await logInOnDay(browser, ADMIN)
  await expect(page.getByTestId('home-lesson-count')).toContainText(String(await lessonsOfDay()))
  await expect(page.getByTestId('home-my-lessons')).toHaveCount(0)
  for (const shortcut of ['notice-new', 'timetable', 'staff-directory', 'site'])
    await expect(page.getByTestId(`home-shortcut-${shortcut}`)).toBeVisible()
  await expect(page.getByTestId('home-shortcut-questions')).toHaveCount(0)
  await page.getByTestId('home-shortcut-notice-new').click()
  await expect(page).toHaveURL(/#\/notices\/new$/)
  await page.context().close()
})

// On the real clock: a fixed one stops the sync engine's retries from ever coming due.
test('offline, the home counts the changes waiting until they are synced', async ({ browser }) => {
  const { context, page } = await openPc(browser, server.url)
  await logIn(page, ADMIN, PASSWORD)
  await expectSynced(page)
  const changes = page.locator('[data-test="home-waiting-item"][data-kind="changes"]')
  await expect(page.getByTestId('home-waiting')).toBeVisible()
  await expect(changes).toHaveCount(0)

  // The subjects screen's code is loaded while online: this PC has no service worker in the test.
  await openSubjects(page)
  await context.setOffline(true)
  await page.getByTestId('subject-add').click()
  await fillSubjectForm(page, { name: '书法', code: 'CAL-HOME' })
  await page.getByTestId('menu-home').click()
  await expect(changes).toContainText('1')
  await context.setOffline(false)
  // Back online the app may upload by itself before the button is clicked: "sync now" only hurries it.
  await expect(async () => {
    if ((await changes.count()) > 0) await changes.getByRole('button').click({ timeout: 2_000 })
    await expect(changes).toHaveCount(0, { timeout: 5_000 })
  }).toPass({ timeout: 60_000 })
  await context.close()
})

test('screenshots of the home page in every language, for a teacher and an admin', async ({ browser }) => {
  for (const locale of LOCALES) {
    for (const [who, account] of [
      ['teacher', LI.account],
      ['admin', ADMIN],
    ] as const) {
      const page = await logInOnDay(browser, account, locale)
      await expect(page.getByTestId('home-page')).toBeVisible()
      await expect(page.getByTestId('home-shortcuts')).toBeVisible()
      await shoot(page, `home-${who}-${locale}`)
      await page.context().close()
    }
  }
})
