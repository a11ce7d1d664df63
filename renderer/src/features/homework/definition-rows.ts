import dayjs from 'dayjs'
import {
  totalScore,
  type DefinitionStatus,
  type HomeworkDefinition,
} from '../../../../domain/homework/definition.ts'

/** The list's filters besides the title search; unset matches all. */
export interface DefinitionFilter {
  subjectId?: string
  status?: DefinitionStatus
}

/** A row of the definitions list: the definition and its columns as shown. */
export interface DefinitionRow {
  id: string
  definition: HomeworkDefinition
  title: string
  subject: string
  author: string
  createdAt: string
  /** Only for a scored definition. */
  total?: number
}

/** Names by id; an unknown one (deleted, not synced yet) shows as "?". */
export interface RowNames {
  subjects: ReadonlyMap<string, { name: string }>
  staff: ReadonlyMap<string, { name: string }>
}

export function matchesFilter(definition: HomeworkDefinition, filter: DefinitionFilter): boolean {
  return (
    (!filter.subjectId || definition.subjectId === filter.subjectId) &&
    (!filter.status || definition.status === filter.status)
  )
}

export function definitionRow(definition: HomeworkDefinition, names: RowNames): DefinitionRow {
  return {
    id: definition.id,
    definition,
    title: definition.title,
    subject: names.subjects.get(definition.subjectId)?.name ?? '?',
    author: names.staff.get(definition.authorId)?.name ?? '?',
    createdAt: dayjs(definition.createdAt).format('YYYY-MM-DD'),
    ...(definition.scored ? { total: totalScore(definition) } : {}),
  }
}
