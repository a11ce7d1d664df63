import { XMLParser } from 'fast-xml-parser'
import type {
  FetActivity,
  FetActivityFilter,
  FetFile,
  FetGroup,
  FetHourInterval,
  FetPlacement,
  FetRoom,
  FetSpaceConstraint,
  FetStudentsSet,
  FetTime,
  FetTimeConstraint,
  FetYear,
} from './fet-model.ts'

/** The file is not a `.fet` file this reader understands. */
export class FetFormatError extends Error {
  override name = 'FetFormatError'
}

/** An active constraint of a type the solver does not support: refusing is safer than ignoring it. */
export class UnsupportedFetConstraintError extends FetFormatError {
  override name = 'UnsupportedFetConstraintError'
  readonly constraint: string
  constructor(constraint: string) {
    super(`unsupported constraint ${constraint}`)
    this.constraint = constraint
  }
}

/** Every element is read as a list, so single and repeated elements are handled alike. */
type XmlNode = { [tag: string]: XmlNode[] | string[] | string | undefined }

const parser = new XMLParser({
  trimValues: false,
  parseTagValue: false,
  ignoreAttributes: false,
  isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
})

function nodes(parent: XmlNode | undefined, tag: string): XmlNode[] {
  const value = parent?.[tag]
  return Array.isArray(value) ? value.filter((item): item is XmlNode => typeof item === 'object') : []
}

function texts(parent: XmlNode | undefined, tag: string): string[] {
  const value = parent?.[tag]
  if (!Array.isArray(value)) return []
  return value.map((item) => {
    if (typeof item === 'string') return item
    const inner = item['#text']
    return typeof inner === 'string' ? inner : ''
  })
}

function text(parent: XmlNode, tag: string, fallback?: string): string {
  const [value] = texts(parent, tag)
  if (value !== undefined) return value
  if (fallback !== undefined) return fallback
  throw new FetFormatError(`missing <${tag}>`)
}

function int(parent: XmlNode, tag: string, fallback?: number): number {
  const raw = text(parent, tag, fallback === undefined ? undefined : String(fallback)).trim()
  const value = Number(raw)
  if (raw === '' || !Number.isFinite(value)) throw new FetFormatError(`<${tag}> is not a number: "${raw}"`)
  return value
}

function bool(parent: XmlNode, tag: string, fallback: boolean): boolean {
  const raw = text(parent, tag, String(fallback)).trim()
  return raw === 'true' || raw === '1'
}

const names = (list: XmlNode | undefined, tag: string) => nodes(list, tag).map((item) => text(item, 'Name'))

function studentsSet(node: XmlNode): FetStudentsSet {
  return { name: text(node, 'Name'), students: int(node, 'Number_of_Students', 0) }
}

function readYear(node: XmlNode): FetYear {
  const groups: FetGroup[] = nodes(node, 'Group').map((group) => ({
    ...studentsSet(group),
    subgroups: nodes(group, 'Subgroup').map(studentsSet),
  }))
  return { ...studentsSet(node), groups }
}

function readActivity(node: XmlNode): FetActivity {
  return {
    id: int(node, 'Id'),
    groupId: int(node, 'Activity_Group_Id', 0),
    teachers: texts(node, 'Teacher'),
    subject: text(node, 'Subject', ''),
    activityTags: texts(node, 'Activity_Tag'),
    students: texts(node, 'Students'),
    duration: int(node, 'Duration'),
    totalDuration: int(node, 'Total_Duration', int(node, 'Duration')),
    active: bool(node, 'Active', true),
  }
}

function readRoom(node: XmlNode): FetRoom {
  return {
    name: text(node, 'Name'),
    building: text(node, 'Building', ''),
    capacity: int(node, 'Capacity', 0),
    realRoomSets: nodes(node, 'Set_of_Real_Rooms').map((set) => texts(set, 'Real_Room')),
  }
}

function times(node: XmlNode, itemTag: string, dayTag: string, hourTag: string): FetTime[] {
  return nodes(node, itemTag).map((item) => ({ day: text(item, dayTag), hour: text(item, hourTag) }))
}

const notAvailable = (node: XmlNode) => times(node, 'Not_Available_Time', 'Day', 'Hour')
const preferredSlots = (node: XmlNode) =>
  times(node, 'Preferred_Time_Slot', 'Preferred_Day', 'Preferred_Hour')
const preferredStarts = (node: XmlNode) =>
  times(node, 'Preferred_Starting_Time', 'Preferred_Starting_Day', 'Preferred_Starting_Hour')

function filter(node: XmlNode): FetActivityFilter {
  const duration = text(node, 'Duration', '').trim()
  return {
    teacher: text(node, 'Teacher_Name', ''),
    students: text(node, 'Students_Name', ''),
    subject: text(node, 'Subject_Name', ''),
    activityTag: text(node, 'Activity_Tag_Name', ''),
    duration: duration === '' ? null : Number(duration),
  }
}

