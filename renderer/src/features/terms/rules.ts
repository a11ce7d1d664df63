import type { FormRules } from 'element-plus'
import type { Term } from '../../../../domain/catalog/term.ts'
import { isNameTaken, maxLengthRule, requiredRule, uniqueNameRule } from '../../ui/form-rules.ts'

type Translate = (key: string) => string

/** Name required, at most 60 characters, unique within the school; dates required; remark ≤ 500 characters. */
export function termRules(
  t: Translate,
  terms: () => readonly Term[],
  editingId: () => string | null,
): FormRules {
  return {
    name: [
      requiredRule(t('terms.rules.nameRequired')),
      maxLengthRule(60, t('terms.rules.nameTooLong')),
      uniqueNameRule((name) => isNameTaken(name, terms(), editingId()), t('terms.rules.nameTaken')),
    ],
    dates: [
      { type: 'array', required: true, len: 2, message: t('terms.rules.datesRequired'), trigger: 'change' },
    ],
    remark: [maxLengthRule(500, t('terms.rules.remarkTooLong'))],
  }
}
