import type { BaseDocument } from '../documents.ts'
import {
  allItems,
  MAX_SCORE,
  MAX_TITLE_LENGTH,
  type CompletionProblem,
  type DefinitionItem,
  type DefinitionSection,
  type HomeworkDefinition,
} from './definition.ts'

// Immutable operations on the section tree of a homework definition (QB-3): each returns a new tree and leaves
// the one it was given untouched, so the editor can write the result as a patch.

type Sections = readonly DefinitionSection[]

/** Finds a section anywhere in the tree. */
export function findSection(sections: Sections, id: string): DefinitionSection | undefined {
  for (const section of sections) {
    if (section.id === id) return section
    const inner = findSection(section.sections, id)
    if (inner) return inner
  }
  return undefined
}

/** Rewrites the list of siblings that holds section `id`; undefined when no list holds it. */
function withSiblings(
  sections: Sections,
  id: string,
  edit: (siblings: DefinitionSection[], index: number) => DefinitionSection[],
): DefinitionSection[] | undefined {
  const index = sections.findIndex((section) => section.id === id)
  if (index >= 0) return edit([...sections], index)
  for (const [position, section] of sections.entries()) {
    const inner = withSiblings(section.sections, id, edit)
    if (inner) return sections.map((s, i) => (i === position ? { ...s, sections: inner } : s))
  }
  return undefined
}

function editSiblings(
  sections: Sections,
  id: string,
  edit: (siblings: DefinitionSection[], index: number) => DefinitionSection[],
): DefinitionSection[] {
  const result = withSiblings(sections, id, edit)
  if (!result) throw new Error(`the definition has no section ${id}`)
  return result
}

function updateSection(
  sections: Sections,
  id: string,
  update: (section: DefinitionSection) => DefinitionSection,
): DefinitionSection[] {
  return editSiblings(sections, id, (siblings, index) =>
    siblings.map((section, i) => (i === index ? update(section) : section)),
  )
}

type ItemsUpdate = (items: DefinitionItem[]) => DefinitionItem[]

/** Applies `update` to the items of the section and of all its sub-sections. */
function mapSectionItems(section: DefinitionSection, update: ItemsUpdate): DefinitionSection {
  return { ...section, items: update(section.items), sections: mapItems(section.sections, update) }
}

function mapItems(sections: Sections, update: ItemsUpdate): DefinitionSection[] {
  return sections.map((section) => mapSectionItems(section, update))
}

/** The title trimmed; throws when it is blank or longer than the schema allows. */
function checkedTitle(title: string): string {
  const trimmed = title.trim()
  if (!trimmed) throw new Error('a section needs a title')
  if (trimmed.length > MAX_TITLE_LENGTH)
    throw new Error(`a section title has at most ${MAX_TITLE_LENGTH} characters`)
  return trimmed
}

/** Throws unless `score` is a number from 0 to MAX_SCORE. */
function checkedScore(score: number): number {
  if (!Number.isFinite(score) || score < 0 || score > MAX_SCORE) {
    throw new Error(`a score is a number from 0 to ${MAX_SCORE} (got ${score})`)
  }
  return score
}

/** Adds an empty section at the end of the top level, or of `parentId`'s sub-sections. */
export function addSection(
  sections: Sections,
  added: { id: string; title: string },
  parentId?: string,
): DefinitionSection[] {
  if (findSection(sections, added.id)) throw new Error(`section id ${added.id} is used already`)
  const section: DefinitionSection = {
    id: added.id,
    title: checkedTitle(added.title),
    items: [],
    sections: [],
  }
  if (parentId === undefined) return [...sections, section]
  return updateSection(sections, parentId, (parent) => ({
    ...parent,
    sections: [...parent.sections, section],
  }))
}

export function renameSection(sections: Sections, id: string, title: string): DefinitionSection[] {
  const checked = checkedTitle(title)
  return updateSection(sections, id, (section) => ({ ...section, title: checked }))
}

/** Deletes a section with its questions and its sub-sections. */
export function deleteSection(sections: Sections, id: string): DefinitionSection[] {
  return editSiblings(sections, id, (siblings, index) => siblings.filter((_, i) => i !== index))
}

/** Can the section move `offset` places (-1 up, 1 down) among its siblings? */
export function canMoveSection(sections: Sections, id: string, offset: -1 | 1): boolean {
  let movable = false
  withSiblings(sections, id, (siblings, index) => {
    movable = siblings[index + offset] !== undefined
    return siblings
  })
  return movable
}

function swap<T>(list: readonly T[], index: number, offset: -1 | 1): T[] {
  const target = index + offset
  if (index < 0 || target < 0 || target >= list.length) return [...list]
  const result = [...list]
  ;[result[index], result[target]] = [result[target] as T, result[index] as T]
  return result
}

/** Moves a section one place up (-1) or down (1) among its siblings; at either end nothing changes. */
export function moveSection(sections: Sections, id: string, offset: -1 | 1): DefinitionSection[] {
  return editSiblings(sections, id, (siblings, index) => swap(siblings, index, offset))
}

