import { ref, watch, type Ref } from 'vue'
import type { SchoolList, SchoolSummary } from '../../../../domain/org/schools-wire.ts'
import { useAuthStore } from '../auth/store.ts'

/**
 * The other schools of this server, to share a course with (CRS-4): asked from the server whenever `active`
 * turns true. Offline it stays empty and `offline` is true; the ids already chosen are kept by the form.
 */
export function useSchools(active: Ref<boolean>) {
  const auth = useAuthStore()
  const schools = ref<SchoolSummary[]>([])
  const offline = ref(false)

  watch(
    active,
    async (now) => {
      const api = auth.session?.api
      if (!now || !api) return
      try {
        const answer = await api.json<SchoolList>('/api/schools')
        schools.value = answer.schools
        offline.value = false
      } catch {
        offline.value = true
      }
    },
    { immediate: true },
  )

  return { schools, offline }
}
