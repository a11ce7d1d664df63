import type { Period } from '../../catalog/term.ts'
import type { PlanEntry } from '../plan-entry.ts'
import type { FetActivity, FetFile, FetPlacement } from './fet-model.ts'
import { periodsInOrder, type Named } from './term-to-fet.ts'

/** The school's records a `.fet` file's names are matched against. */
export interface SchoolRecords {
  teachers: readonly Named[]
  classes: readonly Named[]
  subjects: readonly Named[]
  locations: readonly Named[]
}

export interface ImportTarget {
  termId: string
  periods: readonly Period[]
  /** The location of lessons the file gives no room; without it, such activities are not placed. */
  defaultLocationId?: string
}

export type ImportedPlanEntry = Pick<
  PlanEntry,
  'termId' | 'weekday' | 'periodId' | 'teacherId' | 'subjectId' | 'classId' | 'locationId'
> & { activityId: number }

export interface NameMatch {
  fetName: string
  id: string
  name: string
}

type Category = 'teachers' | 'students' | 'subjects' | 'rooms'

export type NotPlacedReason =
  | 'inactive'
  | 'noPlacement'
  | 'dayOutsideWeek'
  | 'hourOutsideTerm'
  | 'notOneTeacher'
  | 'unmatchedTeacher'
  | 'unmatchedSubject'
  | 'unmatchedStudents'
  | 'unmatchedRoom'
  | 'noRoom'

export interface NotPlaced {
  activityId: number
  reason: NotPlacedReason
}

export interface FetImport {
  drafts: ImportedPlanEntry[]
  /** The names the file's activities use, found among the school's records, and those not found. */
  matched: Record<Category, NameMatch[]>
  unmatched: Record<Category, string[]>
  notPlaced: NotPlaced[]
}

const normalized = (name: string) => name.trim().toLocaleLowerCase()

/** The record of that name: the one exact match, else the one trimmed, case-insensitive match. */
export function matchName(fetName: string, records: readonly Named[]): Named | undefined {
  const exact = records.filter((record) => record.name === fetName)
  if (exact.length > 0) return exact.length === 1 ? exact[0] : undefined
  const loose = records.filter((record) => normalized(record.name) === normalized(fetName))
  return loose.length === 1 ? loose[0] : undefined
}

/**
 * Where the file itself places activities: its active, weight-100 ActivityPreferredStartingTime constraints (with
 * the room of an ActivityPreferredRoom of weight 100), overridden by a FET solution's (`_activities.xml`) placements.
 */
export function fetPlacementsOf(fet: FetFile, solution: readonly FetPlacement[] = []): FetPlacement[] {
  const hard = <T extends { weight: number; active: boolean }>(c: T) => c.active && c.weight === 100
  const rooms = new Map<number, string>()
  for (const c of fet.spaceConstraints) {
    if (c.type === 'ActivityPreferredRoom' && hard(c)) rooms.set(c.activityId, c.room)
  }
  const placements = new Map<number, FetPlacement>()
  for (const c of fet.timeConstraints) {
    if (c.type !== 'ActivityPreferredStartingTime' || !hard(c)) continue
    placements.set(c.activityId, { id: c.activityId, ...c.time, room: rooms.get(c.activityId) ?? '' })
  }
  for (const placement of solution) placements.set(placement.id, placement)
  return [...placements.values()]
}

/** Matches names as they are met, remembering each once. */
class Matcher {
  readonly matched: Record<Category, NameMatch[]> = { teachers: [], students: [], subjects: [], rooms: [] }
  readonly unmatched: Record<Category, string[]> = { teachers: [], students: [], subjects: [], rooms: [] }
  private readonly seen = new Map<string, Named | undefined>()
  readonly records: Record<Category, readonly Named[]>

  constructor(records: Record<Category, readonly Named[]>) {
    this.records = records
  }

  find(category: Category, fetName: string): Named | undefined {
    const key = `${category}\u0000${fetName}`
    if (this.seen.has(key)) return this.seen.get(key)
    const record = matchName(fetName, this.records[category])
    this.seen.set(key, record)
    if (record) this.matched[category].push({ fetName, id: record.id, name: record.name })
    else this.unmatched[category].push(fetName)
    return record
  }
}

type Outcome = { drafts: ImportedPlanEntry[] } | { reason: NotPlacedReason }

function activityOutcome(
  activity: FetActivity,
  placement: FetPlacement | undefined,
  fet: FetFile,
  match: Matcher,
  target: ImportTarget,
  periods: readonly Period[],
): Outcome {
  if (!activity.active) return { reason: 'inactive' }
  // Every name is matched first, so that all unmatched names are listed, not only the first of an activity.
  const teachers = activity.teachers.map((name) => match.find('teachers', name))
  const subject = match.find('subjects', activity.subject)
  const classes = activity.students.map((name) => match.find('students', name))
  const room = placement && placement.room !== '' ? match.find('rooms', placement.room) : undefined
  if (!placement) return { reason: 'noPlacement' }
  if (teachers.length !== 1) return { reason: 'notOneTeacher' }
  const [teacher] = teachers
  if (!teacher) return { reason: 'unmatchedTeacher' }
  if (!subject) return { reason: 'unmatchedSubject' }
  const found = classes.filter((c): c is Named => c !== undefined)
  if (classes.length === 0 || found.length < classes.length) return { reason: 'unmatchedStudents' }
  const day = fet.days.indexOf(placement.day)
  if (day < 0 || day >= 7) return { reason: 'dayOutsideWeek' }
  const hour = fet.hours.indexOf(placement.hour)
  const covered = periods.slice(hour, hour + activity.duration)
  if (hour < 0 || covered.length < activity.duration) return { reason: 'hourOutsideTerm' }
  if (placement.room !== '' && !room) return { reason: 'unmatchedRoom' }
  const sharedRoom = activity.activityTags.map((tag) => matchName(tag, match.records.rooms)).find(Boolean)
  const locationId = room?.id ?? sharedRoom?.id ?? target.defaultLocationId
  if (locationId === undefined) return { reason: 'noRoom' }
  const drafts = found.flatMap((schoolClass) =>
    covered.map((period) => ({
      termId: target.termId,
      weekday: day + 1,
      periodId: period.id,
      teacherId: teacher.id,
      subjectId: subject.id,
      classId: schoolClass.id,
      locationId,
      activityId: activity.id,
    })),
  )
  return { drafts }
}

/**
 * A `.fet` file's placed activities as plan entry drafts of a term: teachers, students sets (as classes), subjects
 * and rooms matched by name, days matched to weekdays (Monday first) and hours to the term's periods (by start)
 * by position. A room several classes share comes back from the activity tag `termToFet` writes for it.
 */
export function fetToPlan(
  fet: FetFile,
  placements: readonly FetPlacement[],
  school: SchoolRecords,
  target: ImportTarget,
): FetImport {
  const match = new Matcher({
    teachers: school.teachers,
    students: school.classes,
    subjects: school.subjects,
    rooms: school.locations,
  })
  const periods = periodsInOrder(target.periods)
  const placementOf = new Map(placements.map((p) => [p.id, p]))
  const drafts: ImportedPlanEntry[] = []
  const notPlaced: NotPlaced[] = []
  for (const activity of fet.activities) {
    const outcome = activityOutcome(activity, placementOf.get(activity.id), fet, match, target, periods)
    if ('reason' in outcome) notPlaced.push({ activityId: activity.id, reason: outcome.reason })
    else drafts.push(...outcome.drafts)
  }
  return { drafts, matched: match.matched, unmatched: match.unmatched, notPlaced }
}
