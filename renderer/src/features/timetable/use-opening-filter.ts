import { computed, watch } from 'vue'
import { hasFilter, openingFilter, type BookingFilter } from '../../../../domain/timetable/filter.ts'
import { useAuthStore } from '../auth/store.ts'
import { useClassStore } from '../org/stores.ts'

/**
 * Opens the plan or the timetable on something useful instead of an empty grid: the teacher's own week, the
 * first class for an admin. Applied once, as soon as it is known (the classes may replicate after the screen
 * opened), and only while nothing is picked; "reset" comes back to it.
 */
export function useOpeningFilter(filter: BookingFilter) {
  const auth = useAuthStore()
  const classes = useClassStore()
  const opening = computed(() => openingFilter(auth.user, classes.items))

  let applied = false
  watch(
    opening,
    (value) => {
      if (applied || !hasFilter(value)) return
      applied = true
      if (!hasFilter(filter)) Object.assign(filter, value)
    },
    { immediate: true },
  )

  function reset(): void {
    Object.assign(filter, opening.value)
  }

  return { reset }
}
