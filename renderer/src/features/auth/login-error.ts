import { ApiError, isNetworkError } from '../../db/index.ts'
import { reasonOf } from '../../ui/reason-of.ts'

type Translate = (key: string, values?: Record<string, unknown>) => string

/** A login failure in words the user can act on: 401, 429, unreachable server, anything else. */
export function loginErrorMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiError && error.status === 401) return t('login.errors.badCredentials')
  if (error instanceof ApiError && error.status === 429) return t('login.errors.tooMany')
  if (isNetworkError(error)) return t('login.errors.network')
  return t('login.errors.server', { message: reasonOf(error) })
}
