import { hasRole, isAdmin, type SessionUser } from '../auth/roles.ts'
import { inSchoolOrder, type SchoolClass } from '../org/school-class.ts'

/** TT-5/TT-8: the plan and the timetable are looked at through a teacher, a class or a room (or several). */
export interface BookingFilter {
  teacherId: string
  classId: string
  locationId: string
}

export const NO_FILTER: BookingFilter = { teacherId: '', classId: '', locationId: '' }

/** At least one criterion is required, as in the seed: a whole school's week is unreadable. */
export function hasFilter(filter: BookingFilter): boolean {
  return Boolean(filter.teacherId || filter.classId || filter.locationId)
}

/** Does a booking match every criterion that is set? */
export function matchesFilter(
  booking: { teacherId: string; classId: string; locationId: string },
  filter: BookingFilter,
): boolean {
  return (
    (!filter.teacherId || booking.teacherId === filter.teacherId) &&
    (!filter.classId || booking.classId === filter.classId) &&
    (!filter.locationId || booking.locationId === filter.locationId)
  )
}

/**
 * What the plan and the timetable open on, so they never start empty: an admin sees the first class of the
 * school, a teacher their own week (a teacher's staff document has the id of their login identity).
 */
export function openingFilter(
  user: SessionUser | null,
  classes: readonly Pick<SchoolClass, 'id' | 'year' | 'name'>[],
): BookingFilter {
  if (user && isAdmin(user)) return { ...NO_FILTER, classId: inSchoolOrder(classes)[0]?.id ?? '' }
  if (user && hasRole(user, 'teacher')) return { ...NO_FILTER, teacherId: user.id }
  return NO_FILTER
}
