import { hostname } from 'node:os'
import { join } from 'node:path'
import { app, BrowserWindow, net, session } from 'electron'
import type { AppInfo } from '../preload/api.ts'
import { registerAppScheme, serveApp } from './app-protocol.ts'
import { createDeepLinkRouter, registerDeepLinkScheme } from './deep-links.ts'
import { hardenWebContents, restrictPermissions } from './hardening.ts'
import { createDiagnosticFile } from './ipc/diagnostics.ts'
import { registerIpc } from './ipc/index.ts'
import { send } from './ipc/handle.ts'
import { safeStorageCipher } from './ipc/secrets.ts'
import { appOrigins, serverUrlFrom, updateFeedUrl } from './launch-options.ts'
import { createSecretStore } from './secret-store.ts'
import { findDeepLink, parseDeepLink } from './security/deep-link.ts'
import { APP_ORIGIN } from './security/origins.ts'
import { channelFileFor } from './security/update-feed.ts'
import { createUpdater } from './updater.ts'
import { createMainWindow } from './window.ts'

const PRODUCT_NAME = 'Campus Desk'
const devRendererUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
const allowedOrigins = appOrigins(devRendererUrl, app.isPackaged)
const serverUrl = serverUrlFrom(process.argv, process.env)
const deepLinks = createDeepLinkRouter()
let mainWindow: BrowserWindow | null = null

registerAppScheme()
app.enableSandbox()

// Two instances on one profile would corrupt IndexedDB: a second launch hands its deep link to the first and quits.
if (app.requestSingleInstanceLock()) {
  registerDeepLinkScheme()
  hardenWebContents(allowedOrigins)
  app.on('second-instance', (_event, argv) => {
    showMainWindow()
    const link = findDeepLink(argv)
    if (link) deepLinks.deliver(link)
  })
  // macOS delivers links as an event, possibly before `ready`.
  app.on('open-url', (event, url) => {
    event.preventDefault()
    const link = parseDeepLink(url)
    if (link) deepLinks.deliver(link)
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('activate', showMainWindow)
  void app.whenReady().then(start)
} else {
  app.quit()
}

function start(): void {
  serveApp(join(import.meta.dirname, '../renderer'))
  restrictPermissions(session.defaultSession, allowedOrigins)
  const updater = createUpdater({
    enabled: app.isPackaged,
    feedUrl: updateFeedUrl(process.env, serverUrl),
    channelFile: channelFileFor(process.platform, process.arch),
    publicKey: UPDATE_PUBLIC_KEY || null,
    fetchBytes: fetchFeedFile,
    onChange: (state) => {
      for (const window of BrowserWindow.getAllWindows()) send(window.webContents, 'update:changed', state)
    },
  })
  registerIpc(
    {
      appInfo: appInfo(),
      secrets: createSecretStore(join(app.getPath('userData'), 'secrets.json'), safeStorageCipher),
      updater,
      diagnostics: createDiagnosticFile(join(app.getPath('userData'), 'diagnostics.json')),
    },
    allowedOrigins,
  )
  showMainWindow()
  const launchLink = findDeepLink(process.argv)
  if (launchLink) deepLinks.deliver(launchLink)
  if (app.isPackaged) void updater.check()
}

function appInfo(): AppInfo {
  return {
    name: PRODUCT_NAME,
    version: app.getVersion(),
    platform: process.platform,
    defaultServerUrl: serverUrl,
    hostName: hostname() || null,
  }
}

function showMainWindow(): void {
  if (!app.isReady()) return
  if (!mainWindow || mainWindow.isDestroyed()) {
    mainWindow = createMainWindow({
      startUrl: devRendererUrl ?? `${APP_ORIGIN}/index.html`,
      preloadPath: join(import.meta.dirname, '../preload/index.cjs'),
      devTools: !app.isPackaged,
    })
    deepLinks.attach(mainWindow)
    return
  }
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.focus()
}

/** A file of the update feed through Electron's network stack (the system's proxy), never from a cache. */
async function fetchFeedFile(url: string): Promise<Uint8Array | null> {
  const response = await net.fetch(url, { cache: 'no-store' })
  if (response.status === 404) return null
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
  return new Uint8Array(await response.arrayBuffer())
}
