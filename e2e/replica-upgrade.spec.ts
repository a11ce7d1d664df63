// The first start after an update that changes a replica's schema (issue 18's timetable version 1) moves every
// lesson to the new version once: with a term of lessons that takes seconds to minutes, and the PC shows how far
// it has got instead of an empty window.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { buildBenchPage, PAGE_DIR } from '../bench/page.ts'
import { expectSynced, LOCALES, logIn, openPc, SCREENSHOTS, shoot, type Locale, type Pc } from './app.ts'
import { ADMIN } from './demo-school.ts'
import { startServer, type RunningServer } from './server.ts'

/** The bench page's hook (bench/browser/timetable.ts) that writes a replica as the app wrote it before. */
interface OldReplicaWriter {
  bench: {
    databaseName(serverUrl: string, user: { id: string; schoolId: string }): string
    writeVersion0Replica(name: string, schoolId: string): Promise<number>
  }
  localStorage: { getItem(key: string): string | null; setItem(key: string, value: string): void }
}

const BENCH_PAGE = '/bench-page/'

let server: RunningServer

test.beforeAll(async () => {
  ;[server] = await Promise.all([startServer(), buildBenchPage()])
  mkdirSync(SCREENSHOTS, { recursive: true })
})
test.afterAll(async () => server.stop())

/**
 * Replaces the logged-in admin's replica with one of the version before (the term's 41,160 lessons in the version 0
 * timetable), written by the bench page served on the app's own origin, and picks the app's language.
 */
async function writeOldReplica(pc: Pc, locale: Locale): Promise<number> {
  await pc.context.route(`${server.url}${BENCH_PAGE}**`, (route) =>
    route.fulfill({ path: join(PAGE_DIR, new URL(route.request().url()).pathname.slice(BENCH_PAGE.length)) }),
  )
  const page = await pc.context.newPage()
  await page.goto(`${server.url}${BENCH_PAGE}index.html`)
  await page.waitForSelector('body[data-ready="true"]')
  const lessons = await page.evaluate((language) => {
    const { bench, localStorage } = globalThis as unknown as OldReplicaWriter
    localStorage.setItem('campus-desk.locale', language)
    const { serverUrl, user } = JSON.parse(localStorage.getItem('campus-desk.session') ?? 'null')
    return bench.writeVersion0Replica(bench.databaseName(serverUrl, user), user.schoolId)
  }, locale)
  await page.close()
  return lessons
}

test("shows how far the replica's move to the new version has got, then the app", async ({ browser }) => {
  test.setTimeout(600_000)
  const pc = await openPc(browser, server.url)
  await logIn(pc.page, ADMIN.account, ADMIN.password)
  await expectSynced(pc.page)
  // The old replica's lessons exist on this PC only: nothing of them may reach the server.
  await pc.context.route('**/api/**', (route) => route.abort('internetdisconnected'))
  for (const locale of LOCALES) {
    await pc.page.goto('about:blank')
    const lessons = await writeOldReplica(pc, locale)
    await pc.page.goto(`${server.url}/app/`)
    const upgrade = pc.page.getByTestId('replica-upgrade')
    await expect(upgrade).toBeVisible()
    await expect(pc.page.getByTestId('replica-upgrade-count')).toContainText(
      new Intl.NumberFormat(locale).format(lessons),
    )
    const moved = () => upgrade.getByRole('progressbar').getAttribute('aria-valuenow')
    await expect.poll(moved, { timeout: 120_000 }).not.toBe('0')
    await shoot(pc.page, `replica-upgrade-${locale}`)
    await expect(upgrade).toBeHidden({ timeout: 300_000 })
    await expect(pc.page.getByTestId('side-menu')).toBeVisible()
  }
})
