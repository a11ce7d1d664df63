/** An error the client caused: the central error handler answers `{ error, message }` with its status. */
export class HttpError extends Error {
  readonly statusCode: number
  /** A stable `error` for clients to act on (e.g. `hash_mismatch`); the status text when absent. */
  readonly code: string | undefined
  /** Headers the answer carries (e.g. `Retry-After`). */
  readonly headers: Readonly<Record<string, string>>

  constructor(statusCode: number, message: string, code?: string, headers: Record<string, string> = {}) {
    super(message)
    this.name = 'HttpError'
    this.statusCode = statusCode
    this.code = code
    this.headers = headers
  }
}

export const badRequest = (message: string, code?: string) => new HttpError(400, message, code)
export const unauthorized = (message: string) => new HttpError(401, message)
export const forbidden = (message: string, code?: string) => new HttpError(403, message, code)
export const notFound = (message: string, code?: string) => new HttpError(404, message, code)
export const conflict = (message: string) => new HttpError(409, message)
export const gone = (message: string) => new HttpError(410, message)
export const payloadTooLarge = (message: string, code?: string) => new HttpError(413, message, code)
/** With `retryAfterMs`, the answer says in `Retry-After` how many seconds to wait (rounded up). */
export const tooManyRequests = (message: string, retryAfterMs?: number) =>
  new HttpError(
    429,
    message,
    undefined,
    retryAfterMs === undefined ? {} : { 'retry-after': String(Math.ceil(retryAfterMs / 1000)) },
  )
