import { generateKeyPairSync } from 'node:crypto'
import { EventEmitter } from 'node:events'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { UpdateState } from '../preload/api.ts'
import { signChannelFile } from './security/update-feed.ts'
import type { UpdaterOptions } from './updater.ts'

const FEED = 'https://updates.school.example/desk/'
const INSTALLER = { url: 'Campus-Desk-Setup-1.2.0.exe', sha512: 'c2lnbmVkLWluc3RhbGxlcg==', size: 90_000_000 }
const OFFERED = {
  version: '1.2.0',
  files: [INSTALLER],
  path: INSTALLER.url,
  sha512: INSTALLER.sha512,
  releaseDate: '2026-12-01T00:00:00.000Z',
}
const LATEST_YML = `version: 1.2.0
files:
  - url: ${INSTALLER.url}
    sha512: ${INSTALLER.sha512}
    size: ${INSTALLER.size}
path: ${INSTALLER.url}
sha512: ${INSTALLER.sha512}
releaseDate: '2026-12-01T00:00:00.000Z'
`

function keyPair() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519')
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
  }
}
const RELEASE_KEY = keyPair()

class FakeAutoUpdater extends EventEmitter {
  autoDownload = true
  setFeedURL = vi.fn()
  quitAndInstall = vi.fn()
  downloadUpdate = vi.fn(async () => [])
  checkForUpdates = vi.fn(async () => {
    this.emit('checking-for-update')
    this.emit('update-available', { version: OFFERED.version })
    return { isUpdateAvailable: true, updateInfo: OFFERED }
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

/** A feed serving `latest.yml` and, unless left out, its signature by `signer`. */
function feedOf(metadata: string, signer: string | null = RELEASE_KEY.privateKeyPem, base = FEED) {
  const files = new Map<string, Uint8Array>([[`${base}latest.yml`, new TextEncoder().encode(metadata)]])
  if (signer)
    files.set(
      `${base}latest.yml.sig`,
      new TextEncoder().encode(signChannelFile(Buffer.from(metadata), signer)),
    )
  return vi.fn(async (url: string) => files.get(url) ?? null)
}

describe('createUpdater', () => {
  let changes: UpdateState[]

  beforeEach(() => {
    autoUpdater = new FakeAutoUpdater()
    changes = []
  })

  const enabled = (options: Partial<UpdaterOptions> = {}) =>
    createUpdater({
      enabled: true,
      feedUrl: FEED,
      channelFile: 'latest.yml',
      publicKey: RELEASE_KEY.publicKey,
      fetchBytes: feedOf(LATEST_YML),
      onChange: (state) => changes.push(state),
      ...options,
    })

  it('points electron-updater at the generic feed, downloading nothing by itself', () => {
    enabled()
    expect(autoUpdater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: FEED })
    expect(autoUpdater.autoDownload).toBe(false)
  })

  it('downloads a release whose metadata carries a valid signature, then reports each step', async () => {
    const fetchBytes = feedOf(LATEST_YML)
    const updater = enabled({ fetchBytes })
    expect(updater.status()).toEqual({ state: 'idle' })
    expect(await updater.check()).toEqual({ state: 'available', version: '1.2.0' })
    expect(fetchBytes.mock.calls.map(([url]) => url).sort()).toEqual([
      `${FEED}latest.yml`,
      `${FEED}latest.yml.sig`,
    ])
    expect(autoUpdater.downloadUpdate).toHaveBeenCalledOnce()
    expect(autoUpdater.checkForUpdates.mock.invocationCallOrder[0]).toBeLessThan(
      autoUpdater.downloadUpdate.mock.invocationCallOrder[0] ?? 0,
    )
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

  it.each([
    [
      'signed with another key',
      feedOf(LATEST_YML, keyPair().privateKeyPem),
      'signature of latest.yml is not valid',
    ],
    ['without a signature', feedOf(LATEST_YML, null), 'no signed latest.yml'],
    ['whose signed file was altered', tampered(), 'signature of latest.yml is not valid'],
    [
      'whose signed metadata is another release',
      feedOf(LATEST_YML.replaceAll(INSTALLER.sha512, 'b3RoZXItaW5zdGFsbGVy')),
      'not the signed one',
    ],
    [
      'from an unreachable feed',
      vi.fn(async () => Promise.reject(new Error('offline'))),
      'no signed latest.yml',
    ],
  ])('refuses a release %s, as an update error, and downloads nothing', async (_, fetchBytes, message) => {
    const updater = enabled({ fetchBytes })
    const state = await updater.check()
    expect(state).toEqual({ state: 'error', message: expect.stringContaining(message) })
    expect(changes.at(-1)).toEqual(state)
    expect(autoUpdater.downloadUpdate).not.toHaveBeenCalled()
  })

  it('refuses every release when the build has no key', async () => {
    expect(await enabled({ publicKey: null }).check()).toEqual({
      state: 'error',
      message: expect.stringContaining('no key to check updates with'),
    })
    expect(autoUpdater.downloadUpdate).not.toHaveBeenCalled()
  })

  it('takes updates only from an https feed, or an http one on this PC', async () => {
    for (const feedUrl of [
      'http://sync.school.lan:7420/updates/',
      'ftp://files.example/desk/',
      'not a url',
    ]) {
      autoUpdater = new FakeAutoUpdater()
      expect(await enabled({ feedUrl }).check()).toEqual({
        state: 'error',
        message: `Updates are taken only from an https:// feed, not from ${feedUrl}`,
      })
      expect(autoUpdater.checkForUpdates).not.toHaveBeenCalled()
    }
    for (const feedUrl of ['http://localhost:7420/updates/', 'http://127.0.0.1:7420/updates/']) {
      autoUpdater = new FakeAutoUpdater()
      const state = await enabled({ feedUrl, fetchBytes: feedOf(LATEST_YML, undefined, feedUrl) }).check()
      expect(state).toEqual({ state: 'available', version: '1.2.0' })
      expect(autoUpdater.downloadUpdate).toHaveBeenCalledOnce()
    }
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
    const updater = enabled({ enabled: false })
    expect(await updater.check()).toEqual({
      state: 'error',
      message: 'Updates are installed only by the packaged app.',
    })
    expect(() => updater.install()).toThrow()
    expect(autoUpdater.listenerCount('error')).toBe(0)
  })
})

/** A feed whose latest.yml was changed after signing (another installer hash, the old signature). */
function tampered() {
  const signature = signChannelFile(Buffer.from(LATEST_YML), RELEASE_KEY.privateKeyPem)
  const altered = LATEST_YML.replaceAll(INSTALLER.sha512, 'YXR0YWNrZXItaW5zdGFsbGVy')
  const files = new Map([
    [`${FEED}latest.yml`, new TextEncoder().encode(altered)],
    [`${FEED}latest.yml.sig`, new TextEncoder().encode(signature)],
  ])
  return vi.fn(async (url: string) => files.get(url) ?? null)
}
