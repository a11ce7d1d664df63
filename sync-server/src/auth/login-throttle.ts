export interface LoginThrottleOptions {
  /** Failures of one account, from any address, answered without delay. */
  freeFailures: number
  /** The wait after the first failure past those; each further failure doubles it, up to `maxDelayMs`. */
  baseDelayMs: number
  maxDelayMs: number
  /** An account's failures are forgotten this long after its last one. */
  forgetAfterMs: number
  /** How long an address the account logged in from stays exempt from the account's wait. */
  knownAddressMs: number
}

/**
 * Failed logins per account across addresses: `LoginThrottle` in this process's memory, `RedisLoginThrottle`
 * shared by several server instances. Callers await every answer.
 */
export interface AccountThrottle {
  /** How long `account` must wait before trying again from `address`; 0 when it may try now. */
  waitMs(account: string, address: string): number | Promise<number>
  recordFailure(account: string): void | Promise<void>
  recordSuccess(account: string, address: string): void | Promise<void>
}

export interface Failures {
  count: number
  lastAt: number
}

/** The wait after `failures` (still remembered) at `now`: free ones first, then doubling up to the cap. */
export function waitAfter(
  options: LoginThrottleOptions,
  failures: Failures | undefined,
  now: number,
): number {
  const over = (failures?.count ?? 0) - options.freeFailures
  if (!failures || over <= 0) return 0
  const delay = Math.min(options.baseDelayMs * 2 ** (over - 1), options.maxDelayMs)
  return Math.max(0, failures.lastAt + delay - now)
}

/** At most this many addresses are remembered per account (the newest), so memory stays bounded. */
export const KNOWN_ADDRESSES_PER_ACCOUNT = 8
// Stale entries are swept only when a map grows this large, so it never needs a timer.
const SWEEP_THRESHOLD = 10_000

/**
 * Failed logins per account across addresses (issue 11 §4): guessing one account from many addresses is slowed by
 * a wait that doubles with every failure, up to a cap, instead of a lock — so an attack never shuts the owner out
 * for long — and an address the owner logged in from recently is not made to wait at all (the per-address limit
 * still applies there). In memory, per server instance (`RedisLoginThrottle` for several).
 */
export class LoginThrottle implements AccountThrottle {
  readonly #options: LoginThrottleOptions
  readonly #now: () => number
  readonly #failures = new Map<string, Failures>()
  readonly #knownAddresses = new Map<string, Map<string, number>>()

  constructor(options: LoginThrottleOptions, now: () => number = Date.now) {
    this.#options = options
    this.#now = now
  }

  waitMs(account: string, address: string): number {
    if (this.#isKnown(account, address)) return 0
    return waitAfter(this.#options, this.#current(account), this.#now())
  }

  recordFailure(account: string): void {
    const failures = this.#current(account) ?? { count: 0, lastAt: 0 }
    this.#failures.set(account, { count: failures.count + 1, lastAt: this.#now() })
    if (this.#failures.size > SWEEP_THRESHOLD) this.#sweep()
  }

  recordSuccess(account: string, address: string): void {
    const known = this.#knownAddresses.get(account) ?? new Map<string, number>()
    known.delete(address)
    known.set(address, this.#now())
    if (known.size > KNOWN_ADDRESSES_PER_ACCOUNT) known.delete(known.keys().next().value as string)
    this.#knownAddresses.set(account, known)
    if (this.#knownAddresses.size > SWEEP_THRESHOLD) this.#sweep()
  }

  #isKnown(account: string, address: string): boolean {
    const at = this.#knownAddresses.get(account)?.get(address)
    return at !== undefined && this.#now() - at < this.#options.knownAddressMs
  }

  #current(account: string): Failures | undefined {
    const failures = this.#failures.get(account)
    if (failures && this.#now() - failures.lastAt >= this.#options.forgetAfterMs) {
      this.#failures.delete(account)
      return undefined
    }
    return failures
  }

  #sweep(): void {
    const now = this.#now()
    for (const [account, failures] of this.#failures)
      if (now - failures.lastAt >= this.#options.forgetAfterMs) this.#failures.delete(account)
    for (const [account, known] of this.#knownAddresses) {
      for (const [address, at] of known) if (now - at >= this.#options.knownAddressMs) known.delete(address)
      if (known.size === 0) this.#knownAddresses.delete(account)
    }
  }
}
