// The bench page (bench/browser/, built with Vite from the app's own code) or the app's own build, in Debian's
// Chromium.
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import vue from '@vitejs/plugin-vue'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { build } from 'vite'
import buildRenderer from '../e2e/global-setup.ts'
import { CHROMIUM_ARGS } from '../playwright.config.ts'
import { startBenchServer } from './server.ts'

export const PAGE_DIR = resolve('out/bench')

let built: Promise<unknown> | undefined

/** Builds the page once per process (every bench serves the same one). */
export function buildBenchPage(): Promise<unknown> {
  built ??= build({
    root: resolve('bench/browser'),
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: [vue()],
    // Source maps name the functions of a CPU profile (BENCH_FIRST_SYNC_PROFILE); the page does not load them.
    build: { outDir: PAGE_DIR, emptyOutDir: true, sourcemap: true },
  })
  return built
}

/** The renderer's build, served in web mode under /app/. */
export const APP_DIR = resolve('out/renderer')

/** `electron-vite build` into out/, as the e2e tests build it. */
export function buildApp(): void {
  buildRenderer()
}

const CHROMIUM = { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS }

export function launchChromium(): Promise<Browser> {
  return chromium.launch(CHROMIUM)
}

/** A browser on a profile kept in `userDataDir` (IndexedDB, localStorage and the service worker survive it). */
export function launchChromiumProfile(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    ...CHROMIUM,
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
  })
}

/** The page served by the bench server at `serverUrl`, ready for `window.bench`. */
export async function openBenchPage(context: BrowserContext, serverUrl: string): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error('bench page error:', error))
  await page.goto(`${serverUrl}/app/`)
  await page.waitForSelector('body[data-ready="true"]')
  return page
}

/** The app in web mode (as a school PC shows it), on its login page. */
export async function openApp(context: BrowserContext, serverUrl: string): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (error) => console.error('app page error:', error))
  await page.goto(`${serverUrl}/app/`)
  await page.waitForSelector('[data-test=login-page]')
  return page
}

/** A fresh browser context on the bench page, served by a sync server with an empty store (nothing syncs). */
export async function withBenchPage<R>(work: (page: Page) => Promise<R>): Promise<R> {
  await buildBenchPage()
  const server = await startBenchServer(async () => undefined, PAGE_DIR)
  const browser = await launchChromium()
  try {
    const context = await browser.newContext()
    return await work(await openBenchPage(context, server.url))
  } finally {
    await browser.close()
    await server.close()
  }
}

/** A CPU profile of the page from now until the returned function writes it (DevTools' Performance panel opens the file). */
export async function startProfiler(
  context: BrowserContext,
  page: Page,
): Promise<(file: string) => Promise<void>> {
  const cdp = await context.newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 })
  await cdp.send('Profiler.start')
  return async (file) => {
    const { profile } = await cdp.send('Profiler.stop')
    writeFileSync(file, JSON.stringify(profile))
  }
}
