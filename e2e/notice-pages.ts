// The notices' pages as the specs drive them: a guardian's phone inbox, shared by the phone and desktop specs.
import { expect, type Browser, type Page } from '@playwright/test'
import { phoneLogIn, type Locale } from './app.ts'
import type { RunningServer } from './server.ts'

export const GUARDIAN = '13900000001'
export const DEMO_PASSWORD = 'demo-2026'

/** A 390 px wide phone, logged in as the guardian 陈家长, on the inbox. */
export async function openInbox(browser: Browser, server: RunningServer, locale: Locale): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  })
  await context.addInitScript((l) => localStorage.setItem('campus-desk.m.lang', l), locale)
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error(`phone page error: ${error.message}`))
  await page.goto(`${server.url}/m/login`)
  await phoneLogIn(page, GUARDIAN, DEMO_PASSWORD)
  await page.getByTestId('m-notices-link').click()
  await expect(page.getByTestId('m-inbox')).toBeVisible()
  return page
}
