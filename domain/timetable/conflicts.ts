/** What occupies a slot: who teaches, which class, where. Plan entries and lessons both are bookings. */
export interface Booking {
  id: string
  teacherId: string
  classId: string
  locationId: string
}

export type ClashReason = 'teacher' | 'class' | 'location'

/** Another booking of the same slot that `candidate` cannot share it with, and why. */
export interface Clash<T extends Booking> {
  other: T
  reasons: ClashReason[]
}

/**
 * TT-6: the bookings of one slot that `candidate` clashes with: the same teacher, the same class, or the same
 * room unless the room can host several classes at once. `candidate` itself (by id) is skipped.
 */
export function clashes<T extends Booking>(
  candidate: Booking,
  sameSlot: Iterable<T>,
  hostsSeveralClasses: (locationId: string) => boolean,
): Clash<T>[] {
  const found: Clash<T>[] = []
  for (const other of sameSlot) {
    if (other.id === candidate.id) continue
    const reasons: ClashReason[] = []
    if (other.teacherId === candidate.teacherId) reasons.push('teacher')
    if (other.classId === candidate.classId) reasons.push('class')
    if (other.locationId === candidate.locationId && !hostsSeveralClasses(other.locationId)) {
      reasons.push('location')
    }
    if (reasons.length > 0) found.push({ other, reasons })
  }
  return found
}

/** Bookings grouped by slot key, for looking up the bookings of one slot quickly. */
export function groupBySlot<T>(items: Iterable<T>, slotKey: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const key = slotKey(item)
    const group = groups.get(key)
    if (group) group.push(item)
    else groups.set(key, [item])
  }
  return groups
}

/** The slot of a plan entry: term, weekday, period. */
export function planSlotKey(entry: { termId: string; weekday: number; periodId: string }): string {
  return `${entry.termId}|${entry.weekday}|${entry.periodId}`
}

/** The slot of a lesson: date and period (terms do not share days). */
export function lessonSlotKey(lesson: { date: string; periodId: string }): string {
  return `${lesson.date}|${lesson.periodId}`
}

/** Every pair of clashing bookings among `bookings` (each pair once), e.g. after two PCs edited concurrently. */
export function allClashes<T extends Booking>(
  bookings: readonly T[],
  slotKey: (booking: T) => string,
  hostsSeveralClasses: (locationId: string) => boolean,
): { first: T; second: T; reasons: ClashReason[] }[] {
  const pairs: { first: T; second: T; reasons: ClashReason[] }[] = []
  for (const group of groupBySlot(bookings, slotKey).values()) {
    group.forEach((first, i) => {
      for (const { other, reasons } of clashes(first, group.slice(i + 1), hostsSeveralClasses)) {
        pairs.push({ first, second: other, reasons })
      }
    })
  }
  return pairs
}
