import {
  appendEntry,
  diagnosticEntry,
  parseLog,
  type DiagnosticEntry,
  type DiagnosticSource,
} from '../../../../domain/diagnostics/diagnostic-log.ts'
import type { DesktopApi } from '../desktop.ts'

export type DiagnosticStore = DesktopApi['diagnostics']

export interface DiagnosticRecorder {
  /** Logs an error (scrubbed at once); writing happens in the background. */
  record(source: DiagnosticSource, error: unknown, hook?: string): void
  /** The log, once every error recorded so far is written. */
  entries(): Promise<DiagnosticEntry[]>
}

export interface RecorderOptions {
  /** The app's route now (a path; its query is dropped). */
  route(): string
  now?: () => Date
  /** Told when the log cannot be written (the console: there is nowhere else to tell). */
  onWriteError?: (error: unknown) => void
}

/**
 * Keeps unhandled errors in the local diagnostic log. Errors that arrive while a write is under way are written
 * together by the next one, so that a storm of errors (a render loop) costs a few writes, not one per error.
 */
export function createDiagnosticRecorder(
  store: DiagnosticStore,
  {
    route,
    now = () => new Date(),
    onWriteError = (error) => console.warn('diagnostic log:', error),
  }: RecorderOptions,
): DiagnosticRecorder {
  let waiting: DiagnosticEntry[] = []
  let written: Promise<void> = Promise.resolve()

  async function writeWaiting(): Promise<void> {
    const batch = waiting
    waiting = []
    try {
      const log = batch.reduce((entries, entry) => appendEntry(entries, entry), parseLog(await store.load()))
      await store.save(JSON.stringify(log))
    } catch (error) {
      onWriteError(error)
    }
  }

  return {
    record(source, error, hook = '') {
      waiting.push(diagnosticEntry({ source, error, hook, route: route(), time: now() }))
      if (waiting.length === 1) written = written.then(writeWaiting)
    },
    async entries() {
      await written
      return parseLog(await store.load())
    },
  }
}
