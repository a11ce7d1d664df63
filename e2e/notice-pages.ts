// The notices' pages as the specs drive them: a guardian's phone inbox, shared by the phone and desktop specs.
import { expect, type Browser, type Page } from '@playwright/test'
import { NARROW_PHONE, openPhone, phoneLogIn, type Locale } from './app.ts'
import type { RunningServer } from './server.ts'

export const GUARDIAN = '13900000001'
export const DEMO_PASSWORD = 'demo-2026'

/** A 390 px wide phone, logged in as the guardian 陈家长, on the inbox. */
export async function openInbox(browser: Browser, server: RunningServer, locale: Locale): Promise<Page> {
  const { page } = await openPhone(browser, server.url, locale, NARROW_PHONE)
  await phoneLogIn(page, GUARDIAN, DEMO_PASSWORD)
  await page.getByTestId('m-notices-link').click()
  await expect(page.getByTestId('m-inbox')).toBeVisible()
  return page
}
