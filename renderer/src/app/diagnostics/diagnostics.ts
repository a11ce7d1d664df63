import type { App } from 'vue'
import { desktop } from '../desktop.ts'
import { createDiagnosticRecorder, type DiagnosticRecorder } from './diagnostic-recorder.ts'

/** The app's route from the hash (the router uses hash history); the recorder drops its query. */
function currentRoute(): string {
  return location.hash.replace(/^#/, '') || '/'
}

/** The local diagnostic log of this PC: the preload's file on the desktop, IndexedDB in web mode. */
export const diagnostics: DiagnosticRecorder = createDiagnosticRecorder(desktop.diagnostics, {
  route: currentRoute,
})

/**
 * Every error nothing else handled ends up in the diagnostic log: Vue's (render, watchers, lifecycle hooks, event
 * handlers), rejected promises nobody awaited, and uncaught exceptions. They still reach the console.
 */
export function recordUnhandledErrors(app: App, recorder: DiagnosticRecorder = diagnostics): void {
  app.config.errorHandler = (error, _instance, info) => {
    console.error(error)
    recorder.record('vue', error, info)
  }
  window.addEventListener('unhandledrejection', (event) =>
    recorder.record('unhandled-rejection', event.reason),
  )
  window.addEventListener('error', (event) => recorder.record('error', event.error ?? event.message))
}
