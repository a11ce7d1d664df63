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

/** Codes of the server's 400 answers to a new password (`domain/auth/password-rules.ts`). */
const PASSWORD_REFUSALS = [
  'wrong_password',
  'password_blank',
  'password_too_short',
  'password_unchanged',
  'password_too_weak',
  'password_is_personal',
] as const

/** Why the server refused a new password, in words; other failures as at login. */
export function passwordChangeErrorMessage(error: unknown, t: Translate): string {
  if (error instanceof ApiError && (PASSWORD_REFUSALS as readonly string[]).includes(error.code)) {
    return t(`login.change.errors.${error.code}`)
  }
  return loginErrorMessage(error, t)
}
