import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import type { Period } from '../../../../domain/catalog/term.ts'
import type { Booking } from '../../../../domain/timetable/conflicts.ts'
import { useLocationStore } from '../locations/store.ts'
import { useClassStore, useStaffStore } from '../org/stores.ts'
import { useSubjectStore } from '../subjects/store.ts'

interface Named {
  id: string
  name: string
}

/** A booking in words, for cards, messages and exports. */
export interface BookingNames {
  teacher: string
  subject: string
  className: string
  room: string
}

/**
 * The address book and catalog as the plan and the timetable need them: the choices of the selects (in the
 * UI language's order) and names by id. Deleted or unknown references show as "?" instead of breaking.
 */
export function useReferences() {
  const { locale } = useI18n()
  const staff = useStaffStore()
  const classes = useClassStore()
  const subjects = useSubjectStore()
  const locations = useLocationStore()

  const sortByName = <T extends Named>(items: readonly T[]): T[] => {
    const collator = new Intl.Collator(locale.value, { numeric: true })
    return [...items].sort((a, b) => collator.compare(a.name, b.name))
  }
  const byId = <T extends Named>(items: readonly T[]) => new Map(items.map((item) => [item.id, item]))

  const teachers = computed(() => sortByName(staff.items.filter((person) => person.teaches)))
  const classOptions = computed(() => sortByName(classes.items))
  const subjectOptions = computed(() => sortByName(subjects.items.filter((s) => s.enabled)))
  const roomOptions = computed(() => sortByName(locations.items.filter((room) => room.enabled)))

  const staffById = computed(() => byId(staff.items))
  const classById = computed(() => byId(classes.items))
  const subjectById = computed(() => byId(subjects.items))
  const locationById = computed(() => byId(locations.items))

  function namesOf(booking: Booking & { subjectId: string }): BookingNames {
    return {
      teacher: staffById.value.get(booking.teacherId)?.name ?? '?',
      subject: subjectById.value.get(booking.subjectId)?.name ?? '?',
      className: classById.value.get(booking.classId)?.name ?? '?',
      room: locationById.value.get(booking.locationId)?.name ?? '?',
    }
  }

  function hostsSeveralClasses(locationId: string): boolean {
    return locationById.value.get(locationId)?.multiClass ?? false
  }

  return {
    teachers,
    classOptions,
    subjectOptions,
    roomOptions,
    staffById,
    classById,
    subjectById,
    locationById,
    namesOf,
    hostsSeveralClasses,
  }
}

export type References = ReturnType<typeof useReferences>

/** "第一节课 08:00–08:45" */
export function periodLabel(period: Period): string {
  return `${period.name} ${period.start}–${period.end}`
}

/** The rows of the plan's and the timetable's grid: the periods of the day, with their times. */
export function periodRows(periods: readonly Period[]): { key: string; title: string; subtitle: string }[] {
  return periods.map((period) => ({
    key: period.id,
    title: period.name,
    subtitle: `${period.start}–${period.end}`,
  }))
}
