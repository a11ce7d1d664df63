import type { FormRules } from 'element-plus'
import { requiredRule } from '../../ui/form-rules.ts'

type Translate = (key: string) => string

/** The server refuses shorter new passwords (`password_too_short`). */
export const MIN_PASSWORD_LENGTH = 8

export function isServerUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value.trim()).protocol)
  } catch {
    return false
  }
}

export function loginRules(t: Translate): FormRules {
  return {
    serverUrl: [
      requiredRule(t('login.rules.serverRequired'), 'change'),
      {
        trigger: 'blur',
        validator: (_rule, value: string, callback) =>
          isServerUrl(value) ? callback() : callback(new Error(t('login.rules.serverInvalid'))),
      },
    ],
    // Checked as the user types and on submit, not when an untouched field loses focus.
    account: [requiredRule(t('login.rules.accountRequired'), 'change')],
    password: [{ required: true, message: t('login.rules.passwordRequired'), trigger: 'change' }],
  }
}

/** Client-side checks of a new password; the server's strength check decides (and explains its refusals). */
export function newPasswordRules(t: Translate, newPassword: () => string): FormRules {
  return {
    newPassword: [
      requiredRule(t('login.change.rules.required'), 'change'),
      { min: MIN_PASSWORD_LENGTH, message: t('login.change.errors.password_too_short'), trigger: 'blur' },
    ],
    confirmPassword: [
      requiredRule(t('login.change.rules.required'), 'change'),
      {
        trigger: 'blur',
        validator: (_rule, value: string, callback) =>
          value === newPassword() ? callback() : callback(new Error(t('login.change.rules.differ'))),
      },
    ],
  }
}
