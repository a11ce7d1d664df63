import { vi } from 'vitest'

/**
 * How long a test waits for a condition. Generous on purpose: a busy machine may make a test slower, never red
 * (the test's own limit in vitest.config.ts is longer still).
 */
export const TEST_WAIT_MS = 20_000

/** Retries `check` until it stops throwing (or its promise resolves), for up to `TEST_WAIT_MS`. */
export function waitFor<T>(check: () => T | Promise<T>): Promise<T> {
  return vi.waitFor(check, { timeout: TEST_WAIT_MS, interval: 20 })
}
