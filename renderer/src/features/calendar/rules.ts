import type { FormRules } from 'element-plus'
import { maxLengthRule, requiredRule } from '../../ui/form-rules.ts'

type Translate = (key: string) => string

/** Title required, at most 100 characters; type and dates required; content ≤ 5000 characters (the schema's limits). */
export function calendarEventRules(t: Translate): FormRules {
  return {
    title: [
      requiredRule(t('calendar.rules.titleRequired')),
      maxLengthRule(100, t('calendar.rules.titleTooLong')),
    ],
    type: [{ required: true, message: t('calendar.rules.typeRequired'), trigger: 'change' }],
    dates: [
      {
        type: 'array',
        required: true,
        len: 2,
        message: t('calendar.rules.datesRequired'),
        trigger: 'change',
      },
    ],
    content: [maxLengthRule(5000, t('calendar.rules.contentTooLong'))],
  }
}
