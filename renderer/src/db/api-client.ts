import { createServerClock, type ServerClock } from './server-clock.ts'
import { PASSWORD_CHANGE_REQUIRED } from '../../../domain/auth/codes.ts'
import type {
  LoginResult,
  QrPollAnswer,
  QrState,
  QrTicket,
  TokenPair,
} from '../../../domain/auth/auth-wire.ts'

/** Where the refresh token lives: `desktop.secrets` in the app (Electron safeStorage), a map in tests. */
export interface SecretStore {
  get(key: string): Promise<string | null>
  set(key: string, value: string): Promise<void>
  delete(key: string): Promise<void>
}

/** A secret store in memory: for tests and for a session that must not outlive the page. */
export function createMemorySecretStore(): SecretStore {
  const values = new Map<string, string>()
  return {
    get: async (key) => values.get(key) ?? null,
    set: async (key, value) => {
      values.set(key, value)
    },
    delete: async (key) => {
      values.delete(key)
    },
  }
}

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>

/** The server answered with an error status; `code` is its `error` field when it sent one. */
export class ApiError extends Error {
  override readonly name = 'ApiError'
  readonly status: number
  readonly code: string

  constructor(status: number, code: string, message: string) {
    super(message)
    this.status = status
    this.code = code
  }
}

/** The server could not be reached at all (offline, DNS, refused connection). */
export class NetworkError extends Error {
  override readonly name = 'NetworkError'
}

export const REFRESH_TOKEN_KEY = 'campus-desk.refresh-token'

export function isNetworkError(error: unknown): error is NetworkError {
  return error instanceof NetworkError
}

/**
 * The user must log in again: the session ended (401), or its account must change its password first (403
 * `password_change_required`, e.g. after an admin's reset), which the login leads to.
 */
export function isSessionExpired(error: unknown): boolean {
  return (
    error instanceof ApiError &&
    (error.status === 401 || (error.status === 403 && error.code === PASSWORD_CHANGE_REQUIRED))
  )
}

/** Joins a server address and an API path (`http://host:7420/` + `/api/x` → `http://host:7420/api/x`). */
export function apiUrl(serverUrl: string, path: string): string {
  return serverUrl.replace(/\/+$/, '') + path
}

async function send(fetchImpl: FetchLike, url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetchImpl(url, init)
  } catch (error) {
    if (init.signal?.aborted) throw error
    throw new NetworkError(error instanceof Error ? error.message : String(error))
  }
}

async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string }
  return new ApiError(response.status, body.error ?? '', body.message ?? `HTTP ${response.status}`)
}

