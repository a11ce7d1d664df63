import { afterEach, describe, expect, it, vi } from 'vitest'
import type { App } from 'vue'
import type { DiagnosticRecorder } from './diagnostic-recorder.ts'

type Listener = (event: Record<string, unknown>) => void

function stubWindow() {
  const listeners = new Map<string, Listener>()
  vi.stubGlobal('window', {
    addEventListener: (type: string, listener: Listener) => listeners.set(type, listener),
  })
  vi.stubGlobal('location', { hash: '#/subjects' })
  return listeners
}

afterEach(() => vi.unstubAllGlobals())

describe('recordUnhandledErrors', () => {
  it("sends Vue's errors, unhandled rejections and uncaught exceptions to the log", async () => {
    const listeners = stubWindow()
    const { recordUnhandledErrors } = await import('./diagnostics.ts')
    const recorder: DiagnosticRecorder = { record: vi.fn(), entries: vi.fn() }
    const app = { config: {} } as App
    vi.spyOn(console, 'error').mockImplementation(() => undefined)

    recordUnhandledErrors(app, recorder)
    const renderError = new Error('render failed')
    app.config.errorHandler?.(renderError, null, 'render function')
    listeners.get('unhandledrejection')?.({ reason: 'offline' })
    const uncaught = new TypeError('x is undefined')
    listeners.get('error')?.({ error: uncaught, message: 'Uncaught TypeError' })
    listeners.get('error')?.({ error: null, message: 'Script error.' })

    expect(vi.mocked(recorder.record).mock.calls).toEqual([
      ['vue', renderError, 'render function'],
      ['unhandled-rejection', 'offline'],
      ['error', uncaught],
      ['error', 'Script error.'],
    ])
    expect(console.error).toHaveBeenCalledWith(renderError)
  })
})
