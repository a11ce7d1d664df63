import type { FormRules } from 'element-plus'
import { passwordShapeProblem } from '../../../../domain/auth/password-rules.ts'
import { requiredRule } from '../../ui/form-rules.ts'

type Translate = (key: string) => string

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

/**
 * Client-side checks of a new password: the same blank and length rules as the server's; its strength check
 * (a dictionary too large for the app) decides the rest and explains its refusals.
 */
export function newPasswordRules(t: Translate, newPassword: () => string): FormRules {
  return {
    newPassword: [
      requiredRule(t('login.change.rules.required'), 'change'),
      {
        trigger: 'blur',
        validator: (_rule, value: string, callback) => {
          const problem = passwordShapeProblem(value)
          return problem ? callback(new Error(t(`login.change.errors.${problem}`))) : callback()
        },
      },
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
