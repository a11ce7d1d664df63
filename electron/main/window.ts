import { BrowserWindow } from 'electron'
import { SECURE_WEB_PREFERENCES } from './window-preferences.ts'

export interface MainWindowOptions {
  startUrl: string
  preloadPath: string
  devTools: boolean
}

export function createMainWindow({ startUrl, preloadPath, devTools }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Campus Desk',
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: preloadPath, devTools },
  })
  window.once('ready-to-show', () => window.show())
  void window.loadURL(startUrl)
  return window
}
