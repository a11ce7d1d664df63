import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { IpcMainInvokeEvent } from 'electron'
import { argumentsOf, InvalidArgumentError, secretKey } from './validate.ts'

const registered = new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>()

vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, listener: never) => registered.set(channel, listener) },
}))

const { handle, UntrustedSenderError } = await import('./handle.ts')

const allowed = ['app://campus-desk']

function eventFrom(url: string | null, { subFrame = false } = {}): IpcMainInvokeEvent {
  const mainFrame = { url: url ?? '' }
  const senderFrame = url === null ? null : subFrame ? { url } : mainFrame
  return { senderFrame, sender: { mainFrame } } as unknown as IpcMainInvokeEvent
}

describe('handle', () => {
  const run = vi.fn((_event: IpcMainInvokeEvent, key: string) => `value of ${key}`)

  beforeEach(() => {
    registered.clear()
    run.mockClear()
    handle('secrets:get', { validateArgs: argumentsOf(secretKey), run }, allowed)
  })

  const call = (event: IpcMainInvokeEvent, ...args: unknown[]) =>
    registered.get('secrets:get')?.(event, ...args)

  it('runs the handler for the app with valid arguments', () => {
    expect(call(eventFrom('app://campus-desk/index.html'), 'auth.refresh')).toBe('value of auth.refresh')
    expect(run).toHaveBeenCalledOnce()
  })

  it('refuses foreign and look-alike senders before looking at the arguments', () => {
    for (const url of [
      'https://evil.example/',
      'app://campus-desk.evil/',
      'app://x@campus-desk.evil/',
      'about:blank',
    ]) {
      expect(() => call(eventFrom(url), 'auth.refresh')).toThrow(UntrustedSenderError)
    }
    expect(run).not.toHaveBeenCalled()
  })

  it('refuses a destroyed frame and sub-frames, even of our origin', () => {
    expect(() => call(eventFrom(null), 'auth.refresh')).toThrow(UntrustedSenderError)
    expect(() => call(eventFrom('app://campus-desk/frame.html', { subFrame: true }), 'auth.refresh')).toThrow(
      UntrustedSenderError,
    )
    expect(run).not.toHaveBeenCalled()
  })

  it('refuses bad arguments from a trusted sender', () => {
    expect(() => call(eventFrom('app://campus-desk/'), '../../etc')).toThrow(InvalidArgumentError)
    expect(() => call(eventFrom('app://campus-desk/'))).toThrow(InvalidArgumentError)
    expect(run).not.toHaveBeenCalled()
  })
})
