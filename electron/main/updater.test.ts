import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { UpdateState } from '../preload/api.ts'

class FakeAutoUpdater extends EventEmitter {
  setFeedURL = vi.fn()
  quitAndInstall = vi.fn()
  checkForUpdates = vi.fn(async () => {
    this.emit('checking-for-update')
    this.emit('update-available', { version: '1.2.0' })
    return null
  })
}

let autoUpdater: FakeAutoUpdater
vi.mock('electron-updater', () => ({
  default: {
    get autoUpdater() {
      return autoUpdater
    },
  },
}))

const { createUpdater } = await import('./updater.ts')

describe('createUpdater', () => {
  let changes: UpdateState[]

  beforeEach(() => {
    autoUpdater = new FakeAutoUpdater()
    changes = []
  })

  const enabled = (feedUrl: string | null = 'http://localhost:7420/updates/') =>
    createUpdater({ enabled: true, feedUrl, onChange: (state) => changes.push(state) })

  it('points electron-updater at the generic feed', () => {
    enabled()
    expect(autoUpdater.setFeedURL).toHaveBeenCalledWith({
      provider: 'generic',
      url: 'http://localhost:7420/updates/',
    })
  })

  it('keeps the packaged feed when none is given', () => {
    enabled(null)
    expect(autoUpdater.setFeedURL).not.toHaveBeenCalled()
  })

  it('reports each step of a check and download to the renderer', async () => {
    const updater = enabled()
    expect(updater.status()).toEqual({ state: 'idle' })
    expect(await updater.check()).toEqual({ state: 'available', version: '1.2.0' })
    autoUpdater.emit('download-progress', { percent: 41.6 })
    autoUpdater.emit('update-downloaded', { version: '1.2.0' })
    expect(changes).toEqual([
      { state: 'checking' },
      { state: 'available', version: '1.2.0' },
      { state: 'downloading', percent: 42 },
      { state: 'downloaded', version: '1.2.0' },
    ])
    updater.install()
    expect(autoUpdater.quitAndInstall).toHaveBeenCalledOnce()
  })

  it('does not check again while an update is on its way', async () => {
    const updater = enabled()
    await updater.check()
    await updater.check()
    expect(autoUpdater.checkForUpdates).toHaveBeenCalledOnce()
  })

  it('reports a failed check as an error state, and allows a new check', async () => {
    autoUpdater.checkForUpdates.mockImplementationOnce(async () => {
      autoUpdater.emit('error', new Error('net::ERR_CONNECTION_REFUSED'))
      throw new Error('net::ERR_CONNECTION_REFUSED')
    })
    const updater = enabled()
    expect(await updater.check()).toEqual({ state: 'error', message: 'net::ERR_CONNECTION_REFUSED' })
    await updater.check()
    expect(autoUpdater.checkForUpdates).toHaveBeenCalledTimes(2)
  })

  it('refuses to install before a download', () => {
    expect(() => enabled().install()).toThrow(/No update has been downloaded/)
    expect(autoUpdater.quitAndInstall).not.toHaveBeenCalled()
  })

  it('never starts electron-updater in an unpackaged app, and says so', async () => {
    const updater = createUpdater({ enabled: false, feedUrl: null, onChange: (state) => changes.push(state) })
    expect(await updater.check()).toEqual({
      state: 'error',
      message: 'Updates are installed only by the packaged app.',
    })
    expect(() => updater.install()).toThrow()
    expect(autoUpdater.listenerCount('error')).toBe(0)
  })
})
