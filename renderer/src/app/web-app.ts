import { shallowRef } from 'vue'
import { registerSW } from 'virtual:pwa-register'
import type { AppLocale } from './i18n.ts'

/** How often a long-open window asks the server whether a new build was deployed. */
const UPDATE_CHECK_MS = 60 * 60 * 1000

/** Set once a new build is installed and waiting: calling it activates the build and reloads the page. */
export const waitingUpdate = shallowRef<(() => Promise<void>) | null>(null)

/**
 * Web mode only: the service worker that keeps the whole app on this PC (it opens, reloads and opens every screen
 * with the server unreachable) and the install manifest in the app's language. Electron serves app:// from disk.
 */
export function installWebApp(): void {
  if (!('serviceWorker' in navigator)) return
  const update = registerSW({
    onNeedRefresh: () => (waitingUpdate.value = () => activateAndReload(update)),
    onRegisteredSW: (_url, registration) => {
      if (registration) setInterval(() => void registration.update(), UPDATE_CHECK_MS)
    },
    onRegisterError: (error: unknown) => console.warn('service worker not registered:', error),
  })
}

/**
 * The plugin reloads only when the worker it registered itself takes over; a build found by the hourly check or by
 * the browser is "external" to it, so the page reloads itself once the new worker controls it.
 */
async function activateAndReload(skipWaiting: (reload: boolean) => Promise<void>): Promise<void> {
  navigator.serviceWorker.addEventListener('controllerchange', () => window.location.reload(), { once: true })
  await skipWaiting(true)
}

/** Points the page's install manifest at the one in `locale` (Chromium reads it when it offers to install). */
export function pointManifestAt(locale: AppLocale): void {
  const link = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')
  link?.setAttribute('href', `./manifest.${locale}.webmanifest`)
}
