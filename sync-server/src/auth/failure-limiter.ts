export interface FailureLimit {
  maxFailures: number
  windowMs: number
}

interface Window {
  failures: number
  startedAt: number
}

// Stale windows are swept only when the map grows this large, so it never needs a timer.
const SWEEP_THRESHOLD = 10_000

/**
 * Counts failed attempts per key (e.g. account + IP) in a fixed time window: `FailureLimiter` in this process's
 * memory, `RedisFailureLimiter` shared by several server instances. Callers await every answer.
 */
export interface FailureCounter {
  /** How long `key` stays blocked (until its window ends); 0 when it is not. */
  blockedForMs(key: string): number | Promise<number>
  recordFailure(key: string): void | Promise<void>
  reset(key: string): void | Promise<void>
}

/** The failure counter of one server instance (the default, and the micro-site's comment limit). */
export class FailureLimiter implements FailureCounter {
  readonly #limit: FailureLimit
  readonly #windows = new Map<string, Window>()
  readonly #now: () => number

  constructor(limit: FailureLimit, now: () => number = Date.now) {
    this.#limit = limit
    this.#now = now
  }

  /** How long `key` stays blocked (until its window ends); 0 when it is not. */
  blockedForMs(key: string): number {
    const window = this.#current(key)
    if (!window || window.failures < this.#limit.maxFailures) return 0
    return window.startedAt + this.#limit.windowMs - this.#now()
  }

  recordFailure(key: string): void {
    const window = this.#current(key) ?? { failures: 0, startedAt: this.#now() }
    window.failures += 1
    this.#windows.set(key, window)
    if (this.#windows.size > SWEEP_THRESHOLD) this.#sweep()
  }

  reset(key: string): void {
    this.#windows.delete(key)
  }

  #current(key: string): Window | undefined {
    const window = this.#windows.get(key)
    if (window && this.#isExpired(window)) {
      this.#windows.delete(key)
      return undefined
    }
    return window
  }

  #isExpired(window: Window): boolean {
    return this.#now() - window.startedAt >= this.#limit.windowMs
  }

  #sweep(): void {
    for (const [key, window] of this.#windows) if (this.#isExpired(window)) this.#windows.delete(key)
  }
}
