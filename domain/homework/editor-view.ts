import { allItems, walkSections, type DefinitionSection, type HomeworkDefinition } from './definition.ts'

// How the definition editor (QB-3) presents a definition: why it only shows, sections by their path, what it holds.

/** Why the editor only shows: the definition is complete, or someone else's. */
export type ReadOnlyReason = 'complete' | 'notAuthor' | null

export function readOnlyReason(
  definition: Pick<HomeworkDefinition, 'status'> | null,
  editable: boolean,
): ReadOnlyReason {
  if (!definition || editable) return null
  return definition.status === 'complete' ? 'complete' : 'notAuthor'
}

/** Every section's path of titles as the editor names it, e.g. "Unit 1 / Part A", by section id. */
export function sectionPathLabels(sections: readonly DefinitionSection[]): Map<string, string> {
  return new Map(walkSections(sections).map(({ section, path }) => [section.id, path.join(' / ')]))
}

/** The questions the definition holds anywhere: the picker marks them as already added. */
export function questionIdsIn(sections: DefinitionSection[]): Set<string> {
  return new Set(allItems({ sections }).map((item) => item.questionId))
}
