/** What counts as someone using the PC. */
export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const

export interface IdleTimerOptions {
  /** Where activity is heard (the window). */
  target: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>
  timeoutMs: number
  onIdle(): void
}

/**
 * Calls `onIdle` once after `timeoutMs` without keyboard, mouse or touch activity on `target`. Activity only
 * notes the time (cheap enough for every `pointermove`); one timer checks it when it would have expired.
 * Returns the function that stops listening.
 */
export function startIdleTimer({ target, timeoutMs, onIdle }: IdleTimerOptions): () => void {
  let lastActivity = Date.now()
  let timer: ReturnType<typeof setTimeout> | undefined
  const noteActivity = () => {
    lastActivity = Date.now()
  }

  function stop(): void {
    clearTimeout(timer)
    for (const type of ACTIVITY_EVENTS) target.removeEventListener(type, noteActivity)
  }

  function check(): void {
    const left = lastActivity + timeoutMs - Date.now()
    if (left > 0) {
      timer = setTimeout(check, left)
      return
    }
    stop()
    onIdle()
  }

  for (const type of ACTIVITY_EVENTS) target.addEventListener(type, noteActivity, { passive: true })
  timer = setTimeout(check, timeoutMs)
  return stop
}
