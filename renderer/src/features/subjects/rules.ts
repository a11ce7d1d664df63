import type { FormRules } from 'element-plus'
import type { Subject } from '../../../../domain/catalog/subject.ts'
import { isNameTaken, maxLengthRule, requiredRule, uniqueNameRule } from '../../ui/form-rules.ts'

type Translate = (key: string) => string

/** Name required, at most 60 characters, unique within the school; code at most 30 characters. */
export function subjectRules(
  t: Translate,
  subjects: () => readonly Subject[],
  editingId: () => string | null,
): FormRules {
  return {
    name: [
      requiredRule(t('subjects.rules.nameRequired')),
      maxLengthRule(60, t('subjects.rules.nameTooLong')),
      uniqueNameRule((name) => isNameTaken(name, subjects(), editingId()), t('subjects.rules.nameTaken')),
    ],
    code: [maxLengthRule(30, t('subjects.rules.codeTooLong'))],
  }
}
