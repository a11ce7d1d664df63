import type { FormItemRule } from 'element-plus'

/** Is `name` already used by another document than `exceptId`? Trimmed and case-insensitive. */
export function isNameTaken(
  name: string,
  documents: readonly { id: string; name: string }[],
  exceptId: string | null,
): boolean {
  const wanted = name.trim().toLocaleLowerCase()
  return documents.some((doc) => doc.id !== exceptId && doc.name.trim().toLocaleLowerCase() === wanted)
}

/** `trigger`: `blur` checks when the field is left; `change` only once the user has typed in it. */
export function requiredRule(message: string, trigger: 'blur' | 'change' = 'blur'): FormItemRule {
  return { required: true, whitespace: true, message, trigger }
}

export function maxLengthRule(max: number, message: string): FormItemRule {
  return { max, message, trigger: 'blur' }
}

export function uniqueNameRule(isTaken: (name: string) => boolean, message: string): FormItemRule {
  return {
    trigger: 'blur',
    validator: (_rule, value: unknown, callback) =>
      typeof value === 'string' && isTaken(value) ? callback(new Error(message)) : callback(),
  }
}
