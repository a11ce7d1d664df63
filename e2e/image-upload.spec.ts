// Issue 15 §2.9: uploading an image used to log a 404 in the console (the upload queue's HEAD before its PUT, for
// a blob the server did not have yet). The queue now asks `GET /api/blobs/:sha256/exists`, answered 200 either way.
import { createHash } from 'node:crypto'
import { expect, test, type ConsoleMessage } from '@playwright/test'
import { expectSynced, logIn, openPc, syncStatus } from './app.ts'
import { apiLogin, PASSWORD } from './seed-questions.ts'
import { startServer, type RunningServer } from './server.ts'

const TEACHER = '13800000002'
/** A 16 × 9 blue PNG. */
const COVER_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAJCAIAAAC0SDtlAAAAFElEQVR4nGNwaPhPEmIY1TAoNAAANOn7ccfvmlcAAAAASUVORK5CYII='

let server: RunningServer
test.beforeAll(async () => {
  server = await startServer()
})
test.afterAll(async () => server.stop())

test('uploading an image logs no error in the console', async ({ browser }) => {
  const { context, page } = await openPc(browser, server.url)
  await logIn(page, TEACHER, PASSWORD)
  await expectSynced(page)
  await page.getByTestId('menu-courses').click()
  await page.getByTestId('course-add').click()

  const errors: string[] = []
  const record = (message: ConsoleMessage) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`)
  }
  page.on('console', record)
  await page.getByTestId('course-form-cover-input').setInputFiles({
    name: 'cover.png',
    mimeType: 'image/png',
    buffer: Buffer.from(COVER_PNG, 'base64'),
  })
  await expect(page.getByTestId('course-form-dialog').getByTestId('blob-image')).toBeVisible()
  const token = await apiLogin(server.url, TEACHER)
  const sha256 = createHash('sha256').update(Buffer.from(COVER_PNG, 'base64')).digest('hex')
  await expect
    .poll(async () => {
      const response = await fetch(`${server.url}/api/blobs/${sha256}/exists`, {
        headers: { Authorization: `Bearer ${token}` },
      })
      return ((await response.json()) as { exists: boolean }).exists
    })
    .toBe(true)
  await expect(syncStatus(page)).toHaveAttribute('data-pending-files', '0')
  page.off('console', record)
  expect(errors).toEqual([])
  await context.close()
})
