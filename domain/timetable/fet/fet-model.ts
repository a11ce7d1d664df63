/** The contents of a FET `.fet` file (FET 5 and 6), names exactly as written (some end in tabs). */
export interface FetFile {
  version: string
  institution: string
  days: string[]
  hours: string[]
  teachers: string[]
  subjects: string[]
  activityTags: string[]
  years: FetYear[]
  activities: FetActivity[]
  buildings: string[]
  rooms: FetRoom[]
  timeConstraints: FetTimeConstraint[]
  spaceConstraints: FetSpaceConstraint[]
  /** Inactive constraints of a type this reader does not support: they cannot affect a timetable, so they are
   * listed here (by FET element name) instead of failing the whole file. */
  ignoredInactiveConstraints: string[]
}

/** A students set: a year, a group or a subgroup, with its number of students. */
export interface FetStudentsSet {
  name: string
  students: number
}

export interface FetYear extends FetStudentsSet {
  groups: FetGroup[]
}

export interface FetGroup extends FetStudentsSet {
  subgroups: FetStudentsSet[]
}

export interface FetActivity {
  id: number
  /** The id shared by the parts of a split activity; 0 when the activity is not split. */
  groupId: number
  teachers: string[]
  subject: string
  activityTags: string[]
  students: string[]
  duration: number
  totalDuration: number
  active: boolean
}

export interface FetRoom {
  name: string
  building: string
  capacity: number
  /** For a virtual room: the sets of real rooms, one of each set is taken (FET 6). Empty for a real room. */
  realRoomSets: string[][]
}

export interface FetTime {
  day: string
  hour: string
}

interface Weighted {
  /** FET's weight percentage: 100 is a hard constraint, below is soft. */
  weight: number
  active: boolean
}

/** Which activities a constraint applies to: every non-empty field must match (FET's "activities" filter). */
export interface FetActivityFilter {
  teacher: string
  students: string
  subject: string
  activityTag: string
  duration: number | null
}

export type FetTimeConstraint = Weighted &
  (
    | { type: 'BasicCompulsoryTime' }
    | { type: 'BreakTimes'; times: FetTime[] }
    | { type: 'TeacherNotAvailableTimes'; teacher: string; times: FetTime[] }
    | { type: 'StudentsSetNotAvailableTimes'; students: string; times: FetTime[] }
    | { type: 'ActivityPreferredStartingTime'; activityId: number; time: FetTime; permanentlyLocked: boolean }
    | {
        type: 'ActivityPreferredStartingTimes' | 'ActivityPreferredTimeSlots'
        activityId: number
        times: FetTime[]
      }
    | {
        type: 'ActivitiesPreferredStartingTimes' | 'ActivitiesPreferredTimeSlots'
        filter: FetActivityFilter
        times: FetTime[]
      }
    | {
        type: 'SubactivitiesPreferredTimeSlots'
        component: number
        filter: FetActivityFilter
        times: FetTime[]
      }
    | { type: 'ActivitiesSameStartingTime' | 'ActivitiesNotOverlapping'; activityIds: number[] }
    | {
        type: 'MinDaysBetweenActivities'
        activityIds: number[]
        minDays: number
        consecutiveIfSameDay: boolean
      }
    | { type: 'TwoActivitiesConsecutive'; firstActivityId: number; secondActivityId: number }
    | { type: 'ActivityEndsStudentsDay'; activityId: number }
    /** `students` is null for the all-students form (Students…), a set's name for the StudentsSet… form. */
    | { type: 'StudentsEarlyMaxBeginningsAtSecondHour'; students: string | null; maxBeginnings: number }
    | { type: 'StudentsMaxGapsPerWeek'; students: string | null; maxGaps: number }
    | { type: 'StudentsMinHoursDaily'; students: string | null; minHours: number; allowEmptyDays: boolean }
    | { type: 'StudentsMaxHoursDaily'; students: string | null; maxHours: number }
    /** `teacher` is null for the all-teachers form (Teachers…), a name for the Teacher… form. */
    | { type: 'TeacherMaxDaysPerWeek'; teacher: string | null; maxDays: number }
    | { type: 'TeacherMaxHoursDaily'; teacher: string | null; maxHours: number }
    | { type: 'TeacherMaxGapsPerWeek'; teacher: string | null; maxGaps: number }
    | { type: 'TeacherMinHoursDaily'; teacher: string | null; minHours: number; allowEmptyDays: boolean }
    /** At most `maxDays` days with a lesson in the hours from `startHour` up to `endHour` ('' : the day's end). */
    | ({ type: 'TeacherIntervalMaxDaysPerWeek'; teacher: string | null } & FetHourInterval)
    | ({ type: 'StudentsIntervalMaxDaysPerWeek'; students: string | null } & FetHourInterval)
  )

/** Hours by name, `endHour` excluded; FET writes an empty end for the end of the day (which has no name). */
export interface FetHourInterval {
  startHour: string
  endHour: string
  maxDays: number
}

export type FetSpaceConstraint = Weighted &
  (
    | { type: 'BasicCompulsorySpace' }
    | { type: 'ActivityPreferredRoom'; activityId: number; room: string; permanentlyLocked: boolean }
    | { type: 'ActivityPreferredRooms'; activityId: number; rooms: string[] }
    | { type: 'ActivityTagPreferredRooms'; activityTag: string; rooms: string[] }
    | { type: 'SubjectPreferredRooms'; subject: string; rooms: string[] }
    | { type: 'TeacherHomeRoom'; teacher: string; room: string }
    | { type: 'RoomNotAvailableTimes'; room: string; times: FetTime[] }
  )

/** An activity's place in a FET solution (`_activities.xml`), by names; room '' when it has none. */
export interface FetPlacement {
  id: number
  day: string
  hour: string
  room: string
}
