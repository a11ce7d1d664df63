import type { Term } from '../catalog/term.ts'
import { addDays, type IsoDate } from '../calendar/dates.ts'

type DatedTerm = Pick<Term, 'id' | 'start' | 'end'>

/**
 * The terms whose lessons a replica keeps (issue 18): the current term and the next one, by their dates.
 * Between two terms (a holiday) the term that just ended counts as current, so the window moves only when a
 * term starts. Terms that overlap today all count as current. `opened` adds older terms the user asked for.
 * Sorted ids, so two windows compare as strings.
 */
export function replicaTermWindow(
  terms: readonly DatedTerm[],
  today: IsoDate,
  opened: readonly string[] = [],
): string[] {
  const byStart = [...terms].sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id))
  const started = byStart.filter((term) => term.start <= today)
  const running = started.filter((term) => today <= term.end)
  const current = running.length > 0 ? running : started.slice(-1)
  const next = byStart.find((term) => term.start > today)
  const known = new Set(terms.map((term) => term.id))
  const ids = [
    ...current.map((term) => term.id),
    ...(next ? [next.id] : []),
    ...opened.filter((id) => known.has(id)),
  ]
  return [...new Set(ids)].sort()
}

/** How long an older term opened on a PC stays in its replica after it was last opened there. */
export const OPENED_TERM_KEEP_DAYS = 30

/** Older terms opened on a PC, each with the day it was last opened. */
export type OpenedTerms = Readonly<Record<string, IsoDate>>

/**
 * The opened older terms a replica still keeps on `today` (for `replicaTermWindow`'s `opened`): those last
 * opened within the past `OPENED_TERM_KEEP_DAYS` days, so a term looked at yesterday is still there offline
 * after a restart, and one looked at months ago leaves again.
 */
export function keptOpenedTerms(opened: OpenedTerms, today: IsoDate): string[] {
  const since = addDays(today, -OPENED_TERM_KEEP_DAYS)
  return Object.entries(opened)
    .filter(([, lastOpened]) => lastOpened > since)
    .map(([id]) => id)
    .sort()
}

/** `opened` with `termId` opened on `today`, and the terms no longer kept left out. */
export function withOpenedTerm(opened: OpenedTerms, termId: string, today: IsoDate): OpenedTerms {
  const kept = keptOpenedTerms(opened, today).map((id) => [id, opened[id] as IsoDate] as const)
  return Object.fromEntries([...kept, [termId, today]])
}

/**
 * The window as the optional `terms` parameter of the timetable pull (issue 18), or '' (no window: every
 * lesson) when an id holds the comma that separates them.
 */
export function termWindowQuery(window: readonly string[]): string {
  if (window.some((id) => id.includes(','))) return ''
  return `terms=${window.map(encodeURIComponent).join(',')}`
}

/** The ids of a `terms` parameter: '' is the empty window. */
export function parseTermWindow(terms: string): Set<string> {
  return new Set(terms === '' ? [] : terms.split(','))
}

/** Does a replica with this window keep `doc`? Only lessons are windowed; every other kind always is kept. */
export function inTermWindow(doc: { kind: string; termId?: unknown }, window: ReadonlySet<string>): boolean {
  return doc.kind !== 'lesson' || (typeof doc.termId === 'string' && window.has(doc.termId))
}

/**
 * How a replica follows a move of its window (issue 18): the terms to bring in, pulled from seq 0 alone (the
 * rest of the window is there already), or undefined when the whole window must be pulled from 0 again — the
 * replica holds no known window yet, or the new one cannot be written as a `terms` parameter.
 */
export function termsToCatchUp(
  heldQuery: string | undefined,
  window: readonly string[],
): string[] | undefined {
  const held = heldTermsOf(heldQuery)
  if (held === undefined || termWindowQuery(window) === '') return undefined
  return window.filter((id) => !holdsTerm(held, id))
}

/**
 * The terms a replica holds in full, from `heldQuery` (the `termWindowQuery` of its last completed move
 * or from-zero pull): 'every' for '' (no window), undefined before the first such pull.
 */
function heldTermsOf(heldQuery: string | undefined): ReadonlySet<string> | 'every' | undefined {
  const prefix = 'terms='
  if (heldQuery === '') return 'every'
  if (!heldQuery?.startsWith(prefix)) return undefined
  return parseTermWindow(heldQuery.slice(prefix.length))
}

function holdsTerm(held: ReadonlySet<string> | 'every', termId: string): boolean {
  return held === 'every' || held.has(encodeURIComponent(termId))
}

/** Can a screen show a term's lessons from the replica? */
export type TermAvailability = 'here' | 'fetching' | 'notOnThisPc'

/**
 * `here` when the window the replica holds in full (`heldQuery`: the `termWindowQuery` of its last complete
 * from-zero pull, undefined before the first) has the term; else `fetching` while online (the term is being
 * brought in) and `notOnThisPc` offline.
 */
export function termAvailability(
  termId: string,
  heldQuery: string | undefined,
  online: boolean,
): TermAvailability {
  const held = heldTermsOf(heldQuery)
  if (held !== undefined && holdsTerm(held, termId)) return 'here'
  return online ? 'fetching' : 'notOnThisPc'
}
