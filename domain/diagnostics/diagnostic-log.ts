import { pathOnly, scrub } from './scrub.ts'

/**
 * The local diagnostic log (issue 19 §8): errors the renderer did not handle, kept on the PC for school IT to
 * export. An entry holds scrubbed texts only, never a document or a token, and the whole log stays under
 * `MAX_LOG_BYTES` by dropping its oldest entries.
 */
export type DiagnosticSource = 'vue' | 'unhandled-rejection' | 'error'

export interface DiagnosticEntry {
  /** ISO time of the first occurrence. */
  time: string
  source: DiagnosticSource
  /** `TypeError: x is undefined` */
  message: string
  stack: string
  /** Where it happened: Vue's hook description and the route's path, without query. */
  context: string
  /** The same error again right after: counted, not stored twice. */
  repeated: number
}

export const MAX_LOG_BYTES = 256 * 1024
export const MAX_MESSAGE_CHARS = 1000
export const MAX_STACK_CHARS = 4000
export const MAX_CONTEXT_CHARS = 300

const SOURCES: readonly DiagnosticSource[] = ['vue', 'unhandled-rejection', 'error']

function cut(text: string, maxChars: number): string {
  return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text
}

function describe(error: unknown): { message: string; stack: string } {
  if (error instanceof Error) {
    // A stack starts with the message already.
    return { message: `${error.name}: ${error.message}`, stack: error.stack ?? '' }
  }
  // A thrown non-error (a string, a server answer object) is shown by its type only: it may be any data.
  return { message: typeof error === 'string' ? error : `a thrown ${typeof error}`, stack: '' }
}

export interface Occurrence {
  source: DiagnosticSource
  error: unknown
  /** Vue's `info`, e.g. "setup function"; empty elsewhere. */
  hook: string
  /** The app's route when it happened. */
  route: string
  time: Date
}

export function diagnosticEntry({ source, error, hook, route, time }: Occurrence): DiagnosticEntry {
  const { message, stack } = describe(error)
  const context = [hook, pathOnly(route)].filter(Boolean).join(' @ ')
  return {
    time: time.toISOString(),
    source,
    message: cut(scrub(message), MAX_MESSAGE_CHARS),
    stack: cut(scrub(stack), MAX_STACK_CHARS),
    context: cut(scrub(context), MAX_CONTEXT_CHARS),
    repeated: 0,
  }
}

function sameError(a: DiagnosticEntry, b: DiagnosticEntry): boolean {
  return a.source === b.source && a.message === b.message && a.stack === b.stack && a.context === b.context
}

const encoder = new TextEncoder()

function bytesOf(entry: DiagnosticEntry): number {
  return encoder.encode(JSON.stringify(entry)).byteLength
}

/** The log with `entry` at its end (or counted on the last entry when it repeats it), within `maxBytes`. */
export function appendEntry(
  log: readonly DiagnosticEntry[],
  entry: DiagnosticEntry,
  maxBytes = MAX_LOG_BYTES,
): DiagnosticEntry[] {
  const last = log.at(-1)
  const next =
    last && sameError(last, entry)
      ? [...log.slice(0, -1), { ...last, repeated: last.repeated + 1 }]
      : [...log, entry]
  // The log's JSON: its entries, a comma between two of them, and the brackets.
  const sizes = next.map(bytesOf)
  let total = sizes.reduce((sum, size) => sum + size + 1, 1)
  let start = 0
  while (start < next.length && total > maxBytes) total -= (sizes[start++] ?? 0) + 1
  return next.slice(start)
}

function isEntry(value: unknown): value is DiagnosticEntry {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Record<string, unknown>
  return (
    ['time', 'message', 'stack', 'context'].every((key) => typeof entry[key] === 'string') &&
    SOURCES.includes(entry.source as DiagnosticSource) &&
    typeof entry.repeated === 'number'
  )
}

/** A stored log read back; anything unreadable (a damaged file, an older shape) starts a fresh log. */
export function parseLog(text: string | null): DiagnosticEntry[] {
  if (!text) return []
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) ? value.filter(isEntry) : []
  } catch {
    return []
  }
}

export interface DiagnosticsReport {
  app: { name: string; version: string; platform: string }
  userAgent: string
  exportedAt: string
  entries: DiagnosticEntry[]
}

/** The file school IT receives: which app, which browser engine, and the log. */
export function diagnosticsReport(
  app: DiagnosticsReport['app'],
  userAgent: string,
  entries: readonly DiagnosticEntry[],
  exportedAt: Date,
): string {
  const report: DiagnosticsReport = {
    app: { name: app.name, version: app.version, platform: app.platform },
    userAgent,
    exportedAt: exportedAt.toISOString(),
    entries: [...entries],
  }
  return `${JSON.stringify(report, null, 2)}\n`
}
