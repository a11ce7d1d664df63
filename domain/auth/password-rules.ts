/** A new password needs at least this many characters (after the all-whitespace check). */
export const MIN_PASSWORD_LENGTH = 8

/**
 * Why a new password is refused; the server answers these as the 400's `error` code, and the desktop and the
 * phone pages say each in the user's language.
 */
export type PasswordProblem =
  'password_blank' | 'password_too_short' | 'password_is_personal' | 'password_too_weak'

/** The checks that need no dictionary (forms run them as the user types): not only whitespace, long enough. */
export function passwordShapeProblem(password: string): PasswordProblem | null {
  if (password.trim() === '') return 'password_blank'
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'password_too_short'
  return null
}
