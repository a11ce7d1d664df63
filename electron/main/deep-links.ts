import { app, type BrowserWindow } from 'electron'
import { resolve } from 'node:path'
import { send } from './ipc/handle.ts'
import { DEEP_LINK_SCHEME } from './security/deep-link.ts'

/** Makes `campusdesk://` links open this app (in development: this Electron with this app's path). */
export function registerDeepLinkScheme(): void {
  const appPath = process.argv[1]
  if (process.defaultApp && appPath) {
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [resolve(appPath)])
  } else {
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME)
  }
}

export interface DeepLinkRouter {
  /** Sends the link to the window's renderer, or keeps it until the window's page has loaded. */
  deliver(link: string): void
  attach(window: BrowserWindow): void
}

export function createDeepLinkRouter(): DeepLinkRouter {
  const pending: string[] = []
  let target: BrowserWindow | null = null

  const flush = () => {
    if (!target || target.isDestroyed() || target.webContents.isLoading()) return
    for (const link of pending.splice(0)) send(target.webContents, 'deep-link', link)
  }

  return {
    deliver(link) {
      pending.push(link)
      flush()
    },
    attach(window) {
      target = window
      window.webContents.on('did-finish-load', flush)
      window.on('closed', () => {
        if (target === window) target = null
      })
    },
  }
}
