import type { FormItemRule, FormRules } from 'element-plus'
import type { Department } from '../../../../domain/org/departments.ts'
import { PHONE_PATTERN, type Staff } from '../../../../domain/org/staff.ts'
import { staffWithSame } from '../../../../domain/org/staff-directory.ts'
import { isNameTaken, maxLengthRule, requiredRule, uniqueNameRule } from '../../ui/form-rules.ts'

type Translate = (key: string, named?: Record<string, unknown>) => string

/** Refuses a phone or staff no. another staff member has, naming them. */
function notTakenRule(
  field: 'phone' | 'staffNo',
  staff: () => readonly Staff[],
  editingId: () => string | null,
  message: (name: string) => string,
): FormItemRule {
  return {
    trigger: 'blur',
    validator: (_rule, value: unknown, callback) => {
      const other = typeof value === 'string' ? staffWithSame(staff(), field, value, editingId()) : undefined
      return other ? callback(new Error(message(other.name))) : callback()
    },
  }
}

/** Name required; phone a mobile number; phone and staff no. unique among the staff. */
export function staffRules(
  t: Translate,
  staff: () => readonly Staff[],
  editingId: () => string | null,
): FormRules {
  return {
    name: [
      requiredRule(t('staffDirectory.rules.nameRequired')),
      maxLengthRule(60, t('staffDirectory.rules.nameTooLong')),
    ],
    phone: [
      {
        pattern: new RegExp(PHONE_PATTERN),
        message: t('staffDirectory.rules.phoneInvalid'),
        trigger: 'blur',
      },
      notTakenRule('phone', staff, editingId, (name) => t('staffDirectory.rules.phoneTaken', { name })),
    ],
    staffNo: [
      maxLengthRule(30, t('staffDirectory.rules.staffNoTooLong')),
      notTakenRule('staffNo', staff, editingId, (name) => t('staffDirectory.rules.staffNoTaken', { name })),
    ],
    position: [maxLengthRule(60, t('staffDirectory.rules.positionTooLong'))],
  }
}

/** Name required, unique among the departments of the same parent. */
export function departmentRules(
  t: Translate,
  siblings: () => readonly Department[],
  editingId: () => string | null,
): FormRules {
  return {
    name: [
      requiredRule(t('staffDirectory.rules.departmentNameRequired')),
      maxLengthRule(60, t('staffDirectory.rules.nameTooLong')),
      uniqueNameRule(
        (name) => isNameTaken(name, siblings(), editingId()),
        t('staffDirectory.rules.departmentNameTaken'),
      ),
    ],
  }
}
