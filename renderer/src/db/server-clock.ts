/**
 * The server's clock as this PC estimates it (DESIGN §7: times the server decides by are the server's; a PC's
 * clock may be hours off). Every answer of the server carries its time in the `Date` header, to the second:
 * the estimate is the offset between that time and the middle of the request on this PC's clock. Until the
 * first answer (a start without network) it is this PC's clock.
 */
export interface ServerClock {
  /** The server's time now (ms), within about a second plus the request's time. */
  now(): number
  /** Learns the offset from an answer sent at `sentAt` (this PC's clock) and received now. */
  observe(response: Pick<Response, 'headers'>, sentAt: number): void
}

/** The `Date` header counts whole seconds: the server's real time lies anywhere in that second. */
const HALF_SECOND = 500

export function createServerClock(localClock: () => number = Date.now): ServerClock {
  let offset = 0
  return {
    now: () => localClock() + offset,
    observe(response, sentAt) {
      const serverTime = Date.parse(response.headers.get('date') ?? '')
      if (Number.isNaN(serverTime)) return
      const receivedAt = localClock()
      offset = serverTime + HALF_SECOND - (sentAt + receivedAt) / 2
    },
  }
}