async function postJson<T>(
  fetchImpl: FetchLike,
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const response = await send(fetchImpl, url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw await errorOf(response)
  return (await response.json()) as T
}

/** `POST /api/auth/login`: 401 for bad credentials and 429 for too many failures come back as `ApiError`. */
export function login(
  serverUrl: string,
  credentials: { account: string; password: string },
  fetchImpl: FetchLike = globalThis.fetch.bind(globalThis),
): Promise<LoginResult> {
  return postJson<LoginResult>(fetchImpl, apiUrl(serverUrl, '/api/auth/login'), credentials)
}

/**
 * `POST /api/auth/password` with the access token of a login whose account must change its password first (no
 * session is opened for it until then); 400s carry a code such as `wrong_password` or `password_too_weak`.
 */
export async function changePassword(
  serverUrl: string,
  accessToken: string,
  passwords: { oldPassword: string; newPassword: string },
  fetchImpl: FetchLike,
): Promise<void> {
  await postJson<unknown>(fetchImpl, apiUrl(serverUrl, '/api/auth/password'), passwords, {
    Authorization: `Bearer ${accessToken}`,
  })
}

export function createQrTicket(
  serverUrl: string,
  deviceName: string,
  fetchImpl: FetchLike,
): Promise<QrTicket> {
  return postJson<QrTicket>(fetchImpl, apiUrl(serverUrl, '/api/auth/qr'), { deviceName })
}

/**
 * `GET /api/auth/qr/:ticketId?after=<state>`: answers as soon as the ticket's state differs from `after`, or
 * after at most 25 s with the current state. An unknown ticket (a restarted server) is an `ApiError` 404.
 */
export async function pollQrTicket(
  serverUrl: string,
  ticket: Pick<QrTicket, 'ticketId' | 'pollToken'>,
  after: QrState,
  fetchImpl: FetchLike,
  signal?: AbortSignal,
): Promise<QrPollAnswer> {
  const path = `/api/auth/qr/${encodeURIComponent(ticket.ticketId)}?after=${after}`
  const response = await send(fetchImpl, apiUrl(serverUrl, path), {
    headers: { 'X-Poll-Token': ticket.pollToken },
    signal,
  })
  if (!response.ok) throw await errorOf(response)
  return (await response.json()) as QrPollAnswer
}

export interface ApiClientOptions {
  serverUrl: string
  secrets: SecretStore
  fetch?: FetchLike
  /** Called once when the refresh token is refused: the user has to log in again. */
  onSessionExpired?: () => void
}

/** An authenticated HTTP client for one server and one session. */
export interface ApiClient {
  readonly serverUrl: string
  /** Sends a request with the access token; on 401 refreshes once (one refresh in flight) and retries. */
  request(path: string, init?: RequestInit): Promise<Response>
  /** `request` + JSON body; a non-2xx answer throws `ApiError`. */
  json<T>(path: string, init?: RequestInit): Promise<T>
  /** Stores a fresh pair (after login). */
  setTokens(tokens: TokenPair): Promise<void>
  /** `POST /api/auth/logout` (best effort) and forgets both tokens. */
  logout(): Promise<void>
  /** The server's clock as learnt from its answers to `request`. */
  readonly serverClock: ServerClock
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis)
  let accessToken: string | null = null
  let refreshing: Promise<string> | null = null
  let expired = false
  const serverClock = createServerClock()

  async function setTokens(tokens: TokenPair): Promise<void> {
    accessToken = tokens.accessToken
    expired = false
    await options.secrets.set(REFRESH_TOKEN_KEY, tokens.refreshToken)
  }

  async function expire(): Promise<never> {
    accessToken = null
    await options.secrets.delete(REFRESH_TOKEN_KEY)
    if (!expired) options.onSessionExpired?.()
    expired = true
    throw new ApiError(401, 'session_expired', 'The session has expired; log in again')
  }

  async function refreshOnce(): Promise<string> {
    const refreshToken = await options.secrets.get(REFRESH_TOKEN_KEY)
    if (!refreshToken) return expire()
    try {
      const url = apiUrl(options.serverUrl, '/api/auth/refresh')
      const tokens = await postJson<TokenPair>(fetchImpl, url, { refreshToken })
      await setTokens(tokens)
      return tokens.accessToken
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return expire()
      throw error
    }
  }

  function refresh(): Promise<string> {
    refreshing ??= refreshOnce().finally(() => {
      refreshing = null
    })
    return refreshing
  }

  function withToken(init: RequestInit, token: string): RequestInit {
    const headers = new Headers(init.headers)
    headers.set('Authorization', `Bearer ${token}`)
    return { ...init, headers }
  }

  async function timedSend(url: string, init: RequestInit): Promise<Response> {
    const sentAt = Date.now()
    const response = await send(fetchImpl, url, init)
    serverClock.observe(response, sentAt)
    return response
  }

  async function request(path: string, init: RequestInit = {}): Promise<Response> {
    const url = apiUrl(options.serverUrl, path)
    const token = accessToken ?? (await refresh())
    const response = await timedSend(url, withToken(init, token))
    if (response.status !== 401) return response
    // Another request may have refreshed already while this one was in flight.
    const fresh = accessToken && accessToken !== token ? accessToken : await refresh()
    return timedSend(url, withToken(init, fresh))
  }

  async function json<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await request(path, init)
    if (!response.ok) throw await errorOf(response)
    return (await response.json()) as T
  }

  async function logout(): Promise<void> {
    const refreshToken = await options.secrets.get(REFRESH_TOKEN_KEY)
    if (accessToken) {
      const init = { method: 'POST', headers: { 'Content-Type': 'application/json' } }
      const body = JSON.stringify({ refreshToken })
      const url = apiUrl(options.serverUrl, '/api/auth/logout')
      await send(fetchImpl, url, { ...withToken(init, accessToken), body }).catch(() => undefined)
    }
    accessToken = null
    expired = true
    await options.secrets.delete(REFRESH_TOKEN_KEY)
  }

  return { serverUrl: options.serverUrl, request, json, setTokens, logout, serverClock }
}
