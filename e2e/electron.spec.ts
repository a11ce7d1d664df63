// The desktop shell's security checklist (DESIGN §9) against the real built app, where an Electron binary can run.
// Elsewhere (no binary, no display, root) every test is reported as skipped with the reason.
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test'
import type { WebPreferences } from 'electron'
import type { DesktopApi } from '../electron/preload/api.ts'
import { describeHost, installedElectronBinary, whyElectronCannotRun } from '../scripts/electron-runtime.ts'

const projectDir = resolve(import.meta.dirname, '..')
const electronBinary = installedElectronBinary(projectDir)
const cannotRun = whyElectronCannotRun(describeHost(projectDir))

/** The page globals the callbacks below touch (the node-side tsconfig has no DOM types). */
interface PageGlobals {
  desktop?: DesktopApi
  document: {
    body: { insertAdjacentHTML(position: 'beforeend', html: string): void }
    querySelector(selector: string): { getAttribute(name: string): string | null } | null
  }
  location: { href: string }
  open(url: string): unknown
}

interface Launched {
  app: ElectronApplication
  page: Page
  /** URLs the app handed to `shell.openExternal` (recorded instead of opening a browser). */
  openedExternally(): Promise<string[]>
  close(): Promise<void>
}

function binary(): string {
  if (!electronBinary) throw new Error('no Electron binary (the tests should have been skipped)')
  return electronBinary
}

async function launch(env: Record<string, string> = {}): Promise<Launched> {
  // A profile of its own: the single-instance lock and IndexedDB are per profile.
  const profileDir = mkdtempSync(join(tmpdir(), 'campus-desk-electron-e2e-'))
  const app = await electron.launch({
    executablePath: binary(),
    args: [projectDir, '--server-url=http://127.0.0.1:7420'],
    cwd: projectDir,
    env: { ...cleanEnv(), XDG_CONFIG_HOME: profileDir, APPDATA: profileDir, ...env },
  })
  await app.evaluate(({ shell }) => {
    const opened: string[] = []
    Object.assign(globalThis, { openedExternally: opened })
    shell.openExternal = async (url: string) => void opened.push(url)
  })
  const page = await app.firstWindow()
  await page.waitForLoadState('domcontentloaded')
  return {
    app,
    page,
    openedExternally: () =>
      app.evaluate(() => [...((globalThis as { openedExternally?: string[] }).openedExternally ?? [])]),
    async close() {
      await app.close()
      rmSync(profileDir, { recursive: true, force: true })
    },
  }
}

function cleanEnv(): Record<string, string> {
  const env = Object.entries(process.env).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && entry[0] !== 'ELECTRON_RUN_AS_NODE',
  )
  return Object.fromEntries(env)
}

/** The main window's URL as main sees it: what a navigation would have replaced. */
function windowUrls(app: ElectronApplication): Promise<string[]> {
  return app.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows().map((window) => window.webContents.getURL()),
  )
}

