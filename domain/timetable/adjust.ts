import { clashes, type Clash } from './conflicts.ts'
import { isActive, type Lesson } from './lesson.ts'

/** Where an admin wants a lesson to be (TT-8): another time, another room, or both. */
export interface LessonPlacement {
  date: string
  periodId: string
  locationId: string
}

export type AdjustmentOutcome =
  /** Nothing clashes: write `moved`. */
  | { type: 'free'; moved: Lesson }
  /** One lesson is in the way and the two can trade places: write both, or cancel. */
  | { type: 'swappable'; moved: Lesson; clash: Clash<Lesson>; swapped: Lesson }
  /** The lessons in the way cannot simply trade places: choose another time or room. */
  | { type: 'blocked'; moved: Lesson; clashes: Clash<Lesson>[]; swapClashes: Clash<Lesson>[] }

export interface AdjustmentContext {
  /** The active lessons of a slot (date and period). */
  lessonsAt(date: string, periodId: string): readonly Lesson[]
  hostsSeveralClasses(locationId: string): boolean
}

function placed(lesson: Lesson, placement: LessonPlacement): Lesson {
  return { ...lesson, ...placement, adjusted: true }
}

/**
 * Decides a move before anything is saved. When exactly one lesson is in the way, it may take the moved
 * lesson's old time and/or room (whatever the move changed): a swap, offered only if that swap clashes with
 * nothing else. The seed's system silently overwrote the other lesson; here nothing is lost without a choice.
 */
export function planAdjustment(
  lesson: Lesson,
  target: LessonPlacement,
  context: AdjustmentContext,
): AdjustmentOutcome {
  const moved = placed(lesson, target)
  const inTheWay = clashes(moved, activeAt(context, target, [lesson.id]), context.hostsSeveralClasses)
  if (inTheWay.length === 0) return { type: 'free', moved }
  const [only] = inTheWay
  if (inTheWay.length > 1 || !only) return { type: 'blocked', moved, clashes: inTheWay, swapClashes: [] }
  const swapped = placed(only.other, {
    date: target.date === lesson.date ? only.other.date : lesson.date,
    periodId: target.periodId === lesson.periodId ? only.other.periodId : lesson.periodId,
    locationId: target.locationId === lesson.locationId ? only.other.locationId : lesson.locationId,
  })
  const swapClashes = clashes(
    swapped,
    [...activeAt(context, swapped, [lesson.id, only.other.id]), ...sameSlot(moved, swapped)],
    context.hostsSeveralClasses,
  )
  return swapClashes.length === 0
    ? { type: 'swappable', moved, clash: only, swapped }
    : { type: 'blocked', moved, clashes: inTheWay, swapClashes }
}

function activeAt(context: AdjustmentContext, slot: LessonPlacement, excluded: string[]): Lesson[] {
  return context
    .lessonsAt(slot.date, slot.periodId)
    .filter((other) => isActive(other) && !excluded.includes(other.id))
}

/** The moved lesson, if it ends up in the swapped one's slot (both moves happen together). */
function sameSlot(moved: Lesson, swapped: Lesson): Lesson[] {
  return moved.date === swapped.date && moved.periodId === swapped.periodId ? [moved] : []
}
