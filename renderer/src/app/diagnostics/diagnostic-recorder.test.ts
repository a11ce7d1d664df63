import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { describe, expect, it, vi } from 'vitest'
import { MAX_LOG_BYTES } from '../../../../domain/diagnostics/diagnostic-log.ts'
import { createDiagnosticRecorder, type DiagnosticStore } from './diagnostic-recorder.ts'
import { webDiagnosticStore } from './web-diagnostic-store.ts'

function memoryStore(initial: string | null = null) {
  let text = initial
  const store = {
    saves: 0,
    load: async () => text,
    save: async (log: string) => {
      store.saves += 1
      text = log
    },
    text: () => text,
  }
  return store
}

const options = { route: () => '/subjects?search=Li', now: () => new Date('2026-12-05T10:00:00Z') }

describe('diagnostic recorder', () => {
  it('keeps an error scrubbed, with the route without its query', async () => {
    const store = memoryStore()
    const recorder = createDiagnosticRecorder(store, options)
    recorder.record('unhandled-rejection', new Error('refresh failed: refreshToken=r-123'))
    const [entry] = await recorder.entries()
    expect(entry).toMatchObject({
      source: 'unhandled-rejection',
      message: 'Error: refresh failed: refreshToken=[redacted]',
      context: '/subjects',
      time: '2026-12-05T10:00:00.000Z',
    })
    expect(store.text()).not.toContain('r-123')
  })

  it('adds to the log already stored, and starts afresh over a damaged one', async () => {
    const first = createDiagnosticRecorder(memoryStore(), options)
    first.record('vue', new Error('one'), 'setup function')
    const stored = JSON.stringify(await first.entries())
    const second = createDiagnosticRecorder(memoryStore(stored), options)
    second.record('error', new Error('two'))
    expect((await second.entries()).map((entry) => entry.message)).toEqual(['Error: one', 'Error: two'])

    const damaged = createDiagnosticRecorder(memoryStore('{oops'), options)
    damaged.record('error', new Error('three'))
    expect(await damaged.entries()).toHaveLength(1)
  })

  it('writes a storm of errors in a few writes, within the size bound', async () => {
    const store = memoryStore()
    const recorder = createDiagnosticRecorder(store, options)
    for (let i = 0; i < 5000; i += 1) recorder.record('vue', new Error(`failure number ${i} `.repeat(20)))
    const entries = await recorder.entries()
    expect(store.saves).toBeLessThanOrEqual(2)
    expect(new TextEncoder().encode(store.text() ?? '').byteLength).toBeLessThanOrEqual(MAX_LOG_BYTES)
    expect(entries.at(-1)?.message).toContain('failure number 4999')
  })

  it('reports a log it cannot write, and goes on recording', async () => {
    const onWriteError = vi.fn()
    const failing: DiagnosticStore = {
      load: async () => null,
      save: () => Promise.reject(new Error('disk full')),
    }
    const recorder = createDiagnosticRecorder(failing, { ...options, onWriteError })
    recorder.record('error', new Error('one'))
    await recorder.entries()
    expect(onWriteError).toHaveBeenCalledWith(new Error('disk full'))
  })

  it('keeps the log in IndexedDB in web mode', async () => {
    const storage = { indexedDB: new IDBFactory(), IDBKeyRange }
    const recorder = createDiagnosticRecorder(webDiagnosticStore(storage), options)
    recorder.record('error', new Error('offline'))
    await recorder.entries()
    const reopened = createDiagnosticRecorder(webDiagnosticStore(storage), options)
    expect((await reopened.entries()).map((entry) => entry.message)).toEqual(['Error: offline'])
  })
})
