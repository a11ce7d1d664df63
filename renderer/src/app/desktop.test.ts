import { afterEach, describe, expect, it, vi } from 'vitest'
import type { DesktopApi } from './desktop.ts'

function stubBrowser(url: string, desktop?: DesktopApi) {
  const { protocol, pathname, origin } = new URL(url)
  const storage = new Map<string, string>()
  const document = { title: 'Campus Desk' }
  const print = vi.fn(() => expect(document.title).toBe('课表-初一(1)班'))
  const open = vi.fn()
  vi.stubGlobal('window', { desktop, print, open })
  vi.stubGlobal('document', document)
  vi.stubGlobal('location', { protocol, pathname, origin })
  vi.stubGlobal('localStorage', {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => storage.set(key, value),
    removeItem: (key: string) => storage.delete(key),
  })
  return { storage, print, open, document }
}

async function loadAdapter() {
  vi.resetModules()
  return import('./desktop.ts')
}

afterEach(() => vi.unstubAllGlobals())

describe('desktop adapter', () => {
  it('is the preload API in the desktop app', async () => {
    const preloadApi = { appInfo: vi.fn() } as unknown as DesktopApi
    stubBrowser('app://campus-desk/index.html', preloadApi)
    const { desktop, isDesktop } = await loadAdapter()
    expect(isDesktop).toBe(true)
    expect(desktop).toBe(preloadApi)
  })

  it('takes the sync server that serves it at /app/ as the default server', async () => {
    stubBrowser('http://192.168.1.20:7420/app/#/login')
    const { desktop, isDesktop } = await loadAdapter()
    expect(isDesktop).toBe(false)
    expect(await desktop.appInfo()).toMatchObject({
      platform: 'web',
      defaultServerUrl: 'http://192.168.1.20:7420',
    })
  })

  it('has no default server on a dev server', async () => {
    stubBrowser('http://localhost:5173/')
    const { desktop } = await loadAdapter()
    expect((await desktop.appInfo()).defaultServerUrl).toBeNull()
  })

  it('keeps secrets in localStorage under its prefix', async () => {
    const { storage } = stubBrowser('http://localhost:7420/app/')
    const { desktop } = await loadAdapter()
    await desktop.secrets.set('auth.refresh', 'token')
    expect([...storage.keys()]).toEqual(['campus-desk.secret.auth.refresh'])
    expect(await desktop.secrets.get('auth.refresh')).toBe('token')
    await desktop.secrets.delete('auth.refresh')
    expect(await desktop.secrets.get('auth.refresh')).toBeNull()
  })

  it('prints through the browser, suggesting the file name, and restores the title', async () => {
    const { print, document } = stubBrowser('http://localhost:7420/app/')
    const { desktop } = await loadAdapter()
    expect(await desktop.printToPdf('课表-初一(1)班.pdf')).toEqual({ saved: false })
    expect(print).toHaveBeenCalledOnce()
    expect(document.title).toBe('Campus Desk')
  })

  it('opens external addresses in a new tab, without handing it this window', async () => {
    const { open } = stubBrowser('http://localhost:7420/app/')
    const { desktop } = await loadAdapter()
    await desktop.openExternal('http://localhost:7420/site/demo/articles/a1')
    expect(open).toHaveBeenCalledWith(
      'http://localhost:7420/site/demo/articles/a1',
      '_blank',
      'noopener,noreferrer',
    )
  })

  it('reports no updates and ignores deep links', async () => {
    stubBrowser('http://localhost:7420/app/')
    const { desktop } = await loadAdapter()
    expect(await desktop.updates.check()).toEqual({ state: 'idle' })
    expect(typeof desktop.onDeepLink(() => undefined)).toBe('function')
  })
})
