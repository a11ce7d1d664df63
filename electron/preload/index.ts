import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import type { DesktopApi, DesktopChannel, DesktopChannels, DesktopEvent, DesktopEvents } from './api.ts'

function invoke<C extends DesktopChannel>(
  channel: C,
  ...args: DesktopChannels[C][0]
): Promise<DesktopChannels[C][1]> {
  return ipcRenderer.invoke(channel, ...args)
}

/** Forwards the payload only: the renderer never sees the IPC event (it carries `sender`). */
function subscribe<E extends DesktopEvent>(
  event: E,
  listener: (payload: DesktopEvents[E]) => void,
): () => void {
  const forward = (_event: IpcRendererEvent, payload: DesktopEvents[E]) => listener(payload)
  ipcRenderer.on(event, forward)
  return () => void ipcRenderer.removeListener(event, forward)
}

// A link that launched the app arrives before the renderer has subscribed; it waits here for the first listener.
const deepLinkListeners = new Set<(url: string) => void>()
const waitingDeepLinks: string[] = []
subscribe('deep-link', (url) => {
  if (deepLinkListeners.size === 0) waitingDeepLinks.push(url)
  for (const listener of deepLinkListeners) listener(url)
})

const api = {
  appInfo: () => invoke('app:info'),
  secrets: {
    get: (key) => invoke('secrets:get', key),
    set: (key, value) => invoke('secrets:set', key, value),
    delete: (key) => invoke('secrets:delete', key),
  },
  saveFile: (request) => invoke('file:save', request),
  openFile: (request) => invoke('file:open', request),
  printToPdf: (defaultName) => invoke('print:pdf', defaultName),
  updates: {
    status: () => invoke('update:status'),
    check: () => invoke('update:check'),
    install: () => invoke('update:install'),
    onStatus: (listener) => subscribe('update:changed', listener),
  },
  diagnostics: {
    load: () => invoke('diagnostics:load'),
    save: (log) => invoke('diagnostics:save', log),
  },
  openExternal: (url) => invoke('shell:open-external', url),
  onDeepLink(listener) {
    deepLinkListeners.add(listener)
    for (const url of waitingDeepLinks.splice(0)) listener(url)
    return () => void deepLinkListeners.delete(listener)
  },
} satisfies DesktopApi

contextBridge.exposeInMainWorld('desktop', api)
