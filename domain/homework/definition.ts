import { isAdmin, isStaff, type SessionUser } from '../auth/roles.ts'
import type { BaseDocument } from '../documents.ts'
import { allowed, denied, isDeletion, kindSchema, nonBlankString, type KindDefinition } from '../kinds.ts'

/** The highest score one question can give. */
export const MAX_SCORE = 1000
/** The longest title of a definition or a section. */
export const MAX_TITLE_LENGTH = 100

export const DEFINITION_STATUSES = ['draft', 'complete'] as const
export type DefinitionStatus = (typeof DEFINITION_STATUSES)[number]

/** A published question placed in a section, with its score when the definition is scored. */
export interface DefinitionItem {
  questionId: string
  score?: number
}

/** A section (章節) of a homework definition: its own questions, then its sub-sections. */
export interface DefinitionSection {
  id: string
  title: string
  items: DefinitionItem[]
  sections: DefinitionSection[]
}

/**
 * QB-3: a homework definition (作業定義): published questions of one subject in a tree of sections. A draft is
 * edited by its author; once complete it is read-only and can be assigned to classes (QB-4).
 */
export interface HomeworkDefinition extends BaseDocument {
  kind: 'definition'
  title: string
  subjectId: string
  scored: boolean
  status: DefinitionStatus
  authorId: string
  /** ms, the writer's clock: shown, never used to order sync. */
  createdAt: number
  sections: DefinitionSection[]
  /** The definition this one was copied from. */
  copiedFromId?: string
}

/** Why a definition cannot be completed; `path` names the section by its titles from the top. */
export type CompletionProblem =
  | { code: 'noSections' }
  | { code: 'emptySection'; path: string[] }
  | { code: 'missingScore'; path: string[]; questionId: string; position: number }

/** Every section with its path of titles, depth first, parents before their sub-sections. */
export function walkSections(
  sections: readonly DefinitionSection[],
  parentPath: readonly string[] = [],
): { section: DefinitionSection; path: string[] }[] {
  return sections.flatMap((section) => {
    const path = [...parentPath, section.title]
    return [{ section, path }, ...walkSections(section.sections, path)]
  })
}

/** The questions of a section and of all its sub-sections. */
export function sectionItems(section: DefinitionSection): DefinitionItem[] {
  return [...section.items, ...section.sections.flatMap(sectionItems)]
}

export function allItems(definition: Pick<HomeworkDefinition, 'sections'>): DefinitionItem[] {
  return definition.sections.flatMap(sectionItems)
}

/** The sum of the scores given so far. */
export function totalScore(definition: Pick<HomeworkDefinition, 'sections'>): number {
  return allItems(definition).reduce((sum, item) => sum + (item.score ?? 0), 0)
}

/**
 * "Complete" is allowed only when every section holds a question (its own or a sub-section's: a section that
 * only groups others counts through them) and, if scored, every question has a score.
 */
export function completionProblems(
  definition: Pick<HomeworkDefinition, 'sections' | 'scored'>,
): CompletionProblem[] {
  if (!definition.sections.length) return [{ code: 'noSections' }]
  return walkSections(definition.sections).flatMap(({ section, path }): CompletionProblem[] => {
    if (!sectionItems(section).length) return [{ code: 'emptySection', path }]
    if (!definition.scored) return []
    return section.items.flatMap((item, index): CompletionProblem[] =>
      item.score === undefined
        ? [{ code: 'missingScore', path, questionId: item.questionId, position: index + 1 }]
        : [],
    )
  })
}

export function completionProblemText(problem: CompletionProblem): string {
  switch (problem.code) {
    case 'noSections':
      return 'a complete definition needs at least one section'
    case 'emptySection':
      return `section "${problem.path.join(' / ')}" has no question`
    case 'missingScore':
      return `question ${problem.position} of section "${problem.path.join(' / ')}" has no score`
  }
}

function checkDefinition(definition: HomeworkDefinition): string[] {
  const problems: string[] = []
  const seenQuestions = new Set<string>()
  const seenSections = new Set<string>()
  for (const { section, path } of walkSections(definition.sections)) {
    if (seenSections.has(section.id)) problems.push(`section id ${section.id} is used twice`)
    seenSections.add(section.id)
    for (const item of section.items) {
      if (seenQuestions.has(item.questionId)) {
        problems.push(`question ${item.questionId} appears twice (again in "${path.join(' / ')}")`)
      }
      seenQuestions.add(item.questionId)
    }
  }
  if (!definition.scored && allItems(definition).some((item) => item.score !== undefined)) {
    problems.push('an unscored definition cannot give scores')
  }
  if (definition.status === 'complete')
    problems.push(...completionProblems(definition).map(completionProblemText))
  return problems
}

function canWriteDefinition(user: SessionUser, next: HomeworkDefinition, stored: HomeworkDefinition | null) {
  if (!isStaff(user)) return denied('only staff may write homework definitions')
  if (!stored) {
    return next.authorId === user.id
      ? allowed
      : denied('a new homework definition must be written by its author')
  }
  const own = stored.authorId === user.id
  if (isDeletion(next)) {
    return own || isAdmin(user)
      ? allowed
      : denied('only the author or an admin may delete a homework definition')
  }
  if (!own) return denied('only the author may change a homework definition')
  if (stored.status === 'complete')
    return denied('a complete homework definition is read-only; copy it to change it')
  return next.authorId === stored.authorId
    ? allowed
    : denied('the author of a homework definition cannot change')
}

const score = { type: 'number', minimum: 0, maximum: MAX_SCORE } as const

export const definitionKind: KindDefinition<HomeworkDefinition> = {
  kind: 'definition',
  collection: 'homework',
  schema: {
    ...kindSchema(
      'definition',
      {
        title: nonBlankString(MAX_TITLE_LENGTH),
        subjectId: { type: 'string', minLength: 1, maxLength: 64 },
        scored: { type: 'boolean' },
        status: { enum: [...DEFINITION_STATUSES] },
        authorId: { type: 'string', minLength: 1, maxLength: 64 },
        createdAt: { type: 'number', minimum: 0 },
        sections: { type: 'array', items: { $ref: '#/$defs/section' }, maxItems: 100 },
        copiedFromId: { type: 'string', minLength: 1, maxLength: 64 },
      },
      ['title', 'subjectId', 'scored', 'status', 'authorId', 'createdAt', 'sections'],
    ),
    $defs: {
      section: {
        type: 'object',
        properties: {
          id: { type: 'string', minLength: 1, maxLength: 64 },
          title: nonBlankString(MAX_TITLE_LENGTH),
          items: {
            type: 'array',
            maxItems: 500,
            items: {
              type: 'object',
              properties: { questionId: { type: 'string', minLength: 1, maxLength: 64 }, score },
              required: ['questionId'],
              additionalProperties: false,
            },
          },
          sections: { type: 'array', items: { $ref: '#/$defs/section' }, maxItems: 100 },
        },
        required: ['id', 'title', 'items', 'sections'],
        additionalProperties: false,
      },
    },
  },
  check: checkDefinition,
  canWrite: canWriteDefinition,
  canRead: isStaff,
}