const activityIds = (node: XmlNode) => texts(node, 'Activity_Id').map((id) => Number(id.trim()))
const rooms = (node: XmlNode) => texts(node, 'Preferred_Room')
const optionalTeacher = (node: XmlNode) => text(node, 'Teacher_Name', '') || null

type Body<C> = C extends { type: string } ? Omit<C, 'weight' | 'active'> : never
type Reader<C> = (node: XmlNode) => Body<C>

/** FET element name (without "Constraint") → how to read it. Singular and plural forms share one model type. */
const TIME_READERS: Record<string, Reader<FetTimeConstraint>> = {
  BasicCompulsoryTime: () => ({ type: 'BasicCompulsoryTime' }),
  BreakTimes: (n) => ({ type: 'BreakTimes', times: times(n, 'Break_Time', 'Day', 'Hour') }),
  TeacherNotAvailableTimes: (n) => ({
    type: 'TeacherNotAvailableTimes',
    teacher: text(n, 'Teacher'),
    times: notAvailable(n),
  }),
  StudentsSetNotAvailableTimes: (n) => ({
    type: 'StudentsSetNotAvailableTimes',
    students: text(n, 'Students'),
    times: notAvailable(n),
  }),
  ActivityPreferredStartingTime: (n) => ({
    type: 'ActivityPreferredStartingTime',
    activityId: int(n, 'Activity_Id'),
    time: { day: text(n, 'Preferred_Day'), hour: text(n, 'Preferred_Hour') },
    permanentlyLocked: bool(n, 'Permanently_Locked', false),
  }),
  ActivityPreferredStartingTimes: (n) => ({
    type: 'ActivityPreferredStartingTimes',
    activityId: int(n, 'Activity_Id'),
    times: preferredStarts(n),
  }),
  ActivityPreferredTimeSlots: (n) => ({
    type: 'ActivityPreferredTimeSlots',
    activityId: int(n, 'Activity_Id'),
    times: preferredSlots(n),
  }),
  ActivitiesPreferredStartingTimes: (n) => ({
    type: 'ActivitiesPreferredStartingTimes',
    filter: filter(n),
    times: preferredStarts(n),
  }),
  ActivitiesPreferredTimeSlots: (n) => ({
    type: 'ActivitiesPreferredTimeSlots',
    filter: filter(n),
    times: preferredSlots(n),
  }),
  SubactivitiesPreferredTimeSlots: (n) => ({
    type: 'SubactivitiesPreferredTimeSlots',
    component: int(n, 'Component_Number'),
    filter: filter(n),
    times: preferredSlots(n),
  }),
  ActivitiesSameStartingTime: (n) => ({ type: 'ActivitiesSameStartingTime', activityIds: activityIds(n) }),
  ActivitiesNotOverlapping: (n) => ({ type: 'ActivitiesNotOverlapping', activityIds: activityIds(n) }),
  MinDaysBetweenActivities: (n) => ({
    type: 'MinDaysBetweenActivities',
    activityIds: activityIds(n),
    minDays: int(n, 'MinDays'),
    consecutiveIfSameDay: bool(n, 'Consecutive_If_Same_Day', false),
  }),
  TwoActivitiesConsecutive: (n) => ({
    type: 'TwoActivitiesConsecutive',
    firstActivityId: int(n, 'First_Activity_Id'),
    secondActivityId: int(n, 'Second_Activity_Id'),
  }),
  ActivityEndsStudentsDay: (n) => ({ type: 'ActivityEndsStudentsDay', activityId: int(n, 'Activity_Id') }),
  StudentsEarlyMaxBeginningsAtSecondHour: (n) => earlyBeginnings(n, null),
  StudentsSetEarlyMaxBeginningsAtSecondHour: (n) => earlyBeginnings(n, text(n, 'Students')),
  StudentsMaxGapsPerWeek: (n) => studentsMaxGaps(n, null),
  StudentsSetMaxGapsPerWeek: (n) => studentsMaxGaps(n, text(n, 'Students')),
  StudentsMinHoursDaily: (n) => studentsMinHours(n, null),
  StudentsSetMinHoursDaily: (n) => studentsMinHours(n, text(n, 'Students')),
  StudentsMaxHoursDaily: (n) => studentsMaxHours(n, null),
  StudentsSetMaxHoursDaily: (n) => studentsMaxHours(n, text(n, 'Students')),
  TeacherMaxDaysPerWeek: (n) => teacherMaxDays(n),
  TeachersMaxDaysPerWeek: (n) => teacherMaxDays(n),
  TeacherMaxHoursDaily: (n) => teacherMaxHours(n),
  TeachersMaxHoursDaily: (n) => teacherMaxHours(n),
  TeacherMaxGapsPerWeek: (n) => teacherMaxGaps(n),
  TeachersMaxGapsPerWeek: (n) => teacherMaxGaps(n),
  TeacherMinHoursDaily: (n) => teacherMinHours(n),
  TeachersMinHoursDaily: (n) => teacherMinHours(n),
  TeacherIntervalMaxDaysPerWeek: (n) => ({
    type: 'TeacherIntervalMaxDaysPerWeek',
    teacher: optionalTeacher(n),
    ...hourInterval(n),
  }),
  TeachersIntervalMaxDaysPerWeek: (n) => ({
    type: 'TeacherIntervalMaxDaysPerWeek',
    teacher: null,
    ...hourInterval(n),
  }),
  StudentsSetIntervalMaxDaysPerWeek: (n) => ({
    type: 'StudentsIntervalMaxDaysPerWeek',
    students: text(n, 'Students'),
    ...hourInterval(n),
  }),
  StudentsIntervalMaxDaysPerWeek: (n) => ({
    type: 'StudentsIntervalMaxDaysPerWeek',
    students: null,
    ...hourInterval(n),
  }),
}

