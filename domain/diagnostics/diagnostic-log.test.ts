import { describe, expect, it } from 'vitest'
import {
  MAX_MESSAGE_CHARS,
  MAX_STACK_CHARS,
  appendEntry,
  diagnosticEntry,
  diagnosticsReport,
  parseLog,
  type DiagnosticEntry,
  type Occurrence,
} from './diagnostic-log.ts'

const time = new Date('2026-12-05T10:00:00Z')

function occurrence(error: unknown, overrides: Partial<Occurrence> = {}): Occurrence {
  return { source: 'vue', error, hook: 'setup function', route: '/subjects', time, ...overrides }
}

function entry(message: string): DiagnosticEntry {
  return diagnosticEntry(occurrence(new Error(message)))
}

describe('diagnosticEntry', () => {
  it('keeps the error, where it happened and when', () => {
    const error = new TypeError('x is undefined')
    expect(diagnosticEntry(occurrence(error))).toEqual({
      time: '2026-12-05T10:00:00.000Z',
      source: 'vue',
      message: 'TypeError: x is undefined',
      stack: expect.stringContaining('TypeError: x is undefined'),
      context: 'setup function @ /subjects',
      repeated: 0,
    })
  })

  it('scrubs tokens out of the message and the stack, and the query out of the route', () => {
    const error = new Error('refresh failed: {"refreshToken":"r-secret-1"}')
    error.stack = 'Error: Bearer abc123\n    at refresh (app://campus-desk/assets/index.js:1:2)'
    const logged = diagnosticEntry(
      occurrence(error, { source: 'unhandled-rejection', hook: '', route: '/login?redirect=/x&token=t' }),
    )
    expect(JSON.stringify(logged)).not.toMatch(/r-secret-1|abc123|redirect|token=t/)
    expect(logged.context).toBe('/login')
  })

  it('logs a thrown non-error by its type only, since it may be any data', () => {
    expect(diagnosticEntry(occurrence({ name: 'Li Ming', phone: '13800138000' })).message).toBe(
      'a thrown object',
    )
    expect(diagnosticEntry(occurrence('offline')).message).toBe('offline')
  })

  it('cuts long messages and stacks', () => {
    const error = new Error('too long '.repeat(600))
    error.stack = 'at x (y.js:1:2)\n'.repeat(2000)
    const logged = diagnosticEntry(occurrence(error))
    expect(logged.message).toHaveLength(MAX_MESSAGE_CHARS)
    expect(logged.stack).toHaveLength(MAX_STACK_CHARS)
  })
})

describe('appendEntry', () => {
  it('adds an entry at the end', () => {
    const log = appendEntry([entry('one')], entry('two'))
    expect(log.map((e) => e.message)).toEqual(['Error: one', 'Error: two'])
  })

  it('counts an error that repeats the last one instead of storing it again', () => {
    let log: DiagnosticEntry[] = []
    for (let i = 0; i < 1000; i += 1) log = appendEntry(log, entry('render loop'))
    expect(log).toHaveLength(1)
    expect(log[0]?.repeated).toBe(999)
  })

  it('stays within its size by dropping the oldest entries', () => {
    const maxBytes = 4096
    let log: DiagnosticEntry[] = []
    for (let i = 0; i < 200; i += 1) log = appendEntry(log, entry(`error ${i}`), maxBytes)
    expect(new TextEncoder().encode(JSON.stringify(log)).byteLength).toBeLessThanOrEqual(maxBytes)
    expect(log.at(-1)?.message).toBe('Error: error 199')
    expect(log.length).toBeGreaterThan(1)
    expect(log.length).toBeLessThan(200)
  })

  it('counts bytes, not characters', () => {
    const chinese = entry('保存失败'.repeat(200))
    const log = appendEntry([], chinese, 2000)
    expect(log).toEqual([])
  })
})

describe('parseLog', () => {
  it('reads back what was stored', () => {
    const log = [entry('one'), entry('two')]
    expect(parseLog(JSON.stringify(log))).toEqual(log)
  })

  it('starts afresh from nothing, damaged text or foreign entries', () => {
    expect(parseLog(null)).toEqual([])
    expect(parseLog('{not json')).toEqual([])
    expect(parseLog('{"entries":[]}')).toEqual([])
    expect(parseLog(JSON.stringify([entry('ok'), { message: 'no source' }]))).toHaveLength(1)
  })
})

describe('diagnosticsReport', () => {
  it('names the app and the engine, and holds the log', () => {
    const app = { name: 'Campus Desk', version: '1.2.0', platform: 'win32' }
    const report = JSON.parse(diagnosticsReport(app, 'Chrome/142', [entry('one')], time))
    expect(report).toEqual({
      app,
      userAgent: 'Chrome/142',
      exportedAt: '2026-12-05T10:00:00.000Z',
      entries: [expect.objectContaining({ message: 'Error: one' })],
    })
  })
})
