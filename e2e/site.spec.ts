// The micro-site's desktop side (issue 13): the management screens in three languages, and the moderation round
// trip: a reader's comment posted to the public article waits in the admin's queue (and on the menu), the admin
// approves it, and the public page shows it.
import { mkdirSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { png } from '../sync-server/src/site/png.ts'
import { expectSynced, LOCALES, logIn, openPc, openRoute, SCREENSHOTS, shoot } from './app.ts'
import { startServer, type RunningServer } from './server.ts'
import { PASSWORD } from './demo-school.ts'

const ADMIN = '13800000001'

let server: RunningServer
test.use({ actionTimeout: 15_000 })
test.beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  server = await startServer()
})
test.afterAll(async () => server.stop())

for (const locale of LOCALES) {
  test(`the micro-site's management screens (${locale})`, async ({ browser }) => {
    test.setTimeout(180_000)
    const { page, context } = await openPc(browser, server.url, locale)
    await logIn(page, ADMIN, PASSWORD)
    await expectSynced(page)
    await openRoute(page, '#/site')
    await expect(page.getByTestId('site-home-link')).toHaveText(`${server.url}/site/demo/`)
    for (const tab of ['banners', 'types', 'articles', 'comments', 'settings'] as const) {
      await openRoute(page, `#/site?tab=${tab}`)
      await expect(page.getByTestId(`site-${tab}`)).toBeVisible()
      await shoot(page, `site-${tab}-${locale}`)
    }
    await context.close()
  })
}

test('a reader’s comment waits for the admin, who approves it; the public page then shows it', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  const { page, context } = await openPc(browser, server.url, 'zh-CN')
  await logIn(page, ADMIN, PASSWORD)
  await expectSynced(page)
  // 合唱团招新啦 of the demo site: published, comments allowed.
  const articleId = 'demo-article-choir'
  const text = `e2e 留言 ${Date.now()}`
  const posted = await fetch(`${server.url}/site/demo/articles/${articleId}/comments`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: '测试家长', body: text }),
  })
  expect(posted.status).toBe(202)

  await expect(page.getByTestId('menu-badge-site')).toBeVisible()
  await openRoute(page, '#/site?tab=comments')
  const comment = page.getByTestId('comment-row').filter({ hasText: text })
  await expect(comment.getByTestId('comment-status')).toHaveAttribute('data-status', 'pending')
  await comment.getByTestId('comment-approve').click()
  await expect(comment.getByTestId('comment-status')).toHaveAttribute('data-status', 'approved')
  await expectSynced(page)
  await expect
    .poll(async () =>
      (await (await fetch(`${server.url}/site/demo/articles/${articleId}`)).text()).includes(text),
    )
    .toBe(true)
  await context.close()
})

// A round badge: a blue disc with a white ring on a transparent-looking white ground.
function badgePng(size: number): Buffer {
  const middle = size / 2
  return png(size, size, (x, y) => {
    const distance = Math.hypot(x - middle, y - middle)
    if (distance > middle) return [255, 255, 255]
    return distance > middle * 0.8
      ? [20, 80, 170]
      : distance > middle * 0.7
        ? [255, 255, 255]
        : [40, 110, 200]
  })
}

test('the admin sets the school’s logo; a phone sees it beside the name; removing it brings back the name alone', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  const { page, context } = await openPc(browser, server.url, 'zh-CN')
  await logIn(page, ADMIN, PASSWORD)
  await expectSynced(page)
  await openRoute(page, '#/site?tab=settings')
  await page.getByTestId('site-logo-file').setInputFiles({
    name: 'logo.png',
    mimeType: 'image/png',
    buffer: badgePng(96),
  })
  await expect(page.getByTestId('site-logo-preview')).toBeVisible()
  await expectSynced(page)
  const home = `${server.url}/site/demo/`
  await expect
    .poll(async () => (await (await fetch(home)).text()).includes('data-test="site-logo"'))
    .toBe(true)

  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' })
  const reader = await phone.newPage()
  await reader.goto(home)
  const logo = reader.getByTestId('site-logo')
  await expect(logo).toHaveAttribute('alt', '示范学校')
  await expect
    .poll(() => logo.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
    .toBe(96)
  const box = await logo.boundingBox()
  expect(box?.height).toBe(36)
  await shoot(reader, 'site-public-home-logo-phone')

  await page.getByTestId('site-logo-remove').click()
  await expect(page.getByTestId('site-logo-preview')).toBeHidden()
  await expectSynced(page)
  await expect
    .poll(async () => (await (await fetch(home)).text()).includes('data-test="site-logo"'))
    .toBe(false)
  await phone.close()
  await context.close()
})