function hourInterval(n: XmlNode): FetHourInterval {
  return {
    startHour: text(n, 'Interval_Start_Hour'),
    endHour: text(n, 'Interval_End_Hour', ''),
    maxDays: int(n, 'Max_Days_Per_Week'),
  }
}

function earlyBeginnings(n: XmlNode, students: string | null): Body<FetTimeConstraint> {
  const maxBeginnings = int(n, 'Max_Beginnings_At_Second_Hour')
  return { type: 'StudentsEarlyMaxBeginningsAtSecondHour', students, maxBeginnings }
}

function studentsMaxGaps(n: XmlNode, students: string | null): Body<FetTimeConstraint> {
  return { type: 'StudentsMaxGapsPerWeek', students, maxGaps: int(n, 'Max_Gaps') }
}

function studentsMinHours(n: XmlNode, students: string | null): Body<FetTimeConstraint> {
  const minHours = int(n, 'Minimum_Hours_Daily')
  return {
    type: 'StudentsMinHoursDaily',
    students,
    minHours,
    allowEmptyDays: bool(n, 'Allow_Empty_Days', false),
  }
}

function studentsMaxHours(n: XmlNode, students: string | null): Body<FetTimeConstraint> {
  return { type: 'StudentsMaxHoursDaily', students, maxHours: int(n, 'Maximum_Hours_Daily') }
}

function teacherMaxDays(n: XmlNode): Body<FetTimeConstraint> {
  return { type: 'TeacherMaxDaysPerWeek', teacher: optionalTeacher(n), maxDays: int(n, 'Max_Days_Per_Week') }
}

function teacherMaxHours(n: XmlNode): Body<FetTimeConstraint> {
  return {
    type: 'TeacherMaxHoursDaily',
    teacher: optionalTeacher(n),
    maxHours: int(n, 'Maximum_Hours_Daily'),
  }
}

function teacherMaxGaps(n: XmlNode): Body<FetTimeConstraint> {
  return { type: 'TeacherMaxGapsPerWeek', teacher: optionalTeacher(n), maxGaps: int(n, 'Max_Gaps') }
}

function teacherMinHours(n: XmlNode): Body<FetTimeConstraint> {
  const minHours = int(n, 'Minimum_Hours_Daily')
  const allowEmptyDays = bool(n, 'Allow_Empty_Days', true)
  return { type: 'TeacherMinHoursDaily', teacher: optionalTeacher(n), minHours, allowEmptyDays }
}

const SPACE_READERS: Record<string, Reader<FetSpaceConstraint>> = {
  BasicCompulsorySpace: () => ({ type: 'BasicCompulsorySpace' }),
  ActivityPreferredRoom: (n) => ({
    type: 'ActivityPreferredRoom',
    activityId: int(n, 'Activity_Id'),
    room: text(n, 'Room'),
    permanentlyLocked: bool(n, 'Permanently_Locked', false),
  }),
  ActivityPreferredRooms: (n) => ({
    type: 'ActivityPreferredRooms',
    activityId: int(n, 'Activity_Id'),
    rooms: rooms(n),
  }),
  ActivityTagPreferredRoom: (n) => ({
    type: 'ActivityTagPreferredRooms',
    activityTag: text(n, 'Activity_Tag'),
    rooms: [text(n, 'Room')],
  }),
  ActivityTagPreferredRooms: (n) => ({
    type: 'ActivityTagPreferredRooms',
    activityTag: text(n, 'Activity_Tag'),
    rooms: rooms(n),
  }),
  SubjectPreferredRoom: (n) => ({
    type: 'SubjectPreferredRooms',
    subject: text(n, 'Subject'),
    rooms: [text(n, 'Room')],
  }),
  SubjectPreferredRooms: (n) => ({
    type: 'SubjectPreferredRooms',
    subject: text(n, 'Subject'),
    rooms: rooms(n),
  }),
  TeacherHomeRoom: (n) => ({ type: 'TeacherHomeRoom', teacher: text(n, 'Teacher'), room: text(n, 'Room') }),
  RoomNotAvailableTimes: (n) => ({
    type: 'RoomNotAvailableTimes',
    room: text(n, 'Room'),
    times: notAvailable(n),
  }),
}

