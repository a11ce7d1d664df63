import type { WebPreferences } from 'electron'

/**
 * Every window's security settings (Electron's checklist, DESIGN §9). Stated explicitly even where they are
 * Electron's defaults, so that a test and a reader can see each one.
 */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
} as const satisfies WebPreferences
