import electronUpdater, { type AppUpdater } from 'electron-updater'
import type { UpdateState } from '../preload/api.ts'

export interface Updater {
  status(): UpdateState
  /** Checks the feed (and downloads what it finds); resolves with the state once the check has settled. */
  check(): Promise<UpdateState>
  /** Quits and installs a downloaded update. */
  install(): void
}

export interface UpdaterOptions {
  /** Only an installed app can update itself; elsewhere every check reports why not. */
  enabled: boolean
  /** Null keeps the feed baked in at packaging (electron-builder.yml `publish`). */
  feedUrl: string | null
  onChange(state: UpdateState): void
}

const BUSY_STATES = new Set<UpdateState['state']>(['checking', 'available', 'downloading', 'downloaded'])

/** electron-updater against a generic feed (a school's sync server can host it), its progress as `UpdateState`. */
export function createUpdater({ enabled, feedUrl, onChange }: UpdaterOptions): Updater {
  let current: UpdateState = { state: 'idle' }
  const setState = (next: UpdateState) => {
    current = next
    onChange(next)
  }
  // Only touched when enabled: reading `autoUpdater` instantiates the platform's updater.
  const autoUpdater = enabled ? reportStates(electronUpdater.autoUpdater, feedUrl, setState) : null

  return {
    status: () => current,
    async check() {
      if (!autoUpdater) {
        setState({ state: 'error', message: 'Updates are installed only by the packaged app.' })
      } else if (!BUSY_STATES.has(current.state)) {
        // A failed check is reported through the 'error' event; the rejection adds nothing.
        await autoUpdater.checkForUpdates().catch(() => undefined)
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

function reportStates(
  autoUpdater: AppUpdater,
  feedUrl: string | null,
  setState: (state: UpdateState) => void,
): AppUpdater {
  if (feedUrl) autoUpdater.setFeedURL({ provider: 'generic', url: feedUrl })
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
