import electronUpdater, { type AppUpdater, type UpdateInfo } from 'electron-updater'
import { parseUpdateInfo } from 'electron-updater/out/providers/Provider.js'
import type { UpdateState } from '../preload/api.ts'
import { feedUrlRefusal, isSignedBy, isSignedRelease, signatureFileOf } from './security/update-feed.ts'

export interface Updater {
  status(): UpdateState
  /**
   * Checks the feed and, once the release is proven signed, starts its download; resolves with the state once
   * the check has settled.
   */
  check(): Promise<UpdateState>
  /** Quits and installs a downloaded update. */
  install(): void
}

export interface UpdaterOptions {
  /** Only an installed app can update itself; elsewhere every check reports why not. */
  enabled: boolean
  /** The generic feed (a school's sync server can host it): `latest*.yml`, their signatures, the installers. */
  feedUrl: string
  /** The channel file of this platform (`channelFileFor`). */
  channelFile: string
  /** Base64 SPKI DER of the Ed25519 key releases are signed with, baked into the build; none refuses all. */
  publicKey: string | null
  /** The bytes at `url`, or null when there is no such file; fetched without any cache. */
  fetchBytes(url: string): Promise<Uint8Array | null>
  onChange(state: UpdateState): void
}

const BUSY_STATES = new Set<UpdateState['state']>(['checking', 'available', 'downloading', 'downloaded'])

/**
 * electron-updater against a generic feed, its progress as `UpdateState` (PLAT-4). Nothing is downloaded before
 * the check: the feed must be https, and the channel file must carry a valid signature of the baked-in key and
 * describe exactly the release electron-updater found (whose installer it then checks against the signed sha512).
 */
export function createUpdater(options: UpdaterOptions): Updater {
  let current: UpdateState = { state: 'idle' }
  const setState = (next: UpdateState) => {
    current = next
    options.onChange(next)
  }
  const fail = (message: string) => setState({ state: 'error', message })
  // Only touched when enabled: reading `autoUpdater` instantiates the platform's updater.
  const autoUpdater = options.enabled ? reportStates(electronUpdater.autoUpdater, options, setState) : null

  async function downloadIfSigned(updater: AppUpdater, offered: UpdateInfo): Promise<void> {
    const problem = await signatureProblem(options, offered)
    if (problem) return fail(problem)
    // Failures are reported through the 'error' event.
    void updater.downloadUpdate().catch(() => undefined)
  }

  return {
    status: () => current,
    async check() {
      if (!autoUpdater) {
        fail('Updates are installed only by the packaged app.')
      } else if (!BUSY_STATES.has(current.state)) {
        const refusal = feedUrlRefusal(options.feedUrl)
        if (refusal) {
          fail(refusal)
          return current
        }
        // A failed check is reported through the 'error' event; the rejection adds nothing.
        const result = await autoUpdater.checkForUpdates().catch(() => null)
        if (result?.isUpdateAvailable) await downloadIfSigned(autoUpdater, result.updateInfo)
      }
      return current
    },
    install() {
      if (!autoUpdater || current.state !== 'downloaded')
        throw new Error('No update has been downloaded yet.')
      autoUpdater.quitAndInstall()
    },
  }
}

/** Why the release electron-updater offers must not be downloaded, or null when its metadata is signed. */
async function signatureProblem(
  { feedUrl, channelFile, publicKey, fetchBytes }: UpdaterOptions,
  offered: UpdateInfo,
): Promise<string | null> {
  if (!publicKey) return 'This build has no key to check updates with; install new versions by hand.'
  const channelUrl = new URL(channelFile, feedUrl)
  const [metadata, signature] = await Promise.all([
    fetchBytes(channelUrl.href),
    fetchBytes(new URL(signatureFileOf(channelFile), feedUrl).href),
  ]).catch(() => [null, null])
  if (!metadata || !signature)
    return `The update feed has no signed ${channelFile}; the update was not downloaded.`
  if (!isSignedBy(metadata, new TextDecoder().decode(signature), publicKey))
    return `The signature of ${channelFile} is not valid; the update was not downloaded.`
  const signed = parseUpdateInfo(new TextDecoder().decode(metadata), channelFile, channelUrl)
  if (!isSignedRelease(signed, offered))
    return `The offered update ${offered.version} is not the signed one; it was not downloaded.`
  return null
}

function reportStates(
  autoUpdater: AppUpdater,
  { feedUrl }: UpdaterOptions,
  setState: (state: UpdateState) => void,
): AppUpdater {
  autoUpdater.autoDownload = false
  autoUpdater.setFeedURL({ provider: 'generic', url: feedUrl })
  autoUpdater.on('checking-for-update', () => setState({ state: 'checking' }))
  autoUpdater.on('update-available', ({ version }) => setState({ state: 'available', version }))
  autoUpdater.on('update-not-available', () => setState({ state: 'not-available' }))
  autoUpdater.on('download-progress', ({ percent }) =>
    setState({ state: 'downloading', percent: Math.round(percent) }),
  )
  autoUpdater.on('update-downloaded', ({ version }) => setState({ state: 'downloaded', version }))
  autoUpdater.on('error', (error) => setState({ state: 'error', message: error.message }))
  return autoUpdater
}