test.describe('Electron shell', () => {
  test.skip(cannotRun !== null, `Electron-launching tests skipped: ${cannotRun}`)

  test.describe('the app at app://campus-desk', () => {
    let launched: Launched

    test.beforeAll(async () => {
      launched = await launch()
    })
    test.afterAll(async () => {
      await launched?.close()
    })

    test('every window is isolated and sandboxed, without Node', async () => {
      const preferences = await launched.app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows().map((window) =>
          // Not in Electron's typings, but what Electron's own tests read.
          (
            window.webContents as unknown as { getLastWebPreferences(): WebPreferences }
          ).getLastWebPreferences(),
        ),
      )
      expect(preferences).toHaveLength(1)
      for (const preference of preferences) {
        expect(preference).toMatchObject({
          contextIsolation: true,
          sandbox: true,
          nodeIntegration: false,
          nodeIntegrationInWorker: false,
          nodeIntegrationInSubFrames: false,
          webSecurity: true,
          allowRunningInsecureContent: false,
          experimentalFeatures: false,
          webviewTag: false,
        })
        expect(preference.enableBlinkFeatures ?? '').toBe('')
      }
    })

    test('the app is served from app://campus-desk with the CSP as header and meta tag', async () => {
      expect(launched.page.url()).toMatch(/^app:\/\/campus-desk\//)
      const { header, meta } = await launched.page.evaluate(async () => ({
        header: (await fetch('./index.html')).headers.get('content-security-policy'),
        meta: (globalThis as unknown as PageGlobals).document
          .querySelector('meta[http-equiv="Content-Security-Policy"]')
          ?.getAttribute('content'),
      }))
      expect(header).toContain("script-src 'self'")
      expect(header).not.toContain('unsafe-eval')
      expect(meta).toBe(header)
    })

    test('the renderer sees window.desktop, made of named functions only, and nothing of Node', async () => {
      const surface = await launched.page.evaluate(() => {
        const page = globalThis as unknown as PageGlobals & Record<string, unknown>
        const desktop = (page.desktop ?? {}) as unknown as Record<string, Record<string, unknown> | undefined>
        const shape = (value: Record<string, unknown>) =>
          Object.fromEntries(Object.entries(value).map(([key, member]) => [key, typeof member]))
        return {
          desktop: shape(desktop),
          secrets: shape(desktop.secrets ?? {}),
          updates: shape(desktop.updates ?? {}),
          diagnostics: shape(desktop.diagnostics ?? {}),
          node: ['require', 'process', 'module', 'Buffer', 'global', 'ipcRenderer', 'electron'].filter(
            (name) => typeof page[name] !== 'undefined',
          ),
        }
      })
      expect(surface.desktop).toEqual({
        appInfo: 'function',
        secrets: 'object',
        saveFile: 'function',
        openFile: 'function',
        printToPdf: 'function',
        updates: 'object',
        diagnostics: 'object',
        onDeepLink: 'function',
      })
      expect(surface.diagnostics).toEqual({ load: 'function', save: 'function' })
      expect(surface.secrets).toEqual({ get: 'function', set: 'function', delete: 'function' })
      expect(surface.updates).toEqual({
        status: 'function',
        check: 'function',
        install: 'function',
        onStatus: 'function',
      })
      expect(surface.node).toEqual([])
    })

    test('the bridge answers the app', async () => {
      const info = await launched.page.evaluate(() =>
        (globalThis as unknown as PageGlobals).desktop?.appInfo(),
      )
      expect(info).toMatchObject({ name: 'Campus Desk', defaultServerUrl: 'http://127.0.0.1:7420' })
    })

    test('a link click never replaces the app; web links open in the browser', async () => {
      const { app, page } = launched
      await page.evaluate(() =>
        (globalThis as unknown as PageGlobals).document.body.insertAdjacentHTML(
          'beforeend',
          '<a id="e2e-web" href="https://example.com/from-link">web</a>' +
            '<a id="e2e-file" href="file:///etc/passwd">file</a>' +
            '<a id="e2e-js" href="javascript:location.href=\'https://example.com/from-js\'">js</a>',
        ),
      )
      // The web link last: once it has reached the browser, the clicks before it have been handled too.
      for (const id of ['e2e-file', 'e2e-js', 'e2e-web']) await page.click(`#${id}`)
      await expect.poll(() => launched.openedExternally()).toContain('https://example.com/from-link')
      expect(await windowUrls(app)).toEqual([expect.stringMatching(/^app:\/\/campus-desk\//)])
      expect(await launched.openedExternally()).not.toContainEqual(expect.stringMatching(/^file:/))
    })

    test('window.open never creates a window; only http(s) reach the browser', async () => {
      const { app, page } = launched
      const results = await page.evaluate(() =>
        ['https://example.com/popup', 'file:///etc/passwd', 'javascript:alert(1)'].map(
          (url) => (globalThis as unknown as PageGlobals).open(url) === null,
        ),
      )
      expect(results).toEqual([true, true, true])
      await expect.poll(() => launched.openedExternally()).toContain('https://example.com/popup')
      expect(app.windows()).toHaveLength(1)
      expect(await launched.openedExternally()).not.toContainEqual(
        expect.stringMatching(/^(file|javascript):/),
      )
    })

    test('a script cannot navigate the app away', async () => {
      const { app, page } = launched
      await page.evaluate(() => {
        ;(globalThis as unknown as PageGlobals).location.href = 'https://example.com/from-script'
      })
      await expect.poll(() => launched.openedExternally()).toContain('https://example.com/from-script')
      expect(await windowUrls(app)).toEqual([expect.stringMatching(/^app:\/\/campus-desk\//)])
    })

    test('a second launch focuses the first, which follows its deep link', async () => {
      const { app, page } = launched
      const profile = await app.evaluate(() => process.env.XDG_CONFIG_HOME ?? '')
      // A link of no known action: the app says it cannot open it (unit tests cover where known links go).
      const second = spawn(binary(), [projectDir, 'campusdesk://course/7'], {
        env: { ...cleanEnv(), XDG_CONFIG_HOME: profile, APPDATA: profile },
      })
      const exitCode = await new Promise((resolve) => second.once('exit', resolve))
      expect(exitCode).toBe(0)
      await expect(page.locator('.el-message')).toContainText('campusdesk://course/7')
      expect(app.windows()).toHaveLength(1)
    })
  })

  test.describe('a redirect from a trusted page', () => {
    // electron-vite's dev-server origin is the only http origin an unpackaged app trusts: serve a page there that
    // redirects away, so that the navigation passes will-navigate and only will-redirect stands in the way.
    let server: Server
    let origin: string
    let redirectsServed = 0
    let launched: Launched

    test.beforeAll(async () => {
      server = createServer((request, response) => {
        if (request.url === '/redirect') {
          redirectsServed += 1
          return response.writeHead(302, { location: 'https://example.com/redirected' }).end()
        }
        response
          .writeHead(200, { 'content-type': 'text/html' })
          .end('<!doctype html><p>trusted start page</p>')
      })
      await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready))
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      launched = await launch({ ELECTRON_RENDERER_URL: `${origin}/` })
    })
    test.afterAll(async () => {
      await launched?.close()
      server?.close()
    })

    test('never replaces the app', async () => {
      const { app, page } = launched
      expect(page.url()).toBe(`${origin}/`)
      await page.evaluate(() => {
        ;(globalThis as unknown as PageGlobals).location.href = '/redirect'
      })
      await expect.poll(() => redirectsServed).toBe(1)
      await expect
        .poll(() =>
          app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.webContents.isLoading()),
        )
        .toBe(false)
      expect(await windowUrls(app)).toEqual([`${origin}/`])
      expect(await page.locator('p').textContent()).toBe('trusted start page')
      expect(await launched.openedExternally()).toEqual([])
    })
  })
})
