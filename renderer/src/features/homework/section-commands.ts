import { sectionItems, type DefinitionSection } from '../../../../domain/homework/definition.ts'
import { MAX_SCORE } from '../../../../domain/homework/definition.ts'
import { canMoveSection } from '../../../../domain/homework/sections.ts'

/** What can be done to a section: the context menu and the visible buttons offer the same commands. */
export type SectionCommand = 'addChild' | 'rename' | 'up' | 'down' | 'addQuestions' | 'batchScore' | 'delete'

export interface SectionAction {
  command: SectionCommand
  /** i18n key of its label. */
  labelKey: string
  disabled: boolean
}

/** The commands for `section` in menu order; batch scores only in a scored definition with questions. */
export function sectionActions(
  sections: readonly DefinitionSection[],
  section: DefinitionSection,
  scored: boolean,
): SectionAction[] {
  const action = (command: SectionCommand, disabled = false): SectionAction => ({
    command,
    labelKey: `homework.editor.commands.${command}`,
    disabled,
  })
  return [
    action('addChild'),
    action('rename'),
    action('up', !canMoveSection(sections, section.id, -1)),
    action('down', !canMoveSection(sections, section.id, 1)),
    action('addQuestions'),
    ...(scored ? [action('batchScore', sectionItems(section).length === 0)] : []),
    action('delete'),
  ]
}

/** A score typed by the user, or null unless it is a number from 0 to MAX_SCORE. */
export function parseScore(text: string): number | null {
  const trimmed = text.trim()
  const score = Number(trimmed)
  return trimmed !== '' && Number.isFinite(score) && score >= 0 && score <= MAX_SCORE ? score : null
}
