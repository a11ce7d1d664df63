import { app, shell, type Session, type WebContents } from 'electron'
import { isSafeExternalUrl } from './security/external-links.ts'
import { isAllowedFrameNavigation, isAllowedNavigation } from './security/origins.ts'
import { isPermissionGranted } from './security/permissions.ts'

interface NavigationEvent {
  url: string
  preventDefault(): void
}

/**
 * Guards every web contents the app will ever create, before it exists: no webviews, no navigation or redirect
 * away from the app, no new windows. Web links open in the user's browser instead.
 */
export function hardenWebContents(allowedOrigins: readonly string[]): void {
  const openExternally = (url: string) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url)
  }
  const stayInApp = (event: NavigationEvent) => {
    if (isAllowedNavigation(event.url, allowedOrigins)) return false
    event.preventDefault()
    return true
  }

  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault())
    contents.on('will-navigate', (event) => {
      if (stayInApp(event)) openExternally(event.url)
    })
    contents.on('will-frame-navigate', (event) => {
      if (!isAllowedFrameNavigation(event.url, event.isMainFrame, allowedOrigins)) event.preventDefault()
    })
    contents.on('will-redirect', stayInApp)
    contents.setWindowOpenHandler(({ url }) => {
      openExternally(url)
      return { action: 'deny' }
    })
  })
}

/** Denies every permission and device but the few the app's own pages need (see `isPermissionGranted`). */
export function restrictPermissions(session: Session, allowedOrigins: readonly string[]): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionGranted(permission, details.requestingUrl, allowedOrigins)),
  )
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionGranted(permission, requestingOrigin, allowedOrigins),
  )
  session.setDevicePermissionHandler(() => false)
}
