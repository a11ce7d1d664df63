import type { Period } from '../../catalog/term.ts'
import type { PlanEntry } from '../plan-entry.ts'
import type { FetPlacement } from './fet-model.ts'
import { escapeXml, lockFetSolution } from './write-fet-solution.ts'

export interface Named {
  id: string
  name: string
}

/** What a term's export needs: the school's names and the term's plan entries. */
export interface TermForFet {
  institution: string
  periods: readonly Period[]
  teachers: readonly Named[]
  classes: readonly (Named & { gradeName: string })[]
  subjects: readonly Named[]
  locations: readonly (Named & { multiClass: boolean; capacity?: number })[]
  entries: readonly PlanEntry[]
}

export interface TermFetExport {
  xml: string
  /** Entries naming a teacher, class, subject, location or period the school no longer has: not exported. */
  skipped: PlanEntry[]
}

/** FET's day names for ISO weekdays 1 (Monday) … 7. */
export const FET_WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
const WORKDAY_COUNT = 5
/** FET's capacity of a room with no capacity set (its own default). */
const UNLIMITED_CAPACITY = 30000

/** The days a plan uses: Monday to Friday, the whole week when an entry falls on a weekend. */
export function planWeekdays(entries: readonly Pick<PlanEntry, 'weekday'>[]): number[] {
  const count = entries.some((entry) => entry.weekday > WORKDAY_COUNT) ? FET_WEEKDAYS.length : WORKDAY_COUNT
  return Array.from({ length: count }, (_, i) => i + 1)
}

export function periodsInOrder(periods: readonly Period[]): Period[] {
  return [...periods].sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end))
}

/** FET needs unique names: a repeated one gets " (2)", " (3)"… in the order given. */
function uniqueNames(items: readonly Named[], taken = new Set<string>()): Map<string, string> {
  const names = new Map<string, string>()
  for (const item of items) {
    let name = item.name
    for (let n = 2; taken.has(name); n++) name = `${item.name} (${n})`
    taken.add(name)
    names.set(item.id, name)
  }
  return names
}

/** One FET activity: a run of consecutive periods of one class, subject, teacher and location on one day. */
interface Run {
  entry: PlanEntry
  hour: number
  duration: number
}

const runKey = (e: PlanEntry) => [e.classId, e.subjectId, e.teacherId, e.locationId, e.weekday].join('\u0000')

function runsOf(entries: readonly PlanEntry[], hourOf: Map<string, number>): Run[] {
  const byKey = new Map<string, PlanEntry[]>()
  for (const entry of entries) byKey.set(runKey(entry), [...(byKey.get(runKey(entry)) ?? []), entry])
  const runs: Run[] = []
  for (const group of byKey.values()) {
    const hours = group.map((entry) => ({ entry, hour: hourOf.get(entry.periodId) ?? 0 }))
    hours.sort((a, b) => a.hour - b.hour)
    for (const { entry, hour } of hours) {
      const last = runs.at(-1)
      const extends_ = last && runKey(last.entry) === runKey(entry) && last.hour + last.duration === hour
      if (extends_) last.duration++
      else runs.push({ entry, hour, duration: 1 })
    }
  }
  return runs
}

const element = (tag: string, value: string | number, indent = '\t') =>
  `${indent}<${tag}>${typeof value === 'number' ? value : escapeXml(value)}</${tag}>\n`

function list(tag: string, body: string): string {
  return `<${tag}>\n${body}</${tag}>\n\n`
}

function namedItems(tag: string, names: Iterable<string>, extra = ''): string {
  return [...names].map((name) => `<${tag}>\n${element('Name', name)}${extra}</${tag}>\n`).join('')
}

function namedList(listTag: string, itemTag: string, names: Iterable<string>, extra: string): string {
  return list(listTag, namedItems(itemTag, names, extra))
}

const COMMENTS = element('Comments', '')
const TEACHER_EXTRA = `${element('Target_Number_of_Hours', 0)}\t<Qualified_Subjects>\n\t</Qualified_Subjects>\n${COMMENTS}`

function studentsList(
  classes: TermForFet['classes'],
  classNames: Map<string, string>,
  yearNames: Map<string, string>,
) {
  const years = [...new Set(classes.map((c) => c.gradeName))].map((grade) => {
    const groups = classes
      .filter((c) => c.gradeName === grade)
      .map(
        (c) =>
          `\t<Group>\n${element('Name', classNames.get(c.id) ?? '', '\t\t')}${element('Number_of_Students', 0, '\t\t')}${element('Comments', '', '\t\t')}\t</Group>\n`,
      )
    return (
      `<Year>\n${element('Name', yearNames.get(grade) ?? grade)}${element('Number_of_Students', 0)}${COMMENTS}` +
      `${element('Number_of_Categories', 0)}${element('Separator', ' ')}${groups.join('')}</Year>\n`
    )
  })
  return list('Students_List', years.join(''))
}

