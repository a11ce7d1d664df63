import { useI18n } from 'vue-i18n'
import type { ParseIssue } from '../../../../domain/questions/formats/types.ts'
import type { Place } from './import-plan.ts'

/** Words for what the formats report: issues in the UI language (the English message when a code is new). */
export function useIssueWords() {
  const { t, te } = useI18n()

  /** "Question 3", "Row 5", … (the question's name in the file goes with its text, see the dialog). */
  function place(where: Place): string {
    if (where.kind === 'file') return t('questionTransfer.place.file')
    return t(`questionTransfer.place.${where.kind}`, { n: where.n })
  }

  function issue(found: ParseIssue): string {
    const key = found.code.startsWith('rule.')
      ? `questionEditor.problems.${found.code.slice('rule.'.length)}`
      : `questionTransfer.issues.${found.code}`
    return te(key) ? t(key, found.params ?? {}) : found.message
  }

  return { place, issue }
}
