import { onScopeDispose, shallowRef, watch } from 'vue'
import { useAuthStore } from '../auth/store.ts'
import { useSyncStore } from '../sync/store.ts'

/** How often the counts are asked again while the list is open. */
const REFRESH_MS = 60_000

/**
 * Page views per article, counted by the server (`GET /api/site/stats`, docs/sync-server.md): not replicated
 * (a count changing on every visit would flood every PC's sync), asked for while the list is open and online.
 * Null while unknown (offline, or before the first answer): the list then shows a dash.
 */
export function usePageViews() {
  const auth = useAuthStore()
  const sync = useSyncStore()
  const counts = shallowRef<Map<string, number> | null>(null)

  async function load(): Promise<void> {
    const api = auth.session?.api
    if (!api) return
    try {
      const answer = await api.json<{ views: Record<string, number> }>('/api/site/stats')
      counts.value = new Map(Object.entries(answer.views))
    } catch {
      // Offline or refused: keep what was known; the next round or reconnection asks again.
    }
  }

  const timer = setInterval(() => void load(), REFRESH_MS)
  onScopeDispose(() => clearInterval(timer))
  watch(
    () => sync.status.online,
    (online) => {
      if (online) void load()
    },
    { immediate: true },
  )

  return { counts, reload: load }
}
