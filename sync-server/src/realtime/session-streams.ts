/** Something that holds streams open per session and account: the desktop sync hub, the phone hub. */
export interface SessionStreamHub {
  /** Ends the streams of these sessions at once. */
  endSessions(sessionIds: readonly string[]): void
  /** Ends every stream of these accounts at once. */
  disconnect(accountIds: readonly string[]): void
}

/**
 * Ends a session's open streams on every hub the moment the session ends (sign-out, a device signed out from
 * another, a password change or reset, a reused refresh token, a disabled account), rather than when the access
 * token the stream was opened with expires. One server instance: its own streams (docs/sync-server.md).
 */
export class SessionStreams {
  readonly #hubs: SessionStreamHub[] = []

  add(hub: SessionStreamHub): void {
    this.#hubs.push(hub)
  }

  endSessions(sessionIds: readonly string[]): void {
    if (sessionIds.length > 0) for (const hub of this.#hubs) hub.endSessions(sessionIds)
  }

  endAccounts(accountIds: readonly string[]): void {
    if (accountIds.length > 0) for (const hub of this.#hubs) hub.disconnect(accountIds)
  }
}
