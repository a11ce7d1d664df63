// TT-6 on the server: a push must not leave a double booking in the scheduling plan, even when two PCs that
// were offline each booked the same teacher, class or room into the same slot.
import type { Location } from '../../../domain/catalog/location.ts'
import type { Term } from '../../../domain/catalog/term.ts'
import type { WireDocument } from '../../../domain/documents.ts'
import {
  clashes,
  groupBySlot,
  planSlotKey,
  type Clash,
  type ClashReason,
} from '../../../domain/timetable/conflicts.ts'
import type { PlanEntry } from '../../../domain/timetable/plan-entry.ts'
import type { RelatedQuery } from '../store/index.ts'
import type { CrossDocumentCheck } from './push.ts'

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

const REASON_WORDS: Record<ClashReason, string> = { teacher: 'teacher', class: 'class', location: 'room' }

/** The kinds a plan entry refers to, read whole so that a refusal can name the entry it clashes with. */
const REFERENCED_KINDS: RelatedQuery[] = [
  { collection: 'org', kind: 'staff' },
  { collection: 'org', kind: 'class' },
  { collection: 'catalog', kind: 'subject' },
  { collection: 'catalog', kind: 'location' },
]

type Entry = WireDocument<PlanEntry>
type ById = ReadonlyMap<string, WireDocument>

function isLivePlanEntry(doc: WireDocument): doc is Entry {
  return doc.kind === 'plan_entry' && !doc._deleted
}

function related(pushed: readonly WireDocument[]): RelatedQuery[] {
  const termIds = [...new Set(pushed.filter(isLivePlanEntry).map((entry) => entry.termId))]
  if (termIds.length === 0) return []
  return [
    { collection: 'timetable', kind: 'plan_entry', where: { field: 'termId', in: termIds } },
    { collection: 'catalog', kind: 'term', where: { field: 'id', in: termIds } },
    ...REFERENCED_KINDS,
  ]
}

function nameOf(docs: ById, id: string): string {
  const name = (docs.get(id) as { name?: unknown } | undefined)?.name
  return typeof name === 'string' ? name : id
}

function periodName(docs: ById, entry: Entry): string {
  const term = docs.get(entry.termId) as WireDocument<Term> | undefined
  return term?.periods.find((period) => period.id === entry.periodId)?.name ?? entry.periodId
}

/** "teacher", "teacher and room", "teacher, class and room". */
function listReasons(reasons: readonly ClashReason[]): string {
  const words = reasons.map((reason) => REASON_WORDS[reason])
  const last = words.pop()
  return words.length > 0 ? `${words.join(', ')} and ${last}` : (last ?? '')
}

function describeClash(entry: Entry, { other, reasons }: Clash<Entry>, docs: ById): string {
  const [teacher, schoolClass, subject, room] = [
    other.teacherId,
    other.classId,
    other.subjectId,
    other.locationId,
  ].map((id) => nameOf(docs, id))
  const when = `${WEEKDAYS[entry.weekday - 1] ?? entry.weekday}, ${periodName(docs, entry)}`
  return (
    `plan entry ${entry.id}: ${teacher} already teaches ${schoolClass} ${subject} in ${room} on ${when} ` +
    `(plan entry ${other.id}) — the same ${listReasons(reasons)}`
  )
}

/**
 * The clashes of the written plan entries with the plan as it will be once `writes` are stored: the stored
 * entries of their terms, where a written entry replaces (moves, or deletes) its stored version. A clash of
 * two written entries is reported once.
 */
function problems(writes: readonly WireDocument[], relatedDocs: readonly WireDocument[]): string[] {
  const docs = new Map(relatedDocs.map((doc) => [doc.id, doc]))
  const writtenIds = new Set(writes.map((doc) => doc.id))
  const written = writes.filter(isLivePlanEntry)
  const stored = relatedDocs.filter((doc) => isLivePlanEntry(doc) && !writtenIds.has(doc.id)) as Entry[]
  const slots = groupBySlot([...stored, ...written], planSlotKey)
  const hostsSeveralClasses = (id: string) =>
    (docs.get(id) as WireDocument<Location> | undefined)?.multiClass === true
  const reported = new Set<string>()
  return written.flatMap((entry) => {
    const found = clashes(entry, slots.get(planSlotKey(entry)) ?? [], hostsSeveralClasses)
    reported.add(entry.id)
    return found
      .filter(({ other }) => !reported.has(other.id))
      .map((clash) => describeClash(entry, clash, docs))
  })
}

export const planConflicts: CrossDocumentCheck = { related, problems }