function activityXml(id: number, run: Run, names: ActivityNames): string {
  const { entry, duration } = run
  const tag = names.sharedRooms.get(entry.locationId)
  return (
    `<Activity>\n${element('Teacher', names.teachers.get(entry.teacherId) ?? '')}` +
    element('Subject', names.subjects.get(entry.subjectId) ?? '') +
    (tag === undefined ? '' : element('Activity_Tag', tag)) +
    element('Students', names.classes.get(entry.classId) ?? '') +
    `${element('Duration', duration)}${element('Total_Duration', duration)}${element('Id', id)}` +
    `${element('Activity_Group_Id', 0)}${element('Active', 'true')}${COMMENTS}</Activity>\n`
  )
}

interface ActivityNames {
  teachers: Map<string, string>
  subjects: Map<string, string>
  classes: Map<string, string>
  rooms: Map<string, string>
  /** Rooms several classes may use at once, written as an activity tag (a FET room holds one activity). */
  sharedRooms: Map<string, string>
}

const BASIC_TIME = `<ConstraintBasicCompulsoryTime>\n${element('Weight_Percentage', 100)}${element('Active', 'true')}${COMMENTS}</ConstraintBasicCompulsoryTime>\n`
const BASIC_SPACE = `<ConstraintBasicCompulsorySpace>\n${element('Weight_Percentage', 100)}${element('Active', 'true')}${COMMENTS}</ConstraintBasicCompulsorySpace>\n`

/**
 * A term as a FET 6 `.fet` file: weekdays × periods, the school's teachers, subjects, grades (years) with their
 * classes (groups), locations (rooms), one activity per lesson (consecutive periods of one class, subject,
 * teacher and location on a day as one longer activity), each locked where the plan has it.
 */
export function termToFet(term: TermForFet): TermFetExport {
  const periods = periodsInOrder(term.periods)
  const hourOf = new Map(periods.map((period, i) => [period.id, i]))
  const weekdays = planWeekdays(term.entries)
  const studentsTaken = new Set<string>()
  const classNames = uniqueNames(term.classes, studentsTaken)
  const grades = [...new Set(term.classes.map((c) => c.gradeName))].map((grade) => ({
    id: grade,
    name: grade,
  }))
  const yearNames = uniqueNames(grades, studentsTaken)
  const names: ActivityNames = {
    teachers: uniqueNames(term.teachers),
    subjects: uniqueNames(term.subjects),
    classes: classNames,
    rooms: uniqueNames(term.locations.filter((l) => !l.multiClass)),
    sharedRooms: uniqueNames(term.locations.filter((l) => l.multiClass)),
  }
  const exportable = (e: PlanEntry) =>
    names.teachers.has(e.teacherId) &&
    names.subjects.has(e.subjectId) &&
    names.classes.has(e.classId) &&
    (names.rooms.has(e.locationId) || names.sharedRooms.has(e.locationId)) &&
    hourOf.has(e.periodId) &&
    weekdays.includes(e.weekday)
  const runs = runsOf(term.entries.filter(exportable), hourOf)
  const hourNames = uniqueNames(periods)
  const placements: FetPlacement[] = runs.map((run, i) => ({
    id: i + 1,
    day: FET_WEEKDAYS[run.entry.weekday - 1] ?? '',
    hour: hourNames.get(periods[run.hour]?.id ?? '') ?? '',
    room: names.rooms.get(run.entry.locationId) ?? '',
  }))
  const capacity = new Map(term.locations.map((l) => [l.id, l.capacity ?? UNLIMITED_CAPACITY]))
  const rooms = [...names.rooms].map(
    ([id, name]) =>
      `<Room>\n${element('Name', name)}${element('Building', '')}${element('Capacity', capacity.get(id) ?? UNLIMITED_CAPACITY)}` +
      `${element('Virtual', 'false')}${COMMENTS}</Room>\n`,
  )
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>\n\n<fet version="6.8.5">\n\n<Mode>Official</Mode>\n\n` +
    `<Institution_Name>${escapeXml(term.institution)}</Institution_Name>\n\n<Comments></Comments>\n\n` +
    list(
      'Days_List',
      `<Number_of_Days>${weekdays.length}</Number_of_Days>\n` +
        namedItems(
          'Day',
          weekdays.map((d) => FET_WEEKDAYS[d - 1] ?? ''),
        ),
    ) +
    list(
      'Hours_List',
      `<Number_of_Hours>${periods.length}</Number_of_Hours>\n` + namedItems('Hour', hourNames.values()),
    ) +
    namedList('Subjects_List', 'Subject', names.subjects.values(), COMMENTS) +
    namedList(
      'Activity_Tags_List',
      'Activity_Tag',
      names.sharedRooms.values(),
      `${element('Printable', 'true')}${COMMENTS}`,
    ) +
    namedList('Teachers_List', 'Teacher', names.teachers.values(), TEACHER_EXTRA) +
    studentsList(term.classes, classNames, yearNames) +
    list('Activities_List', runs.map((run, i) => activityXml(i + 1, run, names)).join('')) +
    list('Buildings_List', '') +
    list('Rooms_List', rooms.join('')) +
    list('Time_Constraints_List', BASIC_TIME) +
    list('Space_Constraints_List', BASIC_SPACE) +
    '</fet>\n'
  const skipped = term.entries.filter((entry) => !exportable(entry))
  return { xml: lockFetSolution(xml, placements), skipped }
}