/** The FET constraint element names (e.g. "ConstraintBreakTimes") this reader supports. */
export const SUPPORTED_FET_CONSTRAINTS: readonly string[] = [
  ...Object.keys(TIME_READERS),
  ...Object.keys(SPACE_READERS),
]
  .map((type) => `Constraint${type}`)
  .sort()

/** Where unsupported constraints go: inactive ones are listed; active ones throw unless `skippedActive` is given. */
interface Unsupported {
  ignoredInactive: string[]
  skippedActive: string[] | null
}

function readConstraints<C>(
  list: XmlNode | undefined,
  readers: Record<string, Reader<C>>,
  unsupported: Unsupported,
): C[] {
  const read: C[] = []
  for (const element of Object.keys(list ?? {})) {
    if (!element.startsWith('Constraint')) continue
    const reader = readers[element.slice('Constraint'.length)]
    for (const node of nodes(list, element)) {
      const active = bool(node, 'Active', true)
      if (!reader) {
        if (active && !unsupported.skippedActive) throw new UnsupportedFetConstraintError(element)
        ;(active ? (unsupported.skippedActive ?? []) : unsupported.ignoredInactive).push(element)
        continue
      }
      read.push({ ...reader(node), weight: Number(text(node, 'Weight_Percentage').trim()), active } as C)
    }
  }
  return read
}

/** Reads a `.fet` file's text (FET 5 or 6). Throws FetFormatError, or UnsupportedFetConstraintError naming the type. */
export function readFet(xml: string): FetFile {
  return readFetFile(xml, { ignoredInactive: [], skippedActive: null })
}

/**
 * Reads a `.fet` file for its names and placements only (importing a plan): active constraints of unsupported
 * types are left out and listed by element name instead of refusing the file.
 */
export function readFetForImport(xml: string): { fet: FetFile; skippedConstraints: string[] } {
  const skippedActive: string[] = []
  return { fet: readFetFile(xml, { ignoredInactive: [], skippedActive }), skippedConstraints: skippedActive }
}

function readFetFile(xml: string, unsupported: Unsupported): FetFile {
  let root: XmlNode | undefined
  try {
    ;[root] = nodes(parser.parse(xml) as XmlNode, 'fet')
  } catch (error) {
    throw new FetFormatError(`not well-formed XML: ${(error as Error).message}`)
  }
  if (!root) throw new FetFormatError('no <fet> element')
  const [timeList] = nodes(root, 'Time_Constraints_List')
  const [spaceList] = nodes(root, 'Space_Constraints_List')
  return {
    version: typeof root['@_version'] === 'string' ? root['@_version'] : '',
    institution: text(root, 'Institution_Name', ''),
    days: names(nodes(root, 'Days_List')[0], 'Day'),
    hours: names(nodes(root, 'Hours_List')[0], 'Hour'),
    teachers: names(nodes(root, 'Teachers_List')[0], 'Teacher'),
    subjects: names(nodes(root, 'Subjects_List')[0], 'Subject'),
    activityTags: names(nodes(root, 'Activity_Tags_List')[0], 'Activity_Tag'),
    years: nodes(nodes(root, 'Students_List')[0], 'Year').map(readYear),
    activities: nodes(nodes(root, 'Activities_List')[0], 'Activity').map(readActivity),
    buildings: names(nodes(root, 'Buildings_List')[0], 'Building'),
    rooms: nodes(nodes(root, 'Rooms_List')[0], 'Room').map(readRoom),
    timeConstraints: readConstraints(timeList, TIME_READERS, unsupported),
    spaceConstraints: readConstraints(spaceList, SPACE_READERS, unsupported),
    ignoredInactiveConstraints: unsupported.ignoredInactive,
  }
}

/** Reads FET's `<name>_activities.xml` (a solution): each activity's day, hour and room by name. */
export function readFetSolution(xml: string): FetPlacement[] {
  const [root] = nodes(parser.parse(xml) as XmlNode, 'Activities_Timetable')
  if (!root) throw new FetFormatError('no <Activities_Timetable> element')
  return nodes(root, 'Activity').map((activity) => ({
    id: int(activity, 'Id'),
    day: text(activity, 'Day'),
    hour: text(activity, 'Hour'),
    room: text(activity, 'Room', ''),
  }))
}
