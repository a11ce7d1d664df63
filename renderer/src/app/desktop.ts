/**
 * The renderer's only door to the desktop shell (DESIGN §2, §9): `window.desktop` from the preload when the app
 * runs in Electron, otherwise a browser fallback so that the same build works in web mode.
 */
import type {
  AppInfo,
  DesktopApi,
  FileFilter,
  OpenFileRequest,
  OpenFileResult,
  SaveFileRequest,
  SaveFileResult,
  UpdateState,
} from '../../../electron/preload/api.ts'
import { webDiagnosticStore } from './diagnostics/web-diagnostic-store.ts'

/** The contract's types, for the rest of the renderer to import from here rather than from electron/. */
export type {
  AppInfo,
  DesktopApi,
  FileFilter,
  OpenFileRequest,
  OpenFileResult,
  SaveFileRequest,
  SaveFileResult,
  UpdateState,
}

declare global {
  interface Window {
    /** Present only in the desktop app, put there by electron/preload. */
    readonly desktop?: DesktopApi
  }
}

const SECRET_PREFIX = 'campus-desk.secret.'
const IDLE = { state: 'idle' } as const

/** The sync server that serves this page at `/app/` is the one to talk to; a dev server is not a sync server. */
function servedBySyncServer(): boolean {
  return location.protocol.startsWith('http') && location.pathname.startsWith('/app/')
}

function browserAppInfo(): AppInfo {
  const version: unknown = import.meta.env.VITE_APP_VERSION
  return {
    name: 'Campus Desk',
    version: typeof version === 'string' ? version : '0.0.0-dev',
    platform: 'web',
    defaultServerUrl: servedBySyncServer() ? location.origin : null,
    hostName: null,
  }
}

function download({ defaultName, data }: SaveFileRequest): SaveFileResult {
  // A copy, because Blob wants bytes backed by a plain ArrayBuffer.
  const blob = new Blob([typeof data === 'string' ? data : new Uint8Array(data)])
  const url = URL.createObjectURL(blob)
  const link = Object.assign(document.createElement('a'), { href: url, download: defaultName })
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 0)
  return { saved: true, path: defaultName }
}

function pickFile(filters: FileFilter[]): Promise<OpenFileResult> {
  const extensions = filters.flatMap((filter) => filter.extensions)
  const input = Object.assign(document.createElement('input'), {
    type: 'file',
    accept: extensions.includes('*') ? '' : extensions.map((extension) => `.${extension}`).join(','),
  })
  return new Promise((resolve, reject) => {
    input.addEventListener('cancel', () => resolve({ opened: false }))
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      if (!file) return resolve({ opened: false })
      file
        .arrayBuffer()
        .then((buffer) => resolve({ opened: true, name: file.name, data: new Uint8Array(buffer) }), reject)
    })
    input.click()
  })
}

/**
 * Web mode: localStorage for secrets (no OS key store in a browser), downloads, the print dialog, no updater, the
 * diagnostic log in IndexedDB.
 */
function browserFallback(): DesktopApi {
  return {
    appInfo: async () => browserAppInfo(),
    secrets: {
      get: async (key) => localStorage.getItem(SECRET_PREFIX + key),
      set: async (key, value) => localStorage.setItem(SECRET_PREFIX + key, value),
      delete: async (key) => localStorage.removeItem(SECRET_PREFIX + key),
    },
    saveFile: async (request) => download(request),
    openFile: (request) => pickFile(request.filters),
    printToPdf: async (defaultName) => {
      // Chromium's "Save as PDF" names the file after the title; print() blocks until its dialog closes.
      const title = document.title
      document.title = defaultName.replace(/\.pdf$/i, '')
      window.print()
      document.title = title
      // The browser's dialog does not say whether the user saved.
      return { saved: false }
    },
    updates: {
      status: async () => IDLE,
      check: async () => IDLE,
      install: async () => undefined,
      onStatus: () => () => undefined,
    },
    diagnostics: webDiagnosticStore(),
    openExternal: async (url) => {
      window.open(url, '_blank', 'noopener,noreferrer')
    },
    onDeepLink: () => () => undefined,
  }
}

export const isDesktop: boolean = window.desktop !== undefined

export const desktop: DesktopApi = window.desktop ?? browserFallback()
