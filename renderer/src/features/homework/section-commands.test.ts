import { describe, expect, it } from 'vitest'
import type { DefinitionSection } from '../../../../domain/homework/definition.ts'
import { parseScore, sectionActions } from './section-commands.ts'

const first: DefinitionSection = { id: 'a', title: 'A', items: [{ questionId: 'q1' }], sections: [] }
const second: DefinitionSection = { id: 'b', title: 'B', items: [], sections: [] }
const sections = [first, second]

const enabled = (section: DefinitionSection, scored: boolean) =>
  sectionActions(sections, section, scored)
    .filter((action) => !action.disabled)
    .map((action) => action.command)

describe('section commands', () => {
  it('offers moving only where a sibling is, and batch scores only with questions in a scored definition', () => {
    expect(enabled(first, true)).toEqual([
      'addChild',
      'rename',
      'down',
      'addQuestions',
      'batchScore',
      'delete',
    ])
    expect(enabled(second, true)).toEqual(['addChild', 'rename', 'up', 'addQuestions', 'delete'])
    expect(sectionActions(sections, first, false).map((a) => a.command)).not.toContain('batchScore')
  })

  it('labels each command with its own i18n key', () => {
    expect(sectionActions(sections, first, true)[0]?.labelKey).toBe('homework.editor.commands.addChild')
  })
})

describe('typed scores', () => {
  it('accepts numbers from 0 to 1000 and nothing else', () => {
    expect(parseScore(' 2.5 ')).toBe(2.5)
    expect(parseScore('0')).toBe(0)
    expect(parseScore('1000')).toBe(1000)
    expect(parseScore('')).toBeNull()
    expect(parseScore('-1')).toBeNull()
    expect(parseScore('1001')).toBeNull()
    expect(parseScore('abc')).toBeNull()
  })
})
