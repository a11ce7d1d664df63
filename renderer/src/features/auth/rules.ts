import type { FormRules } from 'element-plus'
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