/** The outcome of adding questions: the new tree, and which questions went in or were already there. */
export interface AddedQuestions {
  sections: DefinitionSection[]
  added: string[]
  /** Already somewhere in the definition (or repeated in the request): a question is placed once. */
  skipped: string[]
}

/** Adds questions at the end of a section, without scores; those already in the definition are skipped. */
export function addQuestions(
  sections: Sections,
  sectionId: string,
  questionIds: readonly string[],
): AddedQuestions {
  const present = new Set(allItems({ sections: [...sections] }).map((item) => item.questionId))
  const added: string[] = []
  const skipped: string[] = []
  for (const questionId of questionIds) {
    if (present.has(questionId)) skipped.push(questionId)
    else added.push(questionId)
    present.add(questionId)
  }
  const next = updateSection(sections, sectionId, (section) => ({
    ...section,
    items: [...section.items, ...added.map((questionId) => ({ questionId }))],
  }))
  return { sections: next, added, skipped }
}

/** Removes a question from whichever section holds it. */
export function removeQuestion(sections: Sections, questionId: string): DefinitionSection[] {
  return mapItems(sections, (items) => items.filter((item) => item.questionId !== questionId))
}

/** Moves a question one place up (-1) or down (1) within its section; at either end nothing changes. */
export function moveQuestion(sections: Sections, questionId: string, offset: -1 | 1): DefinitionSection[] {
  return mapItems(sections, (items) =>
    swap(
      items,
      items.findIndex((item) => item.questionId === questionId),
      offset,
    ),
  )
}

function scored(item: DefinitionItem, score: number | undefined): DefinitionItem {
  return score === undefined ? { questionId: item.questionId } : { questionId: item.questionId, score }
}

/** Gives one question its score; `undefined` clears it. */
export function setScore(
  sections: Sections,
  questionId: string,
  score: number | undefined,
): DefinitionSection[] {
  const checked = score === undefined ? undefined : checkedScore(score)
  return mapItems(sections, (items) =>
    items.map((item) => (item.questionId === questionId ? scored(item, checked) : item)),
  )
}

/**
 * Batch scores (批量設置分數): every question of the section gets `score`, its own questions and those of all
 * its sub-sections alike — the seed's "all questions under this section".
 */
export function setSectionScores(sections: Sections, sectionId: string, score: number): DefinitionSection[] {
  const checked = checkedScore(score)
  return updateSection(sections, sectionId, (section) =>
    mapSectionItems(section, (items) => items.map((item) => scored(item, checked))),
  )
}

/** Every score removed (a definition that stops being scored cannot keep them). */
export function withoutScores(sections: Sections): DefinitionSection[] {
  return mapItems(sections, (items) => items.map((item) => scored(item, undefined)))
}

function copySections(sections: Sections, newIdFor: (sectionId: string) => string): DefinitionSection[] {
  return sections.map((section) => ({
    id: newIdFor(section.id),
    title: section.title,
    items: section.items.map((item) => ({ ...item })),
    sections: copySections(section.sections, newIdFor),
  }))
}

/** A copy before it is given its author and creation time (the copy belongs to whoever makes it). */
export type DefinitionCopy = Omit<HomeworkDefinition, keyof BaseDocument | 'authorId' | 'createdAt'>

/**
 * QB-3 copy (複製): the same questions and scores in the same sections (with new section ids), as a draft that
 * remembers its source; the title gets `titleSuffix`, shortening the title if it would grow too long.
 */
export function copyDefinition(
  definition: HomeworkDefinition,
  newIdFor: (sectionId: string) => string,
  titleSuffix: string,
): DefinitionCopy {
  const kept = definition.title.slice(0, Math.max(0, MAX_TITLE_LENGTH - titleSuffix.length)).trimEnd()
  return {
    title: `${kept}${titleSuffix}`,
    subjectId: definition.subjectId,
    scored: definition.scored,
    status: 'draft',
    sections: copySections(definition.sections, newIdFor),
    copiedFromId: definition.id,
  }
}

/** A completion problem as the UI words it: an i18n key and its parameters. */
export interface ProblemMessage {
  key: string
  params: Record<string, string | number>
}

/**
 * Words `completionProblems` for the UI: `homework.problems.<code>` with `section` (the path joined with " / "),
 * `position` (1-based, in its section) and `question` (`describeQuestion`'s words for it, e.g. its stem).
 */
export function completionProblemMessage(
  problem: CompletionProblem,
  describeQuestion: (questionId: string) => string,
): ProblemMessage {
  const key = `homework.problems.${problem.code}`
  switch (problem.code) {
    case 'noSections':
      return { key, params: {} }
    case 'emptySection':
      return { key, params: { section: problem.path.join(' / ') } }
    case 'missingScore':
      return {
        key,
        params: {
          section: problem.path.join(' / '),
          position: problem.position,
          question: describeQuestion(problem.questionId),
        },
      }
  }
}
