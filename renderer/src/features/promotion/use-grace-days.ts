import { ref, watch } from 'vue'
import { DEFAULT_GRACE_DAYS } from '../../../../domain/org/promotion/student-diff.ts'

const KEY = 'campus-desk.promotion.graceDays'
const MAX_GRACE_DAYS = 365

export function storedGraceDays(value: string | null): number {
  const days = Number(value)
  return value !== null && Number.isInteger(days) && days >= 0 && days <= MAX_GRACE_DAYS
    ? days
    : DEFAULT_GRACE_DAYS
}

/** The grace period before a missing student becomes alumni: a setting of this PC. */
export function useGraceDays() {
  const graceDays = ref(storedGraceDays(localStorage.getItem(KEY)))
  watch(graceDays, (days) => localStorage.setItem(KEY, String(days)))
  return { graceDays, maxGraceDays: MAX_GRACE_DAYS }
}
