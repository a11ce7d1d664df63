export const FIRST_RETRY_MS = 2_000
export const LONGEST_RETRY_MS = 5 * 60_000

/** Wait before the next try after `attempts` failed ones: 2 s, 4 s, 8 s … at most 5 min. */
export function retryDelay(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), LONGEST_RETRY_MS)
}
