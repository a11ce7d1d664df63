import { isAdmin } from '../auth/roles.ts'
import { DATE_PATTERN } from '../calendar/dates.ts'
import { newId, type BaseDocument } from '../documents.ts'
import { allowed, denied, kindSchema, nonBlankString, type KindDefinition } from '../kinds.ts'

/** TT-2: one lesson period of a school day, times as `HH:mm`. */
export interface Period {
  id: string
  name: string
  start: string
  end: string
}

/** TT-1: a term (学期) with its dates (`YYYY-MM-DD`, both included) and TT-2 its period definitions. */
export interface Term extends BaseDocument {
  kind: 'term'
  name: string
  start: string
  end: string
  remark?: string
  periods: Period[]
}

const TIME_PATTERN = '^([01]\\d|2[0-3]):[0-5]\\d$'

const periodSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 64 },
    name: nonBlankString(30),
    start: { type: 'string', pattern: TIME_PATTERN },
    end: { type: 'string', pattern: TIME_PATTERN },
  },
  required: ['id', 'name', 'start', 'end'],
  additionalProperties: false,
} as const

type TermDates = Pick<Term, 'start' | 'end'>

/** Do two date ranges share at least one day? (Both ends included; ISO dates compare as strings.) */
export function termsOverlap(a: TermDates, b: TermDates): boolean {
  return a.start <= b.end && b.start <= a.end
}

/** The other terms whose dates overlap `term` (the term itself, by id, excluded). */
export function overlappingTerms<T extends TermDates & { id: string }>(
  term: TermDates & { id?: string },
  others: readonly T[],
): T[] {
  return others.filter((other) => other.id !== term.id && termsOverlap(term, other))
}

/** One broken rule of a term, structured so a screen can word it in its language. */
export type TermProblem =
  | { type: 'termEndsBeforeStart'; start: string; end: string }
  | { type: 'periodEndsBeforeStart'; period: Period }
  | { type: 'periodsOverlap'; first: Period; second: Period }
  | { type: 'periodIdTwice'; id: string }

/** Problems of a period list: end not after start, overlaps (touching is fine), repeated ids. */
export function periodProblems(periods: readonly Period[]): TermProblem[] {
  const problems: TermProblem[] = []
  for (const period of periods) {
    if (period.end <= period.start) problems.push({ type: 'periodEndsBeforeStart', period })
  }
  const seen = new Set<string>()
  for (const period of periods) {
    if (seen.has(period.id)) problems.push({ type: 'periodIdTwice', id: period.id })
    seen.add(period.id)
  }
  const valid = periods.filter((p) => p.start < p.end)
  valid.forEach((first, i) => {
    for (const second of valid.slice(i + 1)) {
      if (first.start < second.end && second.start < first.end) {
        problems.push({ type: 'periodsOverlap', first, second })
      }
    }
  })
  return problems
}

/** The rules the JSON Schema cannot express: start ≤ end, periods well-formed and not overlapping. */
export function termProblems(term: Pick<Term, 'start' | 'end' | 'periods'>): TermProblem[] {
  const dates: TermProblem[] =
    term.start > term.end ? [{ type: 'termEndsBeforeStart', start: term.start, end: term.end }] : []
  return [...dates, ...periodProblems(term.periods)]
}

const label = (period: Period) => `"${period.name}" (${period.start}–${period.end})`

export function describeTermProblem(problem: TermProblem): string {
  switch (problem.type) {
    case 'termEndsBeforeStart':
      return `the term starts (${problem.start}) after it ends (${problem.end})`
    case 'periodEndsBeforeStart':
      return `period ${label(problem.period)} must end after it starts`
    case 'periodsOverlap':
      return `periods ${label(problem.first)} and ${label(problem.second)} overlap`
    case 'periodIdTwice':
      return `period id ${problem.id} is used twice`
  }
}

/** `termProblems` in words (the messages of the repository gate and the server). */
export function validateTerm(term: Pick<Term, 'start' | 'end' | 'periods'>): string[] {
  return termProblems(term).map(describeTermProblem)
}

/** Periods of another term for this one: new ids, same names and times, sorted by start. */
export function copyPeriods(from: readonly Period[], makeId: () => string = newId): Period[] {
  return [...from]
    .sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end))
    .map((period) => ({ id: makeId(), name: period.name, start: period.start, end: period.end }))
}

export const termKind: KindDefinition<Term> = {
  kind: 'term',
  collection: 'catalog',
  schema: kindSchema(
    'term',
    {
      name: nonBlankString(60),
      start: { type: 'string', pattern: DATE_PATTERN },
      end: { type: 'string', pattern: DATE_PATTERN },
      remark: { type: 'string', maxLength: 500 },
      periods: { type: 'array', items: periodSchema, maxItems: 30 },
    },
    ['name', 'start', 'end', 'periods'],
  ),
  check: validateTerm,
  canWrite: (user) => (isAdmin(user) ? allowed : denied('only admins may change terms')),
  canRead: () => true,
}
