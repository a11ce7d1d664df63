import type { FormRules } from 'element-plus'
import type { Location } from '../../../../domain/catalog/location.ts'
import { isNameTaken, maxLengthRule, requiredRule, uniqueNameRule } from '../../ui/form-rules.ts'

type Translate = (key: string) => string

/** Name required, at most 60 characters, unique within the school; remark at most 500 characters. */
export function locationRules(
  t: Translate,
  locations: () => readonly Location[],
  editingId: () => string | null,
): FormRules {
  return {
    name: [
      requiredRule(t('locations.rules.nameRequired')),
      maxLengthRule(60, t('locations.rules.nameTooLong')),
      uniqueNameRule((name) => isNameTaken(name, locations(), editingId()), t('locations.rules.nameTaken')),
    ],
    remark: [maxLengthRule(500, t('locations.rules.remarkTooLong'))],
  }
}
