import { ElMessageBox } from 'element-plus'
import { useI18n } from 'vue-i18n'
import { MAX_SCORE, MAX_TITLE_LENGTH } from '../../../../domain/homework/definition.ts'
import { parseScore } from './section-commands.ts'

/** Small prompts of the section editor (Enter confirms, Esc cancels); each resolves with null when cancelled. */
export function useSectionPrompts() {
  const { t } = useI18n()

  async function prompt(
    title: string,
    label: string,
    initial: string,
    validate: (value: string) => true | string,
  ) {
    return ElMessageBox.prompt(label, {
      title,
      inputValue: initial,
      inputValidator: validate,
      confirmButtonText: t('common.confirm'),
      cancelButtonText: t('common.cancel'),
      customClass: 'section-prompt',
    }).then(
      ({ value }) => value,
      () => null,
    )
  }

  async function askTitle(title: string, initial = ''): Promise<string | null> {
    const value = await prompt(title, t('homework.editor.sectionTitle'), initial, (text) => {
      const trimmed = text.trim()
      if (!trimmed) return t('homework.rules.sectionTitleRequired')
      return trimmed.length <= MAX_TITLE_LENGTH || t('homework.rules.titleTooLong', { n: MAX_TITLE_LENGTH })
    })
    return value === null ? null : value.trim()
  }

  async function askScore(title: string, label: string): Promise<number | null> {
    const value = await prompt(
      title,
      label,
      '',
      (text) => parseScore(text) !== null || t('homework.rules.scoreInvalid', { max: MAX_SCORE }),
    )
    return value === null ? null : parseScore(value)
  }

  return { askTitle, askScore }
}
