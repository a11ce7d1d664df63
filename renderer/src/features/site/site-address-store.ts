import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import type { SiteAddress } from '../../../../domain/site/site-wire.ts'
import { authDependencies } from '../auth/dependencies.ts'
import { useAuthStore } from '../auth/store.ts'
import { useSyncStore } from '../sync/store.ts'

const preferenceKey = (schoolId: string) => `site.home.${schoolId}`

/**
 * The public home of the school's micro-site as the server tells it (`GET /api/site/address`: its `PUBLIC_URL`
 * and the school's code, neither of which the desktop can work out), asked once per session when online and kept
 * in the preferences so the links work offline after that. Null while never known.
 */
export const useSiteAddressStore = defineStore('siteAddress', () => {
  const auth = useAuthStore()
  const sync = useSyncStore()
  const asked = ref<string | null>(null)
  const homes = ref(new Map<string, string>())

  const schoolId = computed(() => auth.session?.user.schoolId ?? null)
  const home = computed(() => {
    const id = schoolId.value
    if (id === null) return null
    return homes.value.get(id) ?? authDependencies().preferences.get(preferenceKey(id))
  })

  async function ask(): Promise<void> {
    const session = auth.session
    if (!session || asked.value === session.user.id) return
    asked.value = session.user.id
    try {
      const address = await session.api.json<SiteAddress>('/api/site/address')
      const id = session.user.schoolId
      authDependencies().preferences.set(preferenceKey(id), address.home)
      homes.value = new Map(homes.value).set(id, address.home)
    } catch {
      // Offline or refused: the remembered address (or none) stays; the next time online asks again.
      asked.value = null
    }
  }

  watch(
    () => [sync.status.online, auth.session] as const,
    ([online]) => {
      if (online) void ask()
    },
    { immediate: true },
  )

  return { home }
})
