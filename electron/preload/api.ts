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
  /** This computer's name (how a phone asked to confirm a QR login recognises it); null in web mode. */
  hostName: string | null
}

export interface FileFilter {
  name: string
  /** Extensions without the dot, e.g. ["xlsx"]; "*" for any. */
  extensions: string[]
}

export interface SaveFileRequest {
  /** Suggested file name, e.g. "timetable-3A.xlsx". */
  defaultName: string
  /** File type filters shown in the dialog. */
  filters: FileFilter[]
  data: Uint8Array | string
}

/** `path` is where the file was written; in web mode, where the browser picks the folder, the suggested name. */
export type SaveFileResult = { saved: true; path: string } | { saved: false }

export interface OpenFileRequest {
  filters: FileFilter[]
}

export type OpenFileResult = { opened: true; name: string; data: Uint8Array } | { opened: false }

export type UpdateState =
  | { state: 'idle' }
  | { state: 'checking' }
  | { state: 'available'; version: string }
  | { state: 'not-available' }
  | { state: 'downloading'; percent: number }
  | { state: 'downloaded'; version: string }
  | { state: 'error'; message: string }

/**
 * channel → [arguments tuple, result]; `undefined`: the call resolves with nothing. Main registers exactly these;
 * preload exposes exactly these.
 * A rejected call rejects the renderer's promise with the main process's message, e.g. `secrets:set` where the
 * computer has no OS key store: the secret is never stored in plain text.
 */
export interface DesktopChannels {
  'app:info': [[], AppInfo]
  'secrets:get': [[key: string], string | null]
  'secrets:set': [[key: string, value: string], undefined]
  'secrets:delete': [[key: string], undefined]
  'file:save': [[request: SaveFileRequest], SaveFileResult]
  'file:open': [[request: OpenFileRequest], OpenFileResult]
  'print:pdf': [[defaultName: string], SaveFileResult]
  'update:status': [[], UpdateState]
  'update:check': [[], UpdateState]
  'update:install': [[], undefined]
  'diagnostics:load': [[], string | null]
  'diagnostics:save': [[log: string], undefined]
  'shell:open-external': [[url: string], undefined]
}

export type DesktopChannel = keyof DesktopChannels

/** event → payload, pushed by main to the renderer. */
export interface DesktopEvents {
  'update:changed': UpdateState
  /** A `campusdesk://` link that opened or focused the app, already parsed and normalised by main. */
  'deep-link': string
}

export type DesktopEvent = keyof DesktopEvents

export interface DesktopApi {
  appInfo(): Promise<AppInfo>
  secrets: {
    get(key: string): Promise<string | null>
    set(key: string, value: string): Promise<void>
    delete(key: string): Promise<void>
  }
  saveFile(request: SaveFileRequest): Promise<SaveFileResult>
  openFile(request: OpenFileRequest): Promise<OpenFileResult>
  /** Desktop: the current page as a PDF, through a save dialog. Web mode: the browser's print dialog. */
  printToPdf(defaultName: string): Promise<SaveFileResult>
  updates: {
    status(): Promise<UpdateState>
    check(): Promise<UpdateState>
    install(): Promise<void>
    onStatus(listener: (state: UpdateState) => void): () => void
  }
  /**
   * The renderer's diagnostic log, kept as the renderer wrote it (already scrubbed and bounded): a file in the
   * user data folder on the desktop, IndexedDB in web mode. Null when nothing was logged yet.
   */
  diagnostics: {
    load(): Promise<string | null>
    save(log: string): Promise<void>
  }
  /**
   * Opens an http(s) address in the user's browser (`shell.openExternal`, only for addresses the main process's
   * allow-list accepts: http or https, a host, no credentials); rejects anything else. Web mode: a new tab.
   */
  openExternal(url: string): Promise<void>
  /** Links that arrived before the first listener are delivered to it. */
  onDeepLink(listener: (url: string) => void): () => void
}
