/**
 * The one contract between the renderer and the main process (DESIGN §9). Type-only: the renderer imports it
 * with `import type`, main and preload implement it. Each channel names its arguments and its result.
 */

export interface AppInfo {
  name: string
  version: string
  platform: string
  /** The sync server the app was started against (from `npm start` or the command line), if any. */
  defaultServerUrl: string | null
}

export interface SaveFileRequest {
  /** Suggested file name, e.g. "timetable-3A.xlsx". */
  defaultName: string
  /** File type filters shown in the dialog. */
  filters: { name: string; extensions: string[] }[]
  data: Uint8Array | string
}

export type SaveFileResult = { saved: true; path: string } | { saved: false }

export type UpdateState =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'available'; version: string }
  | { state: 'not-available' }
  | { state: 'downloading'; percent: number }
  | { state: 'downloaded'; version: string }
  | { state: 'error'; message: string }

/** channel → [arguments tuple, result]. Main registers exactly these; preload exposes exactly these. */
export interface DesktopChannels {
  'app:info': [[], AppInfo]
  'secrets:get': [[key: string], string | null]
  'secrets:set': [[key: string, value: string], void]
  'secrets:delete': [[key: string], void]
  'file:save': [[request: SaveFileRequest], SaveFileResult]
  'print:pdf': [[defaultName: string], SaveFileResult]
  'update:status': [[], UpdateState]
  'update:check': [[], UpdateState]
  'update:install': [[], void]
}

export type DesktopChannel = keyof DesktopChannels

export interface DesktopApi {
  appInfo(): Promise<AppInfo>
  secrets: {
    get(key: string): Promise<string | null>
    set(key: string, value: string): Promise<void>
    delete(key: string): Promise<void>
  }
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>
  printToPdf(defaultName: string): Promise<SaveFileResult>
  updates: {
    status(): Promise<UpdateState>
    check(): Promise<UpdateState>
    install(): Promise<void>
    onStatus(listener: (state: UpdateState) => void): () => void
  }
  onDeepLink(listener: (url: string) => void): () => void
}
