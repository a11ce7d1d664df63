import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { startIdleTimer } from './idle-timer.ts'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

describe('startIdleTimer', () => {
  it('fires once after the timeout without activity; activity postpones it', () => {
    const target = new EventTarget()
    const onIdle = vi.fn()
    startIdleTimer({ target, timeoutMs: 60_000, onIdle })
    vi.advanceTimersByTime(50_000)
    target.dispatchEvent(new Event('pointermove'))
    vi.advanceTimersByTime(50_000)
    target.dispatchEvent(new Event('keydown'))
    vi.advanceTimersByTime(59_999)
    expect(onIdle).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(onIdle).toHaveBeenCalledTimes(1)
    // Once idle it stops listening: no second call, no timer left.
    target.dispatchEvent(new Event('keydown'))
    vi.advanceTimersByTime(120_000)
    expect(onIdle).toHaveBeenCalledTimes(1)
    expect(vi.getTimerCount()).toBe(0)
  })

  it('ignores events that are not activity, and stops when asked', () => {
    const target = new EventTarget()
    const onIdle = vi.fn()
    const stop = startIdleTimer({ target, timeoutMs: 1000, onIdle })
    vi.advanceTimersByTime(600)
    target.dispatchEvent(new Event('scroll'))
    vi.advanceTimersByTime(400)
    expect(onIdle).toHaveBeenCalledTimes(1)

    const again = vi.fn()
    const stopAgain = startIdleTimer({ target, timeoutMs: 1000, onIdle: again })
    stopAgain()
    vi.advanceTimersByTime(5000)
    expect(again).not.toHaveBeenCalled()
    stop()
  })
})
